// Telegram's documented flood limits, loosely: about one message per second into one chat (short
// bursts tolerated) and about 30 per second overall. Token buckets model "sustained rate, small
// burst"; a refused send consumes nothing.

export interface RateLimits {
  /** Sustained messages per second into one chat. */
  readonly perChatPerSecond: number;
  /** Sustained messages per second over all chats; also the global burst (at least 1). */
  readonly globalPerSecond: number;
  /** Messages one chat may receive at once before the per-chat rate applies (default 3). */
  readonly perChatBurst?: number;
}

export const TELEGRAM_RATE_LIMITS = {
  perChatPerSecond: 1,
  globalPerSecond: 30,
  perChatBurst: 3,
} as const satisfies RateLimits;

class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, perSecond: number, now: number) {
    this.#capacity = capacity;
    this.#perMs = perSecond / 1000;
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Milliseconds until one token is available (0: available now). */
  waitMs(now: number): number {
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#updatedAt) * this.#perMs);
    this.#updatedAt = now;
    return this.#tokens >= 1 ? 0 : (1 - this.#tokens) / this.#perMs;
  }

  take(): void {
    this.#tokens -= 1;
  }
}

export class MessageRateLimiter {
  readonly #limits: RateLimits | false;
  readonly #now: () => number;
  readonly #chats = new Map<number, TokenBucket>();
  #global: TokenBucket | undefined;

  constructor(limits: RateLimits | false, now: () => number = Date.now) {
    if (limits !== false) {
      for (const [name, value] of Object.entries(limits))
        if (!(typeof value === 'number' && value > 0))
          throw new RangeError(
            `rateLimits.${name} must be a positive number, got ${String(value)}`,
          );
    }
    this.#limits = limits;
    this.#now = now;
  }

  /**
   * Counts one message into `chatId` if both limits allow it; otherwise counts nothing and returns
   * Telegram's `retry_after`: whole seconds, at least 1.
   */
  admit(chatId: number): number | undefined {
    const limits = this.#limits;
    if (limits === false) return undefined;
    const now = this.#now();
    // A bucket smaller than one message would never admit one.
    this.#global ??= new TokenBucket(
      Math.max(1, limits.globalPerSecond),
      limits.globalPerSecond,
      now,
    );
    let chat = this.#chats.get(chatId);
    if (chat === undefined) {
      chat = new TokenBucket(
        Math.max(1, limits.perChatBurst ?? TELEGRAM_RATE_LIMITS.perChatBurst),
        limits.perChatPerSecond,
        now,
      );
      this.#chats.set(chatId, chat);
    }
    const waitMs = Math.max(chat.waitMs(now), this.#global.waitMs(now));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    chat.take();
    this.#global.take();
    return undefined;
  }

  reset(): void {
    this.#chats.clear();
    this.#global = undefined;
  }
}
