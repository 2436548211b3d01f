/** The outcome of validating untrusted input: the typed value, or the typed error that says why not. */
export type ParseResult<T, E> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** The value of a successful parse; throws the parse's own typed error otherwise (trusted input). */
export function unwrap<T, E>(result: ParseResult<T, E>): T {
  if (result.ok) return result.value;
  throw result.error;
}
