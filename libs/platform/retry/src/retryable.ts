/**
 * The one marker for "the same call may succeed if made again": an error class sets
 * `retryable = true` (a read-only own field, not a name or a code the caller must know). Terminal
 * errors do not carry it. Edges (the gateway's RPC errors, the OMS's queue consumer) ask
 * `isRetryable` instead of matching class names.
 */
export interface Retryable {
  readonly retryable: true;
}

export function isRetryable(error: unknown): error is Error & Retryable {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { readonly retryable?: unknown }).retryable === true
  );
}
