import type { Retryable } from '@perp/retry';

/** A dependency (Redis) failed; nothing was queued, so the client may retry (10007). */
export class DependencyUnavailableError extends Error implements Retryable {
  readonly code = 'DEPENDENCY_UNAVAILABLE';
  readonly retryable = true;
  readonly dependency: string;

  constructor(dependency: string, options?: ErrorOptions) {
    super(`${dependency} is unavailable`, options);
    this.name = 'DependencyUnavailableError';
    this.dependency = dependency;
  }
}

/** Runs a Redis operation; any failure becomes a retryable DependencyUnavailableError (10007). */
export async function retryableOnRedisFailure<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new DependencyUnavailableError('redis', { cause: error });
  }
}
