import type { Redis } from 'ioredis';
import { connectRedis, type RedisTestInstance } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease, redisKeyspace } from './index.ts';

let service: RedisTestInstance;
beforeAll(async () => {
  service = await connectRedis();
});
afterAll(() => service.dispose());

function replica(redis: Redis, owner: string, name: string, events: string[]) {
  return new Lease({
    redis,
    keys: redisKeyspace(service.keyPrefix),
    name,
    owner,
    ttlMs: 600,
    intervalMs: 100,
    onAcquired: (token) => void events.push(`${owner} acquired ${token}`),
    onLost: (token) => void events.push(`${owner} lost ${token}`),
  });
}

describe('Lease', () => {
  it('lets one replica hold it; when the holder dies a standby takes over with a higher fencing token', async () => {
    const events: string[] = [];
    const firstConnection = await service.newClient();
    const first = replica(firstConnection, 'oms-1', 'venue:sim', events);
    const second = replica(service.client, 'oms-2', 'venue:sim', events);
    first.start();
    await expect.poll(() => first.held).toBe(true);
    second.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(second.held).toBe(false);
    const firstToken = first.fencingToken;

    // The holder loses Redis (as if its process froze): it cannot renew, the lease expires.
    firstConnection.disconnect();
    await expect.poll(() => second.held, { timeout: 3_000 }).toBe(true);
    expect(second.fencingToken).toBeGreaterThan(firstToken);
    // And the old holder stops acting on its own once a whole TTL passed without renewal.
    await expect.poll(() => first.held, { timeout: 3_000 }).toBe(false);
    expect(events).toContain(`oms-1 lost ${firstToken}`);

    await first.stop();
    await second.stop();
  });

  it('stop() hands the lease over at once', async () => {
    const events: string[] = [];
    const first = replica(service.client, 'mm-1', 'market-maker', events);
    const second = replica(service.client, 'mm-2', 'market-maker', events);
    first.start();
    await expect.poll(() => first.held).toBe(true);
    second.start();
    const token = first.fencingToken;
    await first.stop();
    expect(events).toContain(`mm-1 lost ${token}`);
    // Well before the 600 ms TTL would have expired.
    await expect.poll(() => second.held, { timeout: 300, interval: 20 }).toBe(true);
    expect(second.fencingToken).toBe(token + 1);
    await second.stop();
  });
});
