// Hyperliquid keeps the highest nonces it has seen per signer and refuses one that is not above
// the smallest of them or already used; it must also lie near the venue's clock. One clock per
// signer, fast-forwarded to the wall clock and strictly increasing, meets both even when two
// actions are signed in the same millisecond. Several processes must not share a signer.

export class NonceClock {
  #last = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  next(): number {
    this.#last = Math.max(this.#now(), this.#last + 1);
    return this.#last;
  }
}

/** A clock per signing address (lower-cased: the venue does not distinguish case). */
export class NonceClocks {
  readonly #clocks = new Map<string, NonceClock>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  next(signer: string): number {
    const key = signer.toLowerCase();
    let clock = this.#clocks.get(key);
    if (!clock) {
      clock = new NonceClock(this.#now);
      this.#clocks.set(key, clock);
    }
    return clock.next();
  }
}
