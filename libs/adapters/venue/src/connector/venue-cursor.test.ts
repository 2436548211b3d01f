import { Lease, redisKeyspace } from '@perp/redis-adapter';
import { connectRedis, type RedisTestInstance } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VenueCursor } from './venue-cursor.ts';

let redis: RedisTestInstance;
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(() => redis.dispose());

function lease(owner: string, name: string): Lease {
  return new Lease({
    redis: redis.client,
    keys: redisKeyspace(redis.keyPrefix),
    name,
    owner,
    ttlMs: 5_000,
    intervalMs: 50,
    onAcquired: () => undefined,
    onLost: () => undefined,
  });
}

describe('VenueCursor', () => {
  it('starts at nothing, moves forward for the holder and never backwards', async () => {
    const name = 'venue:cursor-a';
    const cursor = new VenueCursor({
      redis: redis.client,
      keys: redisKeyspace(redis.keyPrefix),
      leaseName: name,
    });
    expect(await cursor.read()).toEqual({ journalId: null, eventSeq: 0 });
    const holder = lease('oms-1', name);
    holder.start();
    await expect.poll(() => holder.held).toBe(true);
    const token = holder.fencingToken;
    expect(await cursor.advance(token, { journalId: 'j1', eventSeq: 5 })).toBe(true);
    expect(await cursor.advance(token, { journalId: 'j1', eventSeq: 3 })).toBe(true);
    expect(await cursor.read()).toEqual({ journalId: 'j1', eventSeq: 5 });
    // A new venue journal restarts the numbering.
    expect(await cursor.advance(token, { journalId: 'j2', eventSeq: 1 })).toBe(true);
    expect(await cursor.read()).toEqual({ journalId: 'j2', eventSeq: 1 });
    expect(cursor.key).toBe(`${redis.keyPrefix}lease:{${name}}:cursor`);
    await holder.stop();
  });

  it('refuses a holder whose lease was taken over: the stale token cannot move it', async () => {
    const name = 'venue:cursor-b';
    const keys = redisKeyspace(redis.keyPrefix);
    const cursor = new VenueCursor({ redis: redis.client, keys, leaseName: name });
    const first = lease('oms-1', name);
    first.start();
    await expect.poll(() => first.held).toBe(true);
    const stale = first.fencingToken;
    expect(await cursor.advance(stale, { journalId: 'j1', eventSeq: 10 })).toBe(true);

    await first.stop();
    const second = lease('oms-2', name);
    second.start();
    await expect.poll(() => second.held).toBe(true);
    expect(second.fencingToken).toBeGreaterThan(stale);

    expect(await cursor.advance(stale, { journalId: 'j1', eventSeq: 20 })).toBe(false);
    expect(await cursor.read()).toEqual({ journalId: 'j1', eventSeq: 10 });
    expect(await cursor.advance(second.fencingToken, { journalId: 'j1', eventSeq: 12 })).toBe(true);
    expect(await cursor.read()).toEqual({ journalId: 'j1', eventSeq: 12 });
    await second.stop();
  });
});
