export { backoff, type Backoff, type BackoffPolicy } from './backoff.ts';
export { isRetryable, type Retryable } from './retryable.ts';
export { TokenBucket, type TakeOutcome } from './token-bucket.ts';
export { WakeableSleep } from './wakeable-sleep.ts';
export { waitFor, waitUntil, type WaitOptions } from './wait-until.ts';
