/**
 * A message that can never be processed (malformed, unknown version, impossible command). The
 * consumer moves it to the dead-letter queue at once when it knows the queue's URL, else leaves it
 * for SQS's redrive (after maxReceiveCount receives). Operators inspect it there; others go on.
 */
export class PoisonMessageError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PoisonMessageError';
    this.code = code;
  }
}

/** Anything else a handler throws is treated as retryable (a store timed out, a venue was slow). */
export function isPoison(error: unknown): error is PoisonMessageError {
  return error instanceof PoisonMessageError;
}
