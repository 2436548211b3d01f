import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows its capacity at once, then one token per refill interval', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 2, capacity: 3, clock: () => now });
    expect([bucket.take(), bucket.take(), bucket.take()].every((t) => t.allowed)).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterMs: 500 });
    now = 499;
    expect(bucket.take().allowed).toBe(false);
    now = 1000;
    expect(bucket.take().allowed).toBe(true);
  });

  it('drain empties it until the next refill', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 10, capacity: 10, clock: () => now });
    bucket.drain();
    expect(bucket.take()).toEqual({ allowed: false, retryAfterMs: 100 });
    now = 100;
    expect(bucket.take().allowed).toBe(true);
  });
});
