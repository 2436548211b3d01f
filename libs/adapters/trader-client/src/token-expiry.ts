/**
 * When a JWT expires (its `exp`, in ms), read without verifying it: the client only needs it to
 * refresh in time, the gateway is the one that checks. Undefined for anything that is not a JWT
 * with a numeric `exp` (an opaque token is then never refreshed on the open socket).
 */
export function tokenExpiresAtMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { readonly exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When to log in again with a fresh token: a fifth of the lifetime left, at most a minute before
 * expiry, at least a second after now (a token about to expire is refreshed at once).
 */
export function reloginAtMs(expiresAtMs: number, nowMs: number): number {
  const left = expiresAtMs - nowMs;
  return nowMs + Math.max(1_000, left - Math.min(60_000, left / 5));
}
