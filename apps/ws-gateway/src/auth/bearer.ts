/**
 * The token of an `Authorization: Bearer <jwt>` header: undefined when there is no header (an
 * unauthenticated socket, which may log in later), null when the header is not a bearer token.
 */
export function bearerToken(
  header: string | readonly string[] | undefined,
): string | null | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string') return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
