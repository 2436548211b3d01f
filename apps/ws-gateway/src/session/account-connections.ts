import { redisScript } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';
import type { GatewayKeys } from '../gateway-keys.ts';

// Connections per account, counted across every gateway replica. Each connection holds a lease:
// a member of the account's sorted set whose score is when it runs out (Redis time). The gateway
// renews its connections' leases while they are open and removes them on close; a gateway that
// crashes leaves leases that simply run out, so a crash cannot lock an account out for longer
// than one lease.

const acquireSlot = redisScript({
  name: 'perpConnectionSlotAcquire',
  numberOfKeys: 1,
  reply: Number,
  lua: `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
`,
});

// Renews the leases of open connections; one that ran out meanwhile (Redis was unreachable) is
// added again, since its connection is still open and counts.
const renewSlots = redisScript({
  name: 'perpConnectionSlotsRenew',
  numberOfKeys: 1,
  reply: Number,
  lua: `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
`,
});

export interface AccountConnectionsOptions {
  readonly redis: Redis;
  readonly keys: GatewayKeys;
  readonly maxPerAccount: number;
  readonly leaseTtlMs: number;
}

export class AccountConnections {
  readonly #options: AccountConnectionsOptions;

  constructor(options: AccountConnectionsOptions) {
    this.#options = options;
  }

  get maxPerAccount(): number {
    return this.#options.maxPerAccount;
  }

  /** Takes a slot for the connection; false when the account has its maximum already. */
  async acquire(accountId: string, connectionId: string): Promise<boolean> {
    const { redis, keys, maxPerAccount, leaseTtlMs } = this.#options;
    const taken = await acquireSlot(
      redis,
      [keys.connections(accountId)],
      [connectionId, String(maxPerAccount), String(leaseTtlMs)],
    );
    return taken === 1;
  }

  async release(accountId: string, connectionId: string): Promise<void> {
    await this.#options.redis.zrem(this.#options.keys.connections(accountId), connectionId);
  }

  /** Extends the leases of these open connections, grouped by account. */
  async renew(connectionsByAccount: ReadonlyMap<string, readonly string[]>): Promise<void> {
    if (connectionsByAccount.size === 0) return;
    const { redis, keys, leaseTtlMs } = this.#options;
    await renewSlots.batch(
      redis,
      [...connectionsByAccount].map(([accountId, connectionIds]) => ({
        keys: [keys.connections(accountId)],
        args: [String(leaseTtlMs), ...connectionIds],
      })),
    );
  }

  /** How many connections the account holds now (for tests and diagnostics). */
  async count(accountId: string): Promise<number> {
    const { redis, keys } = this.#options;
    const now = Date.now();
    return redis.zcount(keys.connections(accountId), now, '+inf');
  }
}
