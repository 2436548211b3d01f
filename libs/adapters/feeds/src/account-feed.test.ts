import { ExecutionReport } from '@perp/contracts';
import { ReportPublisher, redisKeyspace, type RedisKeyspace } from '@perp/redis-adapter';
import { connectRedis, type RedisTestInstance } from '@perp/test-services';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountFeed, type AccountDropReason, type AccountFeedOptions } from './index.ts';
import { acceptedReport, fillReport, range, seqs } from './test-support/reports.ts';

// Real Redis (private by key prefix), reports published by the real ReportPublisher (the OMS's
// Lua script), each "replica" an AccountFeed with its own subscriber connection.

let service: RedisTestInstance;
let keys: RedisKeyspace;
let publisher: ReportPublisher;
const feeds: AccountFeed[] = [];
const connections: Redis[] = [];

beforeAll(async () => {
  service = await connectRedis();
  keys = redisKeyspace(service.keyPrefix);
  publisher = new ReportPublisher({ redis: service.client, keys });
});
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.close();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
  await service.dispose();
});

/** A subscriber connection as production opens it: ioredis reconnects and resubscribes. */
async function subscriberConnection(): Promise<Redis> {
  const connection = new Redis(service.url, { lazyConnect: true });
  connection.on('error', () => undefined);
  await connection.connect();
  connections.push(connection);
  return connection;
}

async function newFeed(options: Partial<AccountFeedOptions> = {}): Promise<AccountFeed> {
  const feed = new AccountFeed({
    redis: service.client,
    subscriber: await subscriberConnection(),
    keys,
    ...options,
  });
  feeds.push(feed);
  return feed;
}

let accountNumber = 0;
const newAccount = () => `acc-${++accountNumber}`;

/** Collects what a listener receives, validating each report against the contract. */
function collector() {
  const received: ExecutionReport[] = [];
  const listener = (report: ExecutionReport) => {
    received.push(ExecutionReport.parse(report));
  };
  return { received, listener };
}

const publish = (accountId: string, from: number, to: number) =>
  publisher.publish(range(from, to).map((seq) => acceptedReport(accountId, seq)));

const numsub = async (channel: string) => {
  const [, count] = (await service.client.pubsub('NUMSUB', channel)) as [string, number];
  return Number(count);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AccountFeed: live delivery', () => {
  it('delivers an account’s reports to that account’s listeners only, on every replica', async () => {
    const [replicaA, replicaB] = [await newFeed(), await newFeed()];
    const [alice, bob] = [newAccount(), newAccount()];
    const aliceOnA = collector();
    const aliceOnB = collector();
    const bobOnA = collector();
    const subscriptions = [
      replicaA.subscribe(alice, aliceOnA.listener),
      replicaB.subscribe(alice, aliceOnB.listener),
      replicaA.subscribe(bob, bobOnA.listener),
    ];
    expect(await Promise.all(subscriptions.map((s) => s.ready))).toEqual([0, 0, 0]);
    expect([replicaA.accountCount, replicaB.accountCount]).toEqual([2, 1]);

    await publisher.publish([
      acceptedReport(alice, 1),
      acceptedReport(bob, 1),
      acceptedReport(alice, 2),
      fillReport(alice, 3),
      acceptedReport(bob, 2),
    ]);
    await expect.poll(() => aliceOnB.received.length).toBe(3);
    await expect.poll(() => bobOnA.received.length).toBe(2);
    expect(aliceOnA.received).toEqual([
      acceptedReport(alice, 1),
      acceptedReport(alice, 2),
      fillReport(alice, 3),
    ]);
    expect(aliceOnB.received).toEqual(aliceOnA.received);
    expect(bobOnA.received).toEqual([acceptedReport(bob, 1), acceptedReport(bob, 2)]);
    expect(subscriptions.map((s) => s.lastDeliveredSeq)).toEqual([3, 3, 2]);
  });

  it('starts a subscription without since after the last published report', async () => {
    const feed = await newFeed();
    const account = newAccount();
    await publish(account, 1, 4);
    const { received, listener } = collector();
    const subscription = feed.subscribe(account, listener);
    expect(await subscription.ready).toBe(4);
    await publish(account, 5, 6);
    await expect.poll(() => seqs(received)).toEqual([5, 6]);
  });

  it('never delivers a sequence number twice, even if the channel repeats one', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const { received, listener } = collector();
    await feed.subscribe(account, listener).ready;
    await publish(account, 1, 2);
    await expect.poll(() => received.length).toBe(2);
    // Straight onto the channel, as a repeated publication would arrive.
    const channel = keys.accountChannel(account);
    await service.client.publish(channel, JSON.stringify(acceptedReport(account, 2)));
    await service.client.publish(channel, JSON.stringify(acceptedReport(account, 1)));
    await publish(account, 3, 3);
    await expect.poll(() => received.length).toBe(3);
    await sleep(50);
    expect(seqs(received)).toEqual([1, 2, 3]);
  });

  it('fills a gap in the live channel from the account’s stream', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const { received, listener } = collector();
    await feed.subscribe(account, listener).ready;
    await publish(account, 1, 1);
    // Reports 2 and 3 reach the stream but not the channel (a lost pub/sub message).
    for (const seq of [2, 3]) {
      await service.client.xadd(
        keys.accountReports(account),
        `${seq}-0`,
        'report',
        JSON.stringify(acceptedReport(account, seq)),
      );
    }
    await publish(account, 4, 5);
    await expect.poll(() => seqs(received)).toEqual([1, 2, 3, 4, 5]);
    expect(received[1]).toEqual(acceptedReport(account, 2));
  });

  it('reads what was published while the subscriber connection was down', async () => {
    const subscriber = await subscriberConnection();
    const connectionId = await subscriber.client('ID');
    const feed = new AccountFeed({ redis: service.client, subscriber, keys });
    feeds.push(feed);
    const account = newAccount();
    const { received, listener } = collector();
    await feed.subscribe(account, listener).ready;
    await publish(account, 1, 1);
    await expect.poll(() => received.length).toBe(1);

    await service.client.client('KILL', 'ID', String(connectionId));
    // Nobody listens on the channel now: only the stream has these.
    await publish(account, 2, 3);
    await expect.poll(() => seqs(received), { timeout: 5_000 }).toEqual([1, 2, 3]);
    await publish(account, 4, 4);
    await expect.poll(() => seqs(received)).toEqual([1, 2, 3, 4]);
  });
});

describe('AccountFeed: replay with since', () => {
  it('replays after since, then goes live without a gap or a repeat while reports keep coming', async () => {
    const feed = await newFeed({ pageSize: 50, maxQueuedReports: 10_000 });
    const account = newAccount();
    await publish(account, 1, 300);

    // Publishing goes on, in small batches, while the subscriptions replay.
    let published = 300;
    const producing = (async () => {
      while (published < 1_500) {
        const next = Math.min(published + 7, 1_500);
        await publish(account, published + 1, next);
        published = next;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    // A slow listener (it yields now and then), a fast one, and one that starts at 0.
    const slow: number[] = [];
    const fast: number[] = [];
    const fromStart: number[] = [];
    const subscriptions = [
      feed.subscribe(
        account,
        async (report) => {
          slow.push(report.seq);
          if (report.seq % 40 === 0) await sleep(1);
        },
        { since: 100 },
      ),
      feed.subscribe(account, (report) => void fast.push(report.seq), { since: 250 }),
      feed.subscribe(account, (report) => void fromStart.push(report.seq), { since: 0 }),
    ];
    expect(await Promise.all(subscriptions.map((s) => s.ready))).toEqual([100, 250, 0]);
    const publishedWhenReady = published;
    await producing;
    await expect.poll(() => slow.length, { timeout: 10_000 }).toBe(1_400);
    await expect.poll(() => fast.length, { timeout: 10_000 }).toBe(1_250);
    await expect.poll(() => fromStart.length, { timeout: 10_000 }).toBe(1_500);
    expect(slow).toEqual(range(101, 1_500));
    expect(fast).toEqual(range(251, 1_500));
    expect(fromStart).toEqual(range(1, 1_500));
    // The replays really overlapped live publishing.
    expect(publishedWhenReady).toBeLessThan(1_500);
    expect(feed.accountCount).toBe(1);
  });

  it('replays nothing when since is the last report, then delivers live ones', async () => {
    const feed = await newFeed();
    const account = newAccount();
    await publish(account, 1, 3);
    const { received, listener } = collector();
    expect(await feed.subscribe(account, listener, { since: 3 }).ready).toBe(3);
    await publish(account, 4, 4);
    await expect.poll(() => seqs(received)).toEqual([4]);
  });

  it('drops a subscriber whose reports after since are no longer in the stream', async () => {
    const feed = await newFeed();
    const account = newAccount();
    await publish(account, 1, 20);
    await service.client.xtrim(keys.accountReports(account), 'MAXLEN', 5);
    const { received, listener } = collector();
    const drops: AccountDropReason[] = [];
    const subscription = feed.subscribe(account, listener, {
      since: 3,
      onDrop: (reason) => drops.push(reason),
    });
    await expect.poll(() => drops).toEqual(['history_unavailable']);
    expect(received).toEqual([]);
    expect(subscription.active).toBe(false);
    // From within what is kept it works.
    const kept = collector();
    feed.subscribe(account, kept.listener, { since: 15 });
    await expect.poll(() => seqs(kept.received)).toEqual([16, 17, 18, 19, 20]);
  });
});

describe('AccountFeed: subscriptions and backpressure', () => {
  it('unsubscribe stops delivery; the last one releases the Redis subscription', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const channel = keys.accountChannel(account);
    const first = collector();
    const second = collector();
    const one = feed.subscribe(account, first.listener);
    const two = feed.subscribe(account, second.listener);
    await Promise.all([one.ready, two.ready]);
    expect(await numsub(channel)).toBe(1);

    one.unsubscribe();
    await publish(account, 1, 1);
    await expect.poll(() => second.received.length).toBe(1);
    expect(first.received).toEqual([]);
    expect(await numsub(channel)).toBe(1);

    two.unsubscribe();
    expect([one.active, two.active, feed.accountCount]).toEqual([false, false, 0]);
    await expect.poll(() => numsub(channel)).toBe(0);
    await publish(account, 2, 2);
    await sleep(50);
    expect(second.received.length).toBe(1);

    // Subscribing again subscribes again.
    const third = collector();
    await feed.subscribe(account, third.listener).ready;
    expect(await numsub(channel)).toBe(1);
    await publish(account, 3, 3);
    await expect.poll(() => seqs(third.received)).toEqual([3]);
  });

  it('drops a subscriber whose listener falls more than maxQueuedReports behind', async () => {
    const feed = await newFeed({ maxQueuedReports: 5 });
    const account = newAccount();
    const drops: string[] = [];
    const stuck: number[] = [];
    const subscription = feed.subscribe(
      account,
      (report) => {
        stuck.push(report.seq);
        return new Promise<void>(() => undefined); // never done
      },
      { onDrop: (reason, message) => drops.push(`${reason}: ${message}`) },
    );
    const healthy = collector();
    await Promise.all([subscription.ready, feed.subscribe(account, healthy.listener).ready]);
    await publish(account, 1, 10);
    await expect.poll(() => healthy.received.length).toBe(10);
    expect(drops).toEqual(['overflow: more than 5 reports waiting for the listener (after seq 1)']);
    expect([subscription.active, subscription.lastDeliveredSeq, stuck]).toEqual([false, 1, [1]]);
  });

  it('drops a subscriber whose listener throws; the others go on', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const drops: AccountDropReason[] = [];
    const failing = feed.subscribe(
      account,
      () => {
        throw new Error('socket gone');
      },
      { onDrop: (reason) => drops.push(reason) },
    );
    const healthy = collector();
    await Promise.all([failing.ready, feed.subscribe(account, healthy.listener).ready]);
    await publish(account, 1, 2);
    await expect.poll(() => healthy.received.length).toBe(2);
    expect(drops).toEqual(['listener_failed']);
  });

  it('lastSeq is the last published report number', async () => {
    const feed = await newFeed();
    const account = newAccount();
    expect(await feed.lastSeq(account)).toBe(0);
    await publish(account, 1, 3);
    expect(await feed.lastSeq(account)).toBe(3);
  });

  it('close ends every subscription with feed_closed', async () => {
    const feed = await newFeed();
    const drops: AccountDropReason[] = [];
    const subscription = feed.subscribe(newAccount(), () => undefined, {
      onDrop: (reason) => drops.push(reason),
    });
    await subscription.ready;
    feed.close();
    expect([drops, subscription.active, feed.accountCount]).toEqual([['feed_closed'], false, 0]);
    expect(() => feed.subscribe(newAccount(), () => undefined)).toThrow(/closed/);
  });
});

describe('AccountFeed: first report of an order', () => {
  it('resolves with the first report of the order, by client order id or order id', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const byClientId = feed.awaitFirstReport(
      account,
      { clientOrderId: 'mine' },
      { timeoutMs: 5_000 },
    );
    const byOrderId = feed.awaitFirstReport(account, { orderId: 'ord-7' }, { timeoutMs: 5_000 });
    await Promise.all([byClientId.ready, byOrderId.ready]);
    await publisher.publish([
      acceptedReport(account, 1),
      acceptedReport(account, 2, { clientOrderId: 'mine', orderId: 'ord-7' }),
      fillReport(account, 3, { clientOrderId: 'mine', orderId: 'ord-7' }),
    ]);
    expect(await byClientId.report).toEqual(
      acceptedReport(account, 2, { clientOrderId: 'mine', orderId: 'ord-7' }),
    );
    expect((await byOrderId.report)?.seq).toBe(2);
    // Each waiter had a subscription of its own, gone with the wait.
    await expect.poll(() => feed.accountCount).toBe(0);
  });

  it('finds a report published before the wait when given since', async () => {
    const feed = await newFeed();
    const account = newAccount();
    await publisher.publish([acceptedReport(account, 1, { clientOrderId: 'early' })]);
    const wait = feed.awaitFirstReport(
      account,
      { clientOrderId: 'early' },
      { timeoutMs: 5_000, since: 0 },
    );
    expect((await wait.report)?.seq).toBe(1);
  });

  it('resolves null when no report comes in time, or when canceled', async () => {
    const feed = await newFeed();
    const account = newAccount();
    const started = Date.now();
    const timedOut = feed.awaitFirstReport(account, { clientOrderId: 'late' }, { timeoutMs: 200 });
    await timedOut.ready;
    await publisher.publish([acceptedReport(account, 1)]);
    expect(await timedOut.report).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    const canceled = feed.awaitFirstReport(account, { orderId: 'x' }, { timeoutMs: 5_000 });
    canceled.cancel();
    expect(await canceled.report).toBeNull();
    await expect.poll(() => feed.accountCount).toBe(0);
    expect(() => feed.awaitFirstReport(account, {}, { timeoutMs: 1 })).toThrow(TypeError);
  });
});
