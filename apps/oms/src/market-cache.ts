import { Decimal } from '@perp/decimal';
import type { VenueClient } from '@perp/venue-adapter';

export interface Market {
  readonly mark: Decimal;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
}

/** Marks and top of book from the venue, kept for `ttlMs` so a burst of orders costs one request. */
export class MarketCache {
  readonly #venue: VenueClient;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #entries = new Map<string, { market: Promise<Market>; at: number }>();

  constructor(options: { venue: VenueClient; ttlMs?: number; clock?: () => number }) {
    this.#venue = options.venue;
    this.#ttlMs = options.ttlMs ?? 250;
    this.#clock = options.clock ?? Date.now;
  }

  get(symbol: string): Promise<Market> {
    const now = this.#clock();
    const cached = this.#entries.get(symbol);
    if (cached && now - cached.at < this.#ttlMs) return cached.market;
    const market = this.#venue.market(symbol).then((m) => ({
      mark: Decimal.parse(m.markPrice),
      bestBid: m.bestBid === null ? null : Decimal.parse(m.bestBid),
      bestAsk: m.bestAsk === null ? null : Decimal.parse(m.bestAsk),
    }));
    this.#entries.set(symbol, { market, at: now });
    market.catch(() => this.#entries.delete(symbol));
    return market;
  }
}
