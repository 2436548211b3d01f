/**
 * A message that can never be processed (malformed, unknown version, impossible command). It is not
 * deleted: SQS moves it to the dead-letter queue once its receive count passes the queue's
 * maxReceiveCount, where operators can inspect it. Other groups go on meanwhile.
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
