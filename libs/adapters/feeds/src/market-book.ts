import type { BookSnapshot } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import type { InstrumentSymbol } from '@perp/trading-domain';
import type { SimBookData } from '@perp/venue-adapter';

interface Level {
  /** The price as the venue wrote it (passed on unchanged). */
  readonly price: string;
  readonly value: Decimal;
  quantity: string;
}

/** What became of an update. */
export type BookUpdateOutcome = 'applied' | 'stale' | 'gap' | 'unsynced';

/**
 * One symbol's book as the relay holds it, so a new subscriber gets a snapshot without a round trip
 * to the venue. Prices stay the venue's strings; they are parsed only to order and key the levels.
 */
export class LocalBook {
  readonly symbol: InstrumentSymbol;
  #seq = 0;
  #ts = 0;
  #synced = false;
  readonly #bids = new Map<string, Level>();
  readonly #asks = new Map<string, Level>();
  #snapshot: BookSnapshot | undefined;

  constructor(symbol: InstrumentSymbol) {
    this.symbol = symbol;
  }

  /** True between a snapshot and the next gap or disconnect. */
  get synced(): boolean {
    return this.#synced;
  }

  get seq(): number {
    return this.#seq;
  }

  reset(snapshot: SimBookData): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#change(this.#bids, snapshot.bids);
    this.#change(this.#asks, snapshot.asks);
    this.#seq = snapshot.seq;
    this.#ts = snapshot.ts;
    this.#synced = true;
    this.#snapshot = undefined;
  }

  /** Applies an update that continues the book (seq + 1); a gap leaves the book unsynced. */
  apply(update: SimBookData): BookUpdateOutcome {
    if (!this.#synced) return 'unsynced';
    if (update.seq <= this.#seq) return 'stale';
    if (update.seq !== this.#seq + 1) {
      this.invalidate();
      return 'gap';
    }
    this.#change(this.#bids, update.bids);
    this.#change(this.#asks, update.asks);
    this.#seq = update.seq;
    this.#ts = update.ts;
    this.#snapshot = undefined;
    return 'applied';
  }

  /** Forgets the book until the next snapshot (after a gap or a disconnect). */
  invalidate(): void {
    this.#synced = false;
    this.#snapshot = undefined;
  }

  /** Best levels first, at most `depth` per side; the same object until the book changes. */
  snapshot(depth: number): BookSnapshot {
    this.#snapshot ??= {
      symbol: this.symbol,
      bids: sorted(this.#bids, -1, depth),
      asks: sorted(this.#asks, 1, depth),
      seq: this.#seq,
      ts: this.#ts,
    };
    return this.#snapshot;
  }

  #change(side: Map<string, Level>, levels: readonly (readonly [string, string])[]): void {
    for (const [price, quantity] of levels) {
      const value = Decimal.parse(price);
      const key = value.toString();
      if (Decimal.parse(quantity).isZero()) side.delete(key);
      else {
        const level = side.get(key);
        if (level === undefined) side.set(key, { price, value, quantity });
        else level.quantity = quantity;
      }
    }
  }
}

function sorted(side: Map<string, Level>, direction: 1 | -1, depth: number): [string, string][] {
  return [...side.values()]
    .sort((a, b) => direction * a.value.cmp(b.value))
    .slice(0, depth)
    .map((level) => [level.price, level.quantity]);
}
