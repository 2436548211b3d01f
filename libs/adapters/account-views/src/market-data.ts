import type { BookSnapshot } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import type { InstrumentSymbol } from '@perp/trading-domain';
import {
  SimBook,
  SimVenueClient,
  VenueRequestError,
  VenueUnavailableError,
} from '@perp/venue-adapter';

/** Prices the gateway shows but does not trade on: marks for PnL and margin, books for public.book. */
export interface MarketData {
  /** The mark price; throws VenueUnavailableError when the venue does not answer. */
  mark(symbol: InstrumentSymbol): Promise<Decimal>;
  /** The top `depth` levels per side (the venue's default when absent); undefined if not listed. */
  book(symbol: string, depth: number | undefined): Promise<BookSnapshot | undefined>;
}

export interface SimMarketDataOptions {
  /** The sim-venue's base URL. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** A mark is reused this long (default 500 ms): a positions.list burst is one venue request. */
  readonly markTtlMs?: number;
  readonly clock?: () => number;
}

/** The sim-venue's marks (GET /v1/markets/:symbol) and books (GET /v1/book/:symbol?depth=). */
export class SimMarketData implements MarketData {
  readonly #venue: SimVenueClient;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #markTtlMs: number;
  readonly #clock: () => number;
  readonly #marks = new Map<
    InstrumentSymbol,
    { readonly at: number; readonly mark: Promise<Decimal> }
  >();

  constructor(options: SimMarketDataOptions) {
    this.#venue = new SimVenueClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
    this.#markTtlMs = options.markTtlMs ?? 500;
    this.#clock = options.clock ?? Date.now;
  }

  mark(symbol: InstrumentSymbol): Promise<Decimal> {
    const now = this.#clock();
    const cached = this.#marks.get(symbol);
    if (cached && now - cached.at < this.#markTtlMs) return cached.mark;
    const mark = this.#venue.market(symbol).then((market) => market.markPrice);
    this.#marks.set(symbol, { at: now, mark });
    // A failure is not remembered: the next caller asks the venue again.
    mark.catch(() => {
      if (this.#marks.get(symbol)?.mark === mark) this.#marks.delete(symbol);
    });
    return mark;
  }

  async book(symbol: string, depth: number | undefined): Promise<BookSnapshot | undefined> {
    const query = depth === undefined ? '' : `?depth=${depth}`;
    const url = `${this.#baseUrl}/v1/book/${encodeURIComponent(symbol)}${query}`;
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
      body = await response.json();
    } catch (error) {
      throw new VenueUnavailableError(`GET /v1/book: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (response.status === 404) return undefined;
    if (response.status >= 500)
      throw new VenueUnavailableError(`GET /v1/book: the venue answered ${response.status}`);
    if (response.status !== 200)
      throw new VenueRequestError(`HTTP_${response.status}`, `GET /v1/book: ${response.status}`);
    const book = SimBook.safeParse(body);
    if (!book.success) throw new VenueUnavailableError('GET /v1/book: unexpected answer');
    const { bids, asks, seq, ts } = book.data;
    return { symbol: book.data.symbol, bids: resting(bids), asks: resting(asks), seq, ts };
  }
}

/** A snapshot's levels all rest (quantity > 0); an empty level is no level. */
function resting(levels: readonly (readonly [string, string])[]): [string, string][] {
  return levels
    .filter(([, quantity]) => Decimal.parse(quantity).isPositive())
    .map(([price, quantity]) => [price, quantity]);
}
