export { backoff, type Backoff, type BackoffPolicy } from './backoff.ts';
export { isRetryable, type Retryable } from './retryable.ts';
