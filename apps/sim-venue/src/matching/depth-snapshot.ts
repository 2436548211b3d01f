import type { InstrumentSymbol, PriceTicks, QuantityLots } from './vocabulary.ts';

export interface DepthLevel {
  readonly priceTicks: PriceTicks;
  /** Aggregated remaining quantity of every order at this price. */
  readonly quantityLots: QuantityLots;
}

/** The top levels of a book, best first, as of book update `seq`. */
export interface DepthSnapshot {
  readonly symbol: InstrumentSymbol;
  readonly seq: number;
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
}
