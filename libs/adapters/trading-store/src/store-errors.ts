import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Retryable } from '@perp/retry';

/** The store could not be reached or was throttled; the same operation may succeed when retried. */
export class RetryableStoreError extends Error implements Retryable {
  readonly code = 'STORE_UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RetryableStoreError';
  }
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  'TimeoutError',
]);

function isRetryableAwsError(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return RETRYABLE.has(name) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code);
}

/** What the stores send requests through. */
export type StoreClient = Pick<DynamoDBDocumentClient, 'send'>;

/**
 * The client the stores use: every request whose failure is transient (throttled, unreachable,
 * timed out) throws a RetryableStoreError instead, so callers see one retryable error whatever
 * the request; other failures (a failed condition, a canceled transaction) pass unchanged.
 */
export function retryableStoreClient(db: DynamoDBDocumentClient): StoreClient {
  const send = async (...args: Parameters<DynamoDBDocumentClient['send']>) => {
    try {
      return await (db.send as (...a: typeof args) => Promise<unknown>)(...args);
    } catch (error) {
      if (isRetryableAwsError(error))
        throw new RetryableStoreError(`DynamoDB unavailable: ${(error as Error).message}`, {
          cause: error,
        });
      throw error;
    }
  };
  return { send: send as DynamoDBDocumentClient['send'] };
}
