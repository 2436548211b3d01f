import { redisScript } from '@perp/redis-adapter';
import type { Redis } from 'ioredis';
import type { GatewayKeys } from '../gateway-keys.ts';

/** What an order.place queued under a client order id. */
export interface PlacedOrder {
  readonly digest: string;
  readonly symbol: string;
}

// Deletes the marker only if it is still this request's (another may have recorded one since).
const forgetMarker = redisScript({
  name: 'perpPlacedOrderForget',
  numberOfKeys: 1,
  reply: Number,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`,
});

/**
 * Short-lived markers of order.place requests the gateway queued, in Redis (shared by every
 * replica), for the time between the ack and the OMS's claim of the client order id:
 *  - the same id with other parameters is refused (10006) also before the OMS has seen the first
 *    (SQS would otherwise drop the second as a duplicate after acking it);
 *  - an order.cancel right after the ack finds the order (SQS FIFO delivers the cancel after
 *    the place, so the OMS will know it).
 * Once the OMS has committed the claim, the claim answers both questions.
 */
export class PlacedOrders {
  readonly #redis: Redis;
  readonly #keys: GatewayKeys;
  readonly #ttlMs: number;

  constructor(options: { redis: Redis; keys: GatewayKeys; ttlMs: number }) {
    this.#redis = options.redis;
    this.#keys = options.keys;
    this.#ttlMs = options.ttlMs;
  }

  /** Records the request unless one is recorded; answers the one recorded before, if any. */
  async record(
    accountId: string,
    clientOrderId: string,
    placed: PlacedOrder,
  ): Promise<PlacedOrder | undefined> {
    const key = this.#keys.placedOrder(accountId, clientOrderId);
    const value = JSON.stringify(placed);
    const set = await this.#redis.set(key, value, 'PX', this.#ttlMs, 'NX');
    if (set === 'OK') return undefined;
    const existing = await this.#redis.get(key);
    // It ran out between the two calls: nothing is recorded any more, so record this one.
    if (existing === null) return this.record(accountId, clientOrderId, placed);
    return JSON.parse(existing) as PlacedOrder;
  }

  async find(accountId: string, clientOrderId: string): Promise<PlacedOrder | undefined> {
    const existing = await this.#redis.get(this.#keys.placedOrder(accountId, clientOrderId));
    return existing === null ? undefined : (JSON.parse(existing) as PlacedOrder);
  }

  /** Removes the marker this request recorded (its send failed: nothing was queued). */
  async forget(accountId: string, clientOrderId: string, placed: PlacedOrder): Promise<void> {
    await forgetMarker(
      this.#redis,
      [this.#keys.placedOrder(accountId, clientOrderId)],
      [JSON.stringify(placed)],
    );
  }
}
