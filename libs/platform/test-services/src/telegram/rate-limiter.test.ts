import { describe, expect, it } from 'vitest';
import { MessageRateLimiter, TELEGRAM_RATE_LIMITS } from './rate-limiter.ts';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MessageRateLimiter', () => {
  it("allows Telegram's burst of 3 into one chat, then 1 per second", () => {
    const time = clock();
    const limiter = new MessageRateLimiter(TELEGRAM_RATE_LIMITS, time.now);
    expect([limiter.admit(1), limiter.admit(1), limiter.admit(1)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(limiter.admit(1)).toBe(1);
    // Another chat has its own bucket.
    expect(limiter.admit(2)).toBeUndefined();
    time.advance(999);
    expect(limiter.admit(1)).toBe(1);
    time.advance(1);
    expect(limiter.admit(1)).toBeUndefined();
    expect(limiter.admit(1)).toBe(1);
  });

  it('answers retry_after in whole seconds, rounded up', () => {
    const time = clock();
    const limiter = new MessageRateLimiter(
      { perChatPerSecond: 0.25, globalPerSecond: 30, perChatBurst: 1 },
      time.now,
    );
    expect(limiter.admit(7)).toBeUndefined();
    expect(limiter.admit(7)).toBe(4);
    time.advance(1_500);
    expect(limiter.admit(7)).toBe(3);
  });

  it('limits all chats together to the global rate', () => {
    const time = clock();
    const limiter = new MessageRateLimiter(
      { perChatPerSecond: 100, globalPerSecond: 3, perChatBurst: 10 },
      time.now,
    );
    expect([limiter.admit(1), limiter.admit(2), limiter.admit(3)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(limiter.admit(4)).toBe(1);
    time.advance(334);
    expect(limiter.admit(4)).toBeUndefined();
  });

  it('does not count refused messages', () => {
    const time = clock();
    const limiter = new MessageRateLimiter(
      { perChatPerSecond: 1, globalPerSecond: 30, perChatBurst: 1 },
      time.now,
    );
    limiter.admit(1);
    for (let i = 0; i < 5; i += 1) expect(limiter.admit(1)).toBe(1);
    time.advance(1_000);
    expect(limiter.admit(1)).toBeUndefined();
  });

  it('admits one message even when the global rate is below one per second', () => {
    const time = clock();
    const limiter = new MessageRateLimiter(
      { perChatPerSecond: 1, globalPerSecond: 0.5, perChatBurst: 3 },
      time.now,
    );
    expect(limiter.admit(1)).toBeUndefined();
    expect(limiter.admit(2)).toBe(2);
    time.advance(2_000);
    expect(limiter.admit(2)).toBeUndefined();
  });

  it('admits everything when limits are off, and rejects nonsense limits', () => {
    const limiter = new MessageRateLimiter(false);
    for (let i = 0; i < 1_000; i += 1) expect(limiter.admit(1)).toBeUndefined();
    expect(() => new MessageRateLimiter({ perChatPerSecond: 0, globalPerSecond: 30 })).toThrow(
      /perChatPerSecond must be a positive number/,
    );
  });
});
