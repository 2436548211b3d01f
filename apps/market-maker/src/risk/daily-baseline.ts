import { Decimal } from '@perp/decimal';
import { utcDayOf } from '@perp/market-making';
import type { Redis } from 'ioredis';
import type { MarketMakerKeys } from '../market-maker-keys.ts';

const TWO_DAYS_SECONDS = 2 * 24 * 3600;

/**
 * The equity the UTC day began with, the baseline of the daily-loss limit. The first replica to
 * see a day stores it (SET NX), so a restart or a failover mid-day keeps the same baseline.
 */
export class DailyBaseline {
  readonly #redis: Redis;
  readonly #keys: MarketMakerKeys;
  readonly #name: string;
  #day: string | undefined;
  #equity: Decimal | undefined;

  constructor(redis: Redis, keys: MarketMakerKeys, name: string) {
    this.#redis = redis;
    this.#keys = keys;
    this.#name = name;
  }

  async baseline(equity: Decimal, now: number): Promise<Decimal> {
    const day = utcDayOf(now);
    if (day === this.#day && this.#equity) return this.#equity;
    const key = this.#keys.dayStartEquity(this.#name, day);
    await this.#redis.set(key, equity.toString(), 'EX', TWO_DAYS_SECONDS, 'NX');
    const stored = await this.#redis.get(key);
    this.#day = day;
    this.#equity = stored === null ? equity : Decimal.parse(stored);
    return this.#equity;
  }

  /** An operator resumed after a daily-loss halt: the day's loss so far is accepted. */
  async reset(equity: Decimal, now: number): Promise<void> {
    const day = utcDayOf(now);
    await this.#redis.set(
      this.#keys.dayStartEquity(this.#name, day),
      equity.toString(),
      'EX',
      TWO_DAYS_SECONDS,
    );
    this.#day = day;
    this.#equity = equity;
  }
}
