/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the delay before retry `attempt` is uniform in [0, min(maxMs, initialMs * 2^attempt)], so many
 * clients that failed together do not come back together. `jitter: 'none'` gives the ceiling
 * itself, for schedules that must be predictable (tests, a single process retrying its own work).
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** `full` (default): uniform in [0, ceiling]; `equal`: ceiling/2 + uniform in [0, ceiling/2]. */
  readonly jitter?: 'full' | 'equal' | 'none';
}

/** Caps the exponent so `2 ** attempt` never overflows into Infinity for a long outage. */
const MAX_EXPONENT = 30;

export type Backoff = (attempt: number) => number;

export function backoff(policy: BackoffPolicy, random: () => number = Math.random): Backoff {
  if (!(policy.initialMs >= 0) || !(policy.maxMs >= policy.initialMs)) {
    throw new RangeError(
      `backoff needs 0 <= initialMs <= maxMs, got ${policy.initialMs}, ${policy.maxMs}`,
    );
  }
  const jitter = policy.jitter ?? 'full';
  return (attempt) => {
    const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT);
    const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
    switch (jitter) {
      case 'none':
        return ceiling;
      case 'equal':
        return Math.round(ceiling / 2 + random() * (ceiling / 2));
      case 'full':
        return Math.round(random() * ceiling);
    }
  };
}
