import type { ConfigStore, TradingStateTable } from '@perp/trading-store';
import type {
  AccountId,
  InstrumentSymbol,
  RiskLimits,
  ScopedTradingStates,
} from '@perp/trading-domain';

/**
 * Risk limits and trading states for pre-trade risk, read at most every `ttlMs` (one query each
 * for the whole OMS instead of two requests per order). An operator's change therefore applies
 * within `ttlMs` on every replica, and at once on the replica that processed it (`invalidate`).
 */
export class ConfigCache {
  readonly #limits: Refreshed<RiskLimits>;
  readonly #states: Refreshed<TradingStateTable>;

  constructor(options: { config: ConfigStore; ttlMs?: number; clock?: () => number }) {
    const { config } = options;
    const ttlMs = options.ttlMs ?? 1_000;
    const clock = options.clock ?? Date.now;
    this.#limits = new Refreshed(() => config.getRiskLimits(), ttlMs, clock);
    this.#states = new Refreshed(() => config.listTradingStates(), ttlMs, clock);
  }

  riskLimits(): Promise<RiskLimits> {
    return this.#limits.get();
  }

  async tradingStates(
    accountId: AccountId,
    symbol: InstrumentSymbol,
  ): Promise<ScopedTradingStates> {
    return (await this.#states.get()).scopes(accountId, symbol);
  }

  /** Forgets what was read: the next order reads the table again. */
  invalidate(): void {
    this.#limits.clear();
    this.#states.clear();
  }
}

/** One value, loaded once per `ttlMs` by every caller together; a failed load is not kept. */
class Refreshed<T> {
  readonly #load: () => Promise<T>;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  #current: { readonly at: number; readonly value: Promise<T> } | undefined;

  constructor(load: () => Promise<T>, ttlMs: number, clock: () => number) {
    this.#load = load;
    this.#ttlMs = ttlMs;
    this.#clock = clock;
  }

  get(): Promise<T> {
    const now = this.#clock();
    if (this.#current && now - this.#current.at < this.#ttlMs) return this.#current.value;
    const current = { at: now, value: this.#load() };
    this.#current = current;
    current.value.catch(() => {
      if (this.#current === current) this.#current = undefined;
    });
    return current.value;
  }

  clear(): void {
    this.#current = undefined;
  }
}
