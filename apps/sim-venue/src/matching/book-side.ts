import { PriceLevel } from './price-level.ts';
import type { PriceTicks, OrderSide } from './vocabulary.ts';

/**
 * The price levels of one side. A sorted array, worst first, so the best level is the last
 * element: reading it is O(1), and emptying it (the common case while matching) is a pop. New
 * levels mostly appear near the top of the book, so the splice that inserts them moves few
 * elements. The map finds a level by price in O(1) when an order rests.
 */
export class BookSide {
  readonly side: OrderSide;
  readonly #levels: PriceLevel[] = [];
  readonly #byPrice = new Map<PriceTicks, PriceLevel>();

  constructor(side: OrderSide) {
    this.side = side;
  }

  get best(): PriceLevel | undefined {
    return this.#levels[this.#levels.length - 1];
  }

  get levelCount(): number {
    return this.#levels.length;
  }

  /** The level `depth` places behind the best (0 = best). */
  levelFromBest(depth: number): PriceLevel | undefined {
    return this.#levels[this.#levels.length - 1 - depth];
  }

  levelAt(priceTicks: PriceTicks): PriceLevel | undefined {
    return this.#byPrice.get(priceTicks);
  }

  levelFor(priceTicks: PriceTicks): PriceLevel {
    const existing = this.#byPrice.get(priceTicks);
    if (existing !== undefined) return existing;
    const level = new PriceLevel(this.side, priceTicks);
    this.#byPrice.set(priceTicks, level);
    const levels = this.#levels;
    const best = levels[levels.length - 1];
    if (best === undefined || level.rank > best.rank) levels.push(level);
    else levels.splice(this.#indexOfRank(level.rank), 0, level);
    return level;
  }

  /** Drops an empty level. */
  remove(level: PriceLevel): void {
    this.#byPrice.delete(level.priceTicks);
    const levels = this.#levels;
    if (levels[levels.length - 1] === level) levels.pop();
    else levels.splice(this.#indexOfRank(level.rank), 1);
  }

  /** The index of the first level whose rank is >= `rank`. */
  #indexOfRank(rank: number): number {
    const levels = this.#levels;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((levels[middle] as PriceLevel).rank < rank) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
