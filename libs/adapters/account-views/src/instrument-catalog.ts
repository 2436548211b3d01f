import type { Instrument, TradingState } from '@perp/trading-domain';
import type { ConfigStore } from '@perp/trading-store';

export interface CatalogEntry {
  readonly instrument: Instrument;
  /** The operators' symbol-level trading state. */
  readonly symbolState: TradingState;
}

export interface InstrumentCatalogOptions {
  readonly config: ConfigStore;
  readonly clock: () => number;
  /** How long a loaded list is used (default 5 s). */
  readonly ttlMs?: number;
  /** An unknown symbol reloads the list at most this often (default 1 s). */
  readonly missReloadMs?: number;
}

/**
 * The instruments of the config table, cached: every order.place checks its symbol here (10004),
 * public.instruments lists them. Reloaded when older than the TTL, and early when asked for a
 * symbol it does not know (a new listing shows up within a second).
 */
export class InstrumentCatalog {
  readonly #options: InstrumentCatalogOptions;
  #entries: ReadonlyMap<string, CatalogEntry> = new Map();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(options: InstrumentCatalogOptions) {
    this.#options = options;
  }

  async list(): Promise<CatalogEntry[]> {
    await this.#fresh(this.#options.ttlMs ?? 5_000);
    return [...this.#entries.values()].sort((a, b) =>
      a.instrument.symbol.localeCompare(b.instrument.symbol),
    );
  }

  async get(symbol: string): Promise<CatalogEntry | undefined> {
    await this.#fresh(this.#options.ttlMs ?? 5_000);
    const found = this.#entries.get(symbol);
    if (found) return found;
    await this.#fresh(this.#options.missReloadMs ?? 1_000);
    return this.#entries.get(symbol);
  }

  async #fresh(maxAgeMs: number): Promise<void> {
    if (this.#options.clock() - this.#loadedAt < maxAgeMs) return;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }

  async #load(): Promise<void> {
    const { config } = this.#options;
    const instruments = await config.listInstruments();
    const states = await Promise.all(
      instruments.map((i) => config.getTradingStates(null, i.symbol)),
    );
    this.#entries = new Map(
      instruments.map((instrument, index) => {
        const symbolState = states[index]?.symbol ?? 'active';
        return [instrument.symbol, { instrument, symbolState }];
      }),
    );
    this.#loadedAt = this.#options.clock();
  }
}
