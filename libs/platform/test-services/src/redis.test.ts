import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, TestServiceErrorCode, type RedisTestInstance } from './index.ts';
import { freePort } from './free-port.ts';

describe('connectRedis', () => {
  let redis: RedisTestInstance;

  beforeAll(async () => {
    redis = await connectRedis();
  });
  afterAll(() => redis?.dispose());

  it('hands each caller its own key prefix', async () => {
    const other = await connectRedis();
    try {
      expect(redis.keyPrefix).toMatch(/^t:[a-z0-9]+:$/);
      expect(other.keyPrefix).not.toBe(redis.keyPrefix);
    } finally {
      await other.dispose();
    }
  });

  it('delivers a message published on a channel under the prefix to a subscriber', async () => {
    const subscriber = await redis.newClient();
    const channel = `${redis.keyPrefix}fills`;
    const received = new Promise<[string, string]>((resolve) => {
      subscriber.on('message', (ch: string, message: string) => resolve([ch, message]));
    });
    await subscriber.subscribe(channel);

    const receivers = await redis.client.publish(channel, '{"orderId":"o-1","qty":"0.5"}');

    expect(receivers).toBe(1);
    expect(await received).toEqual([channel, '{"orderId":"o-1","qty":"0.5"}']);
  });

  it('deletes the keys under its prefix on dispose, and only those', async () => {
    const mine = await connectRedis();
    const outsider = `${redis.keyPrefix}survivor`;
    const client: Redis = mine.client;
    await client.set(`${mine.keyPrefix}a`, '1');
    await client.hset(`${mine.keyPrefix}b`, { field: 'v' });
    await client.rpush(`${mine.keyPrefix}c`, 'x', 'y');
    await redis.client.set(outsider, 'keep');

    await mine.dispose();

    expect(
      await redis.client.exists(`${mine.keyPrefix}a`, `${mine.keyPrefix}b`, `${mine.keyPrefix}c`),
    ).toBe(0);
    expect(await redis.client.get(outsider)).toBe('keep');
  });

  it('says how to start Redis when none answers', async () => {
    const closedPort = await freePort(); // free a moment ago: nothing listens there
    const started = Date.now();

    const error = await connectRedis({ url: `redis://127.0.0.1:${closedPort}` }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ code: TestServiceErrorCode.RedisUnavailable });
    expect((error as Error).message).toContain(`redis://127.0.0.1:${closedPort}`);
    expect((error as Error).message).toContain(
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
