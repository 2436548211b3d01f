import type { Decimal } from '@perp/decimal';
import type { InstrumentSymbol } from '@perp/trading-domain';
import { VenueUnavailableError, type VenueClient } from '@perp/venue-adapter';

export interface Market {
  readonly mark: Decimal;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
}

export interface MarketCacheOptions {
  /** Where each instrument's market is read: the venue it routes to. */
  readonly venue: Pick<VenueClient, 'market'>;
  /** A market is fetched again after this long, so a burst of orders costs one request. */
  readonly ttlMs?: number;
  /**
   * While the venue does not answer, the last market it gave is used for this long (risk checks
   * on a mark a few seconds old beat refusing every order on a blip); after that, none is.
   */
  readonly staleIfErrorMs?: number;
  readonly clock?: () => number;
}

/** Marks and top of book from the venue. */
export class MarketCache {
  readonly #venue: Pick<VenueClient, 'market'>;
  readonly #ttlMs: number;
  readonly #staleIfErrorMs: number;
  readonly #clock: () => number;
  readonly #pending = new Map<InstrumentSymbol, { market: Promise<Market>; at: number }>();
  readonly #lastGood = new Map<InstrumentSymbol, { market: Market; at: number }>();

  constructor(options: MarketCacheOptions) {
    this.#venue = options.venue;
    this.#ttlMs = options.ttlMs ?? 250;
    this.#staleIfErrorMs = options.staleIfErrorMs ?? 30_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** Throws `VenueUnavailableError` when the venue does not answer and nothing recent is known. */
  get(symbol: InstrumentSymbol): Promise<Market> {
    const now = this.#clock();
    const cached = this.#pending.get(symbol);
    if (cached && now - cached.at < this.#ttlMs) return cached.market;
    const market = this.#fetch(symbol, now);
    this.#pending.set(symbol, { market, at: now });
    market.catch(() => this.#pending.delete(symbol));
    return market;
  }

  async #fetch(symbol: InstrumentSymbol, now: number): Promise<Market> {
    try {
      const m = await this.#venue.market(symbol);
      const market = { mark: m.markPrice, bestBid: m.bestBid, bestAsk: m.bestAsk };
      this.#lastGood.set(symbol, { market, at: now });
      return market;
    } catch (error) {
      const last = this.#lastGood.get(symbol);
      if (error instanceof VenueUnavailableError && last && now - last.at <= this.#staleIfErrorMs) {
        return last.market;
      }
      throw error;
    }
  }
}
