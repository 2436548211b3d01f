import { redisScript } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';
import type { GatewayKeys } from '../gateway-keys.ts';
import type { OrderRate } from './order-rate-overrides.ts';
import type { TakeOutcome } from '@perp/retry';

// A token bucket per account in Redis, so every gateway replica draws from the same one. Time is
// Redis's own (TIME), so replicas with skewed clocks still agree. Floats are fine here: these are
// request counts, not money.
const takeToken = redisScript({
  name: 'perpOrderBucketTake',
  numberOfKeys: 1,
  reply: (raw) => {
    const [allowed, retryAfterMs] = raw as [number, number];
    return { allowed: allowed === 1, retryAfterMs };
  },
  lua: `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
return { allowed, retry }
`,
});

export interface AccountOrderLimiterOptions {
  readonly redis: Redis;
  readonly keys: GatewayKeys;
  readonly ratePerSecond: number;
  readonly burst: number;
  /** Accounts with a budget of their own (RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES). */
  readonly overrides?: ReadonlyMap<string, OrderRate>;
}

/**
 * The per-account order request limit (ws-api.md: 20 per second), shared across replicas. Every
 * replica must be configured alike: the bucket is shared, its rate and size are each caller's.
 */
export class AccountOrderLimiter {
  readonly #options: AccountOrderLimiterOptions;

  constructor(options: AccountOrderLimiterOptions) {
    this.#options = options;
  }

  async take(accountId: string): Promise<TakeOutcome> {
    const { redis, keys, ratePerSecond, burst, overrides } = this.#options;
    const rate = overrides?.get(accountId) ?? { perSecond: ratePerSecond, burst };
    const { allowed, retryAfterMs } = await takeToken(
      redis,
      [keys.orderRate(accountId)],
      [String(rate.perSecond), String(rate.burst)],
    );
    return allowed ? { allowed: true } : { allowed: false, retryAfterMs };
  }
}
