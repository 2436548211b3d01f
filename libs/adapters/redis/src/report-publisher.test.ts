import type { Redis } from 'ioredis';
import { connectRedis, type RedisTestInstance } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReportPublisher,
  lastPublishedSeq,
  redisKeyspace,
  replayReports,
  type RedisKeyspace,
} from './index.ts';

let service: RedisTestInstance;
let keys: RedisKeyspace;
let subscriber: Redis;
beforeAll(async () => {
  service = await connectRedis();
  keys = redisKeyspace(service.keyPrefix);
  subscriber = await service.newClient();
});
afterAll(async () => {
  subscriber.disconnect();
  await service.dispose();
});

const report = (accountId: string, seq: number) => ({
  accountId,
  seq,
  status: 'accepted',
  clientOrderId: `c${seq}`,
});

describe('ReportPublisher', () => {
  it('appends to the account stream, the events stream and the live channel', async () => {
    const received: unknown[] = [];
    await subscriber.subscribe(keys.accountChannel('alice'));
    subscriber.on('message', (channel, message) => {
      if (channel === keys.accountChannel('alice')) received.push(JSON.parse(message));
    });
    const publisher = new ReportPublisher({ redis: service.client, keys });
    expect(await publisher.publish([report('alice', 1), report('alice', 2)])).toBe(2);
    await expect.poll(() => received.length).toBe(2);
    expect(received).toEqual([report('alice', 1), report('alice', 2)]);
    expect(await replayReports(service.client, keys, 'alice', 0)).toEqual([
      report('alice', 1),
      report('alice', 2),
    ]);
    const events = await service.client.xrange(keys.events, '-', '+');
    expect(events.map(([, fields]) => fields.slice(0, 6))).toEqual([
      ['type', 'execution_report', 'accountId', 'alice', 'seq', '1'],
      ['type', 'execution_report', 'accountId', 'alice', 'seq', '2'],
    ]);
    await subscriber.unsubscribe();
  });

  it('publishes each report exactly once however often it is re-published (crash recovery)', async () => {
    const publisher = new ReportPublisher({ redis: service.client, keys });
    expect(await publisher.publish([report('bob', 1)])).toBe(1);
    expect(await publisher.publish([report('bob', 1), report('bob', 2)])).toBe(1);
    expect(await publisher.publish([report('bob', 1), report('bob', 2)])).toBe(0);
    expect(
      (await replayReports(service.client, keys, 'bob', 0)).map((r) => (r as { seq: number }).seq),
    ).toEqual([1, 2]);
    expect(await lastPublishedSeq(service.client, keys, 'bob')).toBe(2);
  });

  it('replays only what came after the given sequence number', async () => {
    const publisher = new ReportPublisher({ redis: service.client, keys });
    await publisher.publish([1, 2, 3, 4, 5].map((seq) => report('carol', seq)));
    expect(
      (await replayReports(service.client, keys, 'carol', 3)).map(
        (r) => (r as { seq: number }).seq,
      ),
    ).toEqual([4, 5]);
    expect(await replayReports(service.client, keys, 'carol', 5)).toEqual([]);
    expect(await lastPublishedSeq(service.client, keys, 'nobody')).toBe(0);
  });

  it('keeps accounts apart', async () => {
    const publisher = new ReportPublisher({ redis: service.client, keys });
    await publisher.publish([report('dave', 1), report('erin', 1)]);
    expect(await replayReports(service.client, keys, 'dave', 0)).toEqual([report('dave', 1)]);
  });
});
