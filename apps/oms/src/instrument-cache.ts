import type { ConfigStore } from '@perp/trading-store';
import {
  DEFAULT_VENUE_ROUTE,
  type Instrument,
  type InstrumentSymbol,
  type VenueRoute,
} from '@perp/trading-domain';

/**
 * Instruments and their venue routes change rarely (an operator lists, halts or reroutes one):
 * read them at most every `ttlMs`.
 */
export class InstrumentCache {
  readonly #config: ConfigStore;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  #instruments = new Map<string, Instrument>();
  #routes = new Map<string, VenueRoute>();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(options: { config: ConfigStore; ttlMs?: number; clock?: () => number }) {
    this.#config = options.config;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#clock = options.clock ?? Date.now;
  }

  async get(symbol: InstrumentSymbol | string): Promise<Instrument | undefined> {
    await this.#fresh();
    return this.#instruments.get(symbol);
  }

  /** Where the instrument's new orders go: its route in the config table, else the default. */
  async route(symbol: InstrumentSymbol): Promise<VenueRoute> {
    await this.#fresh();
    return this.#routes.get(symbol) ?? DEFAULT_VENUE_ROUTE;
  }

  async all(): Promise<Instrument[]> {
    await this.#fresh();
    return [...this.#instruments.values()];
  }

  async #fresh(): Promise<void> {
    if (this.#clock() - this.#loadedAt < this.#ttlMs) return;
    this.#loading ??= Promise.all([this.#config.listInstruments(), this.#config.listRoutes()])
      .then(([instruments, routes]) => {
        this.#instruments = new Map(
          instruments.map((instrument) => [instrument.symbol, instrument]),
        );
        this.#routes = new Map(
          routes.map(({ symbol, venue, venueAccount }) => [symbol, { venue, venueAccount }]),
        );
        this.#loadedAt = this.#clock();
      })
      .finally(() => {
        this.#loading = undefined;
      });
    await this.#loading;
  }
}
