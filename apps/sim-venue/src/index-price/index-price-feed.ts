import { Decimal } from '@perp/decimal';
import type { InstrumentSpec } from '../instruments.ts';
import { IndexPriceWalk } from './index-price-walk.ts';
import { symbolSeed } from './seeded-random.ts';

export interface IndexPriceFeedOptions {
  readonly instruments: readonly InstrumentSpec[];
  readonly seed: number;
  readonly volatility: Decimal;
  /** Time between steps of every walk. */
  readonly intervalMs: number;
}

/**
 * The index price of every symbol, each its own seeded walk, stepped together on a timer. The
 * venue uses the index as its mark price: the simulator has no funding or fair-price model to
 * make them differ. Not journaled: a restart starts again from the configured start prices.
 */
export class IndexPriceFeed {
  readonly #walks = new Map<string, IndexPriceWalk>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: IndexPriceFeedOptions) {
    this.#intervalMs = options.intervalMs;
    for (const spec of options.instruments) {
      this.#walks.set(
        spec.symbol,
        new IndexPriceWalk({
          start: Decimal.parse(spec.startPrice),
          tick: Decimal.parse(spec.tickSize),
          volatility: options.volatility,
          seed: symbolSeed(options.seed, spec.symbol),
        }),
      );
    }
  }

  price(symbol: string): Decimal | undefined {
    return this.#walks.get(symbol)?.price;
  }

  /** Sets a symbol's index (rounded to its tick); undefined when the symbol is not listed. */
  moveTo(symbol: string, price: Decimal): Decimal | undefined {
    return this.#walks.get(symbol)?.moveTo(price);
  }

  /** Moves every walk one step. */
  step(): void {
    for (const walk of this.#walks.values()) walk.step();
  }

  start(): void {
    if (this.#timer !== undefined || this.#intervalMs <= 0) return;
    this.#timer = setInterval(() => this.step(), this.#intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
