import type { Redis } from 'ioredis';
import type { RedisKeyspace } from './redis-keys.ts';
import { redisScript } from './redis-script.ts';

// Take the lease only if free, and stamp it with a fresh fencing token in the same step.
const acquire = redisScript({
  name: 'perpLeaseAcquire',
  numberOfKeys: 2,
  reply: Number,
  lua: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local token = redis.call('INCR', KEYS[2])
  redis.call('SET', KEYS[1], ARGV[1] .. '#' .. token, 'PX', ARGV[2])
  return token
end
return 0
`,
});
const renew = redisScript({
  name: 'perpLeaseRenew',
  numberOfKeys: 1,
  reply: Number,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`,
});
const release = redisScript({
  name: 'perpLeaseRelease',
  numberOfKeys: 1,
  reply: Number,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`,
});

export interface LeaseOptions {
  readonly redis: Redis;
  readonly keys: RedisKeyspace;
  /** What is leased, e.g. `venue:sim:main` or `market-maker`. */
  readonly name: string;
  /** Who asks: a replica's unique id (host, pid, random). */
  readonly owner: string;
  readonly ttlMs?: number;
  /** How often the holder renews and a standby tries to take over. */
  readonly intervalMs?: number;
  /** Called when this replica becomes the holder; `fencingToken` grows with every new holder. */
  readonly onAcquired: (fencingToken: number) => void | Promise<void>;
  /** Called when the lease was lost (expired or taken); the work it guarded must stop now. */
  /**
   * The lease is no longer held: `released` by `stop()`, or `lost` (not renewed in time, or
   * another replica holds it). Either way, work under this token must stop.
   */
  readonly onLost: (fencingToken: number, why: 'lost' | 'released') => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
}

/**
 * A Redis lease that makes one replica of many the active one. The holder renews it; when the
 * holder dies the lease expires after `ttlMs` and a standby takes it over with a higher fencing
 * token, so work stamped with an older token can be recognised as stale.
 */
export class Lease {
  readonly #options: Required<Omit<LeaseOptions, 'onError'>> & Pick<LeaseOptions, 'onError'>;
  #timer: NodeJS.Timeout | undefined;
  #token = 0;
  #renewedAt = 0;
  #tick: Promise<void> = Promise.resolve();

  constructor(options: LeaseOptions) {
    this.#options = { ttlMs: 10_000, intervalMs: 2_000, ...options };
  }

  /** The fencing token while this replica holds the lease, else 0. */
  get fencingToken(): number {
    return this.#token;
  }

  get held(): boolean {
    return this.#token > 0;
  }

  start(): void {
    if (this.#timer) return;
    this.#tick = this.#attempt();
    this.#timer = setInterval(() => {
      this.#tick = this.#tick.then(() => this.#attempt());
    }, this.#options.intervalMs);
  }

  /** Starts, and resolves once the first attempt is over: whether this replica holds the lease. */
  async startAndWait(): Promise<boolean> {
    this.start();
    await this.#tick;
    return this.held;
  }

  /** Stops renewing and hands the lease back at once, so a standby need not wait for expiry. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
    if (this.#token > 0) {
      const { redis, keys, name } = this.#options;
      await release(redis, [keys.lease(name)], [this.#value(this.#token)]).catch(() => undefined);
      const token = this.#token;
      this.#token = 0;
      await this.#options.onLost(token, 'released');
    }
  }

  #value(token: number): string {
    return `${this.#options.owner}#${token}`;
  }

  async #attempt(): Promise<void> {
    const { redis, keys, name, owner, ttlMs } = this.#options;
    try {
      if (this.#token > 0) {
        const renewed = await renew(
          redis,
          [keys.lease(name)],
          [this.#value(this.#token), String(ttlMs)],
        );
        if (renewed === 1) {
          this.#renewedAt = Date.now();
          return;
        }
        await this.#lose();
      }
      const token = await acquire(
        redis,
        [keys.lease(name), keys.fencingCounter(name)],
        [owner, String(ttlMs)],
      );
      if (token > 0) {
        this.#token = token;
        this.#renewedAt = Date.now();
        await this.#options.onAcquired(token);
      }
    } catch (error) {
      this.#options.onError?.(error);
      // Unable to renew for a whole TTL: a standby may hold the lease by now, so stop acting on it.
      if (this.#token > 0 && Date.now() - this.#renewedAt >= ttlMs) await this.#lose();
    }
  }

  async #lose(): Promise<void> {
    const lost = this.#token;
    this.#token = 0;
    await this.#options.onLost(lost, 'lost');
  }
}
