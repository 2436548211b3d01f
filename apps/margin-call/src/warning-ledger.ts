import { Decimal } from '@perp/decimal';
import type { LastWarning } from '@perp/margin-calls';
import type { RedisKeyspace } from '@perp/redis-adapter';
import type { AccountId } from '@perp/trading-domain';
import type { Redis } from 'ioredis';

/** A warning decided but not yet confirmed by the notifier: sent again, same key, next run. */
export interface PendingWarning {
  readonly dedupeKey: string;
  readonly level: Decimal;
}

/** Pending warnings are kept a week: long enough for any outage, not forever. */
const PENDING_TTL_MS = 7 * 86_400_000;

/**
 * What the job remembers of its warnings, in Redis: the last one delivered per account (expiring
 * with the cool-down) and the one still to deliver, whose dedupe key the notifier stores once.
 */
export class WarningLedger {
  readonly #redis: Redis;
  readonly #keys: RedisKeyspace;
  readonly #cooldownMs: number;

  constructor(options: { redis: Redis; keys: RedisKeyspace; cooldownMs: number }) {
    this.#redis = options.redis;
    this.#keys = options.keys;
    this.#cooldownMs = options.cooldownMs;
  }

  async read(
    accountId: AccountId,
  ): Promise<{ last: LastWarning | undefined; pending: PendingWarning | undefined }> {
    const [last, pending] = await this.#redis.mget(
      this.#keys.marginWarning(accountId),
      this.#keys.marginWarningPending(accountId),
    );
    return { last: parseLast(last ?? null), pending: parsePending(pending ?? null) };
  }

  async markPending(accountId: AccountId, pending: PendingWarning): Promise<void> {
    await this.#redis.set(
      this.#keys.marginWarningPending(accountId),
      JSON.stringify({ dedupeKey: pending.dedupeKey, level: pending.level.toString() }),
      'PX',
      PENDING_TTL_MS,
    );
  }

  /** Delivered: the cool-down starts now and nothing is pending. */
  async markDelivered(accountId: AccountId, level: Decimal, at: number): Promise<void> {
    const multi = this.#redis.multi();
    if (this.#cooldownMs > 0)
      multi.set(
        this.#keys.marginWarning(accountId),
        JSON.stringify({ level: level.toString(), at }),
        'PX',
        this.#cooldownMs,
      );
    multi.del(this.#keys.marginWarningPending(accountId));
    await multi.exec();
  }

  /** Given up (the notifier refused it as malformed): not sent again. */
  async dropPending(accountId: AccountId): Promise<void> {
    await this.#redis.del(this.#keys.marginWarningPending(accountId));
  }
}

function parseJson(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseLast(text: string | null): LastWarning | undefined {
  const value = parseJson(text);
  const level = typeof value?.['level'] === 'string' ? Decimal.tryParse(value['level']) : undefined;
  const at = value?.['at'];
  return level !== undefined && typeof at === 'number' ? { level, at } : undefined;
}

function parsePending(text: string | null): PendingWarning | undefined {
  const value = parseJson(text);
  const level = typeof value?.['level'] === 'string' ? Decimal.tryParse(value['level']) : undefined;
  const dedupeKey = value?.['dedupeKey'];
  return level !== undefined && typeof dedupeKey === 'string' ? { level, dedupeKey } : undefined;
}
