import { describe, expect, it } from 'vitest';
import { backoff } from './backoff.ts';
import { isRetryable, type Retryable } from './retryable.ts';

describe('backoff', () => {
  it('doubles from the initial delay up to the cap without jitter', () => {
    const delay = backoff({ initialMs: 100, maxMs: 1_000, jitter: 'none' });
    expect([0, 1, 2, 3, 4, 5].map(delay)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('stays finite after a very long outage', () => {
    const delay = backoff({ initialMs: 50, maxMs: 30_000, jitter: 'none' });
    expect(delay(10_000)).toBe(30_000);
    expect(delay(-3)).toBe(50);
  });

  it('spreads full jitter over [0, ceiling]', () => {
    expect(backoff({ initialMs: 100, maxMs: 1_000 }, () => 0)(3)).toBe(0);
    expect(backoff({ initialMs: 100, maxMs: 1_000 }, () => 0.999_999)(3)).toBe(800);
    expect(backoff({ initialMs: 100, maxMs: 1_000 }, () => 0.5)(2)).toBe(200);
  });

  it('keeps equal jitter in the upper half of the ceiling', () => {
    const delay = backoff({ initialMs: 100, maxMs: 1_000, jitter: 'equal' }, () => 0);
    expect(delay(2)).toBe(200);
    expect(backoff({ initialMs: 100, maxMs: 1_000, jitter: 'equal' }, () => 1)(2)).toBe(400);
  });

  it('rejects a policy whose cap is below its start', () => {
    expect(() => backoff({ initialMs: 500, maxMs: 100 })).toThrow(RangeError);
    expect(() => backoff({ initialMs: Number.NaN, maxMs: 100 })).toThrow(RangeError);
  });
});

describe('isRetryable', () => {
  class Busy extends Error implements Retryable {
    readonly retryable = true as const;
  }

  it('is true only for errors that carry the marker', () => {
    expect(isRetryable(new Busy('busy'))).toBe(true);
    expect(isRetryable(new Error('plain'))).toBe(false);
    expect(isRetryable({ retryable: 'yes' })).toBe(false);
    expect(isRetryable(null)).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});
