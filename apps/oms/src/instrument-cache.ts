import type { ConfigStore } from '@perp/trading-store';
import type { Instrument, InstrumentSymbol } from '@perp/trading-domain';

/** Instruments change rarely (an operator lists or halts one): read them at most every `ttlMs`. */
export class InstrumentCache {
  readonly #config: ConfigStore;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  #instruments = new Map<string, Instrument>();
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

  async all(): Promise<Instrument[]> {
    await this.#fresh();
    return [...this.#instruments.values()];
  }

  async #fresh(): Promise<void> {
    if (this.#clock() - this.#loadedAt < this.#ttlMs) return;
    this.#loading ??= this.#config
      .listInstruments()
      .then((instruments) => {
        this.#instruments = new Map(
          instruments.map((instrument) => [instrument.symbol, instrument]),
        );
        this.#loadedAt = this.#clock();
      })
      .finally(() => {
        this.#loading = undefined;
      });
    await this.#loading;
  }
}
