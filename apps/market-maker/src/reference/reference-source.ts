import type { Decimal } from '@perp/decimal';
import type { InstrumentSymbol } from '@perp/trading-domain';

/** One observation of a symbol's reference price. */
export interface ReferencePrice {
  readonly symbol: InstrumentSymbol;
  readonly price: Decimal;
  /** When the source says the price was valid (ms since the epoch): a ticker's `ts`, a feed's `updatedAt`. */
  readonly observedAt: number;
  /** The source's name (`ticker`, `chainlink`), for logs and metrics. */
  readonly source: string;
}

export type ReferenceListener = (price: ReferencePrice) => void;

/**
 * Where a reference price comes from: the venue's mark through the gateway's `ticker.SYMBOL`, or an
 * on-chain price feed. A source only reports what it saw; staleness and agreement between sources
 * are judged by the quoter (reference-guard), not here.
 */
export interface ReferenceSource {
  readonly name: string;
  /** The newest price seen for `symbol`, if any. */
  latest(symbol: InstrumentSymbol): ReferencePrice | undefined;
  /** Called with every new observation; returns the function that stops listening. */
  onPrice(listener: ReferenceListener): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
