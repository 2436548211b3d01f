export interface RequestBudgetOptions {
  readonly perSecond: number;
  readonly burst: number;
  readonly clock?: () => number;
}

/**
 * The bot's own order-request budget, a token bucket set below the gateway's limit for its account:
 * a requote that would overdraw it waits for tokens instead of drawing 10003. A 10003 that comes
 * anyway (another client of the account) empties the bucket until the gateway's retryAfterMs.
 */
export class RequestBudget {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #clock: () => number;
  #tokens: number;
  #at: number;
  #blockedUntil = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RequestBudgetOptions) {
    this.#perMs = options.perSecond / 1000;
    this.#burst = options.burst;
    this.#clock = options.clock ?? Date.now;
    this.#tokens = options.burst;
    this.#at = this.#clock();
  }

  /** Tokens available now (for metrics and tests). */
  get available(): number {
    this.#refill();
    return Math.floor(this.#tokens);
  }

  /** Resolves when one request may be sent; callers are served in order. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#takeOne());
    this.#queue = turn;
    return turn;
  }

  /** The gateway said 10003: nothing more until it allows. */
  blockFor(ms: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, this.#clock() + ms);
    this.#tokens = 0;
  }

  async #takeOne(): Promise<void> {
    for (;;) {
      this.#refill();
      const blocked = this.#blockedUntil - this.#clock();
      if (blocked <= 0 && this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const waitMs = Math.max(blocked, Math.ceil((1 - this.#tokens) / this.#perMs), 1);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  #refill(): void {
    const now = this.#clock();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
  }
}
