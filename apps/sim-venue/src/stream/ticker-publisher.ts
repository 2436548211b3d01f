import type { SimTickerData } from '@perp/venue-adapter';
import type { IndexPriceFeed } from '../index-price/index-price-feed.ts';
import type { SimVenue } from '../sim-venue.ts';

export interface TickerPublisherOptions {
  readonly venue: SimVenue;
  readonly index: IndexPriceFeed;
  /** Minimum time between two tickers of one symbol (100 ms). */
  readonly intervalMs: number;
  readonly clock: () => number;
  readonly publish: (ticker: SimTickerData) => void;
}

/**
 * Tickers (top of book, last trade, mark, index) sampled every `intervalMs` and published only when
 * something in them changed: at most one per symbol per interval, however busy the book is.
 */
export class TickerPublisher {
  readonly #options: TickerPublisherOptions;
  readonly #published = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: TickerPublisherOptions) {
    this.#options = options;
  }

  /** Undefined for a symbol with no index (listed only by an older journal). */
  current(symbol: string): SimTickerData | undefined {
    const { venue, index, clock } = this.#options;
    const top = venue.topOfBook(symbol);
    const mark = index.price(symbol)?.toString();
    if (top === undefined || mark === undefined) return undefined;
    return {
      symbol: top.symbol,
      bestBidPrice: top.bestBid?.price ?? null,
      bestBidQuantity: top.bestBid?.quantity ?? null,
      bestAskPrice: top.bestAsk?.price ?? null,
      bestAskQuantity: top.bestAsk?.quantity ?? null,
      lastPrice: venue.lastTradePrice(symbol),
      markPrice: mark,
      indexPrice: mark,
      ts: clock(),
    };
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#sample(), this.#options.intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #sample(): void {
    for (const symbol of this.#options.venue.symbols) {
      const ticker = this.current(symbol);
      if (ticker === undefined) continue;
      const { ts: _ts, ...content } = ticker;
      const key = JSON.stringify(content);
      if (this.#published.get(symbol) === key) continue;
      this.#published.set(symbol, key);
      this.#options.publish(ticker);
    }
  }
}
