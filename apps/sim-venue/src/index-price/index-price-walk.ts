import { Decimal, Rounding } from '@perp/decimal';
import { SeededRandom } from './seeded-random.ts';

/** Resolution of the random draw: a step moves by volatility x k / 10^6, k in [-10^6, 10^6]. */
const DRAW_STEPS = 1_000_000;
const DRAW_UNIT = Decimal.parse('0.000001');

export interface IndexPriceWalkOptions {
  readonly start: Decimal;
  readonly tick: Decimal;
  /** Largest relative move of one step, e.g. 0.0002; each move is uniform in ±volatility. */
  readonly volatility: Decimal;
  readonly seed: number;
}

/**
 * One symbol's index: a multiplicative random walk in exact decimals. The walk itself keeps 18
 * digits so small steps accumulate instead of rounding away; the published price is rounded to
 * the tick (half-even) and never below one tick. Same seed, same path.
 */
export class IndexPriceWalk {
  readonly #tick: Decimal;
  readonly #volatility: Decimal;
  readonly #random: SeededRandom;
  #raw: Decimal;
  #price: Decimal;

  constructor(options: IndexPriceWalkOptions) {
    this.#tick = options.tick;
    this.#volatility = options.volatility;
    this.#random = new SeededRandom(options.seed);
    this.#raw = options.start;
    this.#price = this.#published();
  }

  get price(): Decimal {
    return this.#price;
  }

  step(): Decimal {
    const draw = (this.#random.nextUint32() % (2 * DRAW_STEPS + 1)) - DRAW_STEPS;
    const move = this.#volatility.mul(Decimal.fromInt(draw).mul(DRAW_UNIT), Rounding.HalfEven);
    this.#raw = this.#raw.mul(Decimal.ONE.add(move), Rounding.HalfEven).max(this.#tick);
    this.#price = this.#published();
    return this.#price;
  }

  /** An operator's move (a margin scenario): the walk continues from `price`, at least one tick. */
  moveTo(price: Decimal): Decimal {
    this.#raw = price.max(this.#tick);
    this.#price = this.#published();
    return this.#price;
  }

  #published(): Decimal {
    return this.#raw.roundToStep(this.#tick, Rounding.HalfEven).max(this.#tick);
  }
}
