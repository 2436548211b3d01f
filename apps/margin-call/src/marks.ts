import type { Decimal } from '@perp/decimal';
import type { Instrument, InstrumentSymbol } from '@perp/trading-domain';
import { VenueRequestError, type VenueClient } from '@perp/venue-adapter';

/** Why an account could not be valued: it is skipped and reported, never acted on. */
export const SkipReasons = ['MARK_MISSING', 'MARK_STALE', 'UNKNOWN_INSTRUMENT'] as const;
export type SkipReason = (typeof SkipReasons)[number];

export type MarkResult =
  | { readonly ok: true; readonly mark: Decimal; readonly instrument: Instrument }
  | { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

export interface MarkBookOptions {
  readonly venue: Pick<VenueClient, 'market'>;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly maxAgeMs: number;
  readonly clock: () => number;
}

/**
 * The marks of one run: each symbol asked of the venue once, with its instrument. A mark the venue
 * does not give, or gives older than the limit, is reported as such: nobody is valued on a guess.
 */
export class MarkBook {
  readonly #o: MarkBookOptions;
  readonly #marks = new Map<InstrumentSymbol, Promise<MarkResult>>();

  constructor(options: MarkBookOptions) {
    this.#o = options;
  }

  get(symbol: InstrumentSymbol): Promise<MarkResult> {
    let result = this.#marks.get(symbol);
    if (result === undefined) {
      result = this.#fetch(symbol);
      this.#marks.set(symbol, result);
    }
    return result;
  }

  /** Asks again (a margin call re-evaluates after its cancels and fills). */
  refresh(symbol: InstrumentSymbol): Promise<MarkResult> {
    this.#marks.delete(symbol);
    return this.get(symbol);
  }

  async #fetch(symbol: InstrumentSymbol): Promise<MarkResult> {
    const instrument = this.#o.instruments.get(symbol);
    if (instrument === undefined)
      return { ok: false, reason: 'UNKNOWN_INSTRUMENT', detail: `${symbol} is not listed` };
    try {
      const market = await this.#o.venue.market(symbol);
      const age = this.#o.clock() - market.ts;
      if (age > this.#o.maxAgeMs)
        return { ok: false, reason: 'MARK_STALE', detail: `${symbol}'s mark is ${age} ms old` };
      return { ok: true, mark: market.markPrice, instrument };
    } catch (error) {
      const why = error instanceof VenueRequestError ? 'not given' : 'unavailable';
      return {
        ok: false,
        reason: 'MARK_MISSING',
        detail: `${symbol}'s mark ${why}: ${(error as Error).message}`,
      };
    }
  }
}
