export type TakeOutcome =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * An in-memory token bucket: `capacity` tokens, refilled at `ratePerSecond`. For limits one process
 * owns (a gateway connection, a singleton's sends), where nothing is shared with other replicas.
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  readonly #clock: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(options: { ratePerSecond: number; capacity: number; clock?: () => number }) {
    this.#ratePerMs = options.ratePerSecond / 1000;
    this.#capacity = options.capacity;
    this.#clock = options.clock ?? Date.now;
    this.#tokens = options.capacity;
    this.#updatedAt = this.#clock();
  }

  /** Empties the bucket: a peer said "too many", so the next token comes only after a refill. */
  drain(): void {
    this.#tokens = 0;
    this.#updatedAt = this.#clock();
  }

  take(): TakeOutcome {
    const now = this.#clock();
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#ratePerMs);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - this.#tokens) / this.#ratePerMs) };
  }
}
