import { quoteClientOrderId, parseQuoteClientOrderId } from '@perp/market-making';
import type { ClientOrderId, InstrumentSymbol, OrderSide } from '@perp/trading-domain';

// Generations of one leadership term start at fencingToken × this: a new term's ids never repeat
// an earlier term's, which the gateway would answer with the old order's ack (or 10006).
const GENERATIONS_PER_TERM = 1_000_000;

/**
 * Client order ids of quote slots: `<prefix>-<symbol>-<b|s><level>-<generation>`. An id is made once
 * per order and sent again unchanged when its request must be retried, so a retry never doubles
 * an order; a new order of the same slot takes the next generation.
 */
export class QuoteIds {
  readonly prefix: string;
  #generation: number;
  #last: number;

  constructor(prefix: string, fencingToken: number) {
    this.prefix = prefix;
    this.#generation = fencingToken * GENERATIONS_PER_TERM;
    this.#last = this.#generation + GENERATIONS_PER_TERM - 1;
  }

  next(symbol: InstrumentSymbol, side: OrderSide, level: number): ClientOrderId {
    // A term that places a million orders wraps inside its own range: ids that old are long gone.
    if (this.#generation >= this.#last) this.#generation = this.#last - GENERATIONS_PER_TERM + 1;
    const generation = this.#generation;
    this.#generation += 1;
    return quoteClientOrderId({ prefix: this.prefix, symbol, side, level, generation });
  }

  isOwn(clientOrderId: string, symbols: ReadonlySet<string>): boolean {
    const parsed = parseQuoteClientOrderId(this.prefix, clientOrderId);
    return parsed !== undefined && symbols.has(parsed.symbol);
  }
}
