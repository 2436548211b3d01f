import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CommandEnvelope } from '@perp/contracts';
import { redisKeyspace, type RedisKeyspace } from '@perp/redis-adapter';
import { QUEUES, ensureQueueWithDeadLetter } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { identifierOf } from '@perp/trading-domain';
import {
  connectRedis,
  startSqs,
  waitUntil,
  type RedisTestInstance,
  type SqsTestInstance,
} from '@perp/test-services';
import { VenueConnector, VenueCursor, type CommandQueue } from '@perp/venue-adapter';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { limitOrder, place } from '../test-support/http-calls.ts';
import {
  newDataDir,
  removeDataDir,
  silentLogger,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';

// The venue connector end to end: the real sim-venue's stream, a fauxqs FIFO queue, Redis.

let sqsService: SqsTestInstance;
let sqs: SQSClient;
let redis: RedisTestInstance;
let testNumber = 0;

let venue: RunningSimVenue;
let dataDir: string;
let queueUrl: string;
let producer: FifoQueueProducer;
let keys: RedisKeyspace;
const connectors: VenueConnector[] = [];

beforeAll(async () => {
  sqsService = await startSqs();
  sqs = sqsService.createClient();
  redis = await connectRedis();
});
afterAll(async () => {
  await redis.dispose();
  await sqsService.stop();
});

beforeEach(async () => {
  testNumber += 1;
  dataDir = await newDataDir();
  venue = await startSimVenue({ dataDir });
  const queue = await ensureQueueWithDeadLetter(
    sqs,
    {
      ...QUEUES.orders,
      name: `venue-${testNumber}.fifo`,
      receiveWaitTimeSeconds: 1,
      deadLetter: { ...QUEUES.orders.deadLetter, name: `venue-${testNumber}-dlq.fifo` },
    },
    sqsService.queuePrefix,
  );
  queueUrl = queue.url;
  producer = new FifoQueueProducer({ sqs, queueUrl });
  keys = redisKeyspace(`${redis.keyPrefix}${testNumber}:`);
});
afterEach(async () => {
  await Promise.all(connectors.splice(0).map((c) => c.stop()));
  await venue.close();
  await removeDataDir(dataDir);
});

function connector(
  owner: string,
  client: Redis = redis.client,
  queue: CommandQueue = producer,
): VenueConnector {
  const created = new VenueConnector({
    venue: identifierOf('VenueName', 'sim'),
    venueUrl: venue.url,
    redis: client,
    keys,
    owner,
    queue,
    logger: silentLogger,
    leaseTtlMs: 600,
    leaseIntervalMs: 100,
    retryDelayMs: 50,
    streamReconnectDelayMs: 20,
  });
  connectors.push(created);
  return created;
}

interface Received {
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly command: CommandEnvelope;
}

/** Receives (and deletes) until `count` distinct commands arrived; returns all, in arrival order. */
async function receive(count: number, timeoutMs = 10_000): Promise<Received[]> {
  const received: Received[] = [];
  const ids = new Set<string>();
  const receiveSome = async (): Promise<boolean> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    for (const message of Messages) {
      const command = CommandEnvelope.parse(JSON.parse(message.Body ?? ''));
      received.push({
        groupId: message.Attributes?.MessageGroupId,
        deduplicationId: message.Attributes?.MessageDeduplicationId,
        command,
      });
      ids.add(command.commandId);
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
    return ids.size >= count;
  };
  // Each attempt is a one-second long poll, so no pause between them.
  await waitUntil(receiveSome, { timeoutMs, intervalMs: 0 }).catch((error: unknown) => {
    throw new Error(`got ${ids.size} of ${count} commands: ${[...ids].join(', ')}`, {
      cause: error,
    });
  });
  return received;
}

function cursor(): VenueCursor {
  return new VenueCursor({ redis: redis.client, keys, leaseName: 'venue:sim' });
}

describe('VenueConnector', () => {
  it('forwards a crossing pair as valid venue.* commands in the accounts groups, with event ids', async () => {
    const batches: number[] = [];
    const counting: CommandQueue = {
      sendMany: (messages) => {
        batches.push(messages.length);
        return producer.sendMany(messages);
      },
    };
    connector('oms-1', redis.client, counting).start();
    await place(
      venue.url,
      limitOrder({ accountId: 'maker', orderId: 'm-1', side: 'sell', price: '60000' }),
    );
    await place(
      venue.url,
      limitOrder({ accountId: 'taker', orderId: 't-1', price: '60000', quantity: '0.004' }),
    );
    const received = await receive(4);
    expect(received).toHaveLength(4);
    for (const { groupId, deduplicationId, command } of received) {
      expect(groupId).toBe(command.accountId);
      expect(deduplicationId).toBe(command.commandId);
      expect(command).toMatchObject({ version: 1, source: 'venue', traceId: command.commandId });
    }
    const tradeId = venue.app.venue.journalId + '-T1';
    const byGroup = (account: string) =>
      received
        .filter((r) => r.groupId === account)
        .map((r) => [r.command.type, r.command.commandId]);
    expect(byGroup('maker')).toEqual([
      ['venue.orderAccepted', 'sim:accepted:m-1'],
      ['venue.orderFilled', `sim:fill:${tradeId}:m-1`],
    ]);
    expect(byGroup('taker')).toEqual([
      ['venue.orderAccepted', 'sim:accepted:t-1'],
      ['venue.orderFilled', `sim:fill:${tradeId}:t-1`],
    ]);
    const takerFill = received.find((r) => r.command.commandId === `sim:fill:${tradeId}:t-1`);
    expect(takerFill?.command.payload).toMatchObject({
      venue: 'sim',
      orderId: 't-1',
      symbol: 'BTC-PERP',
      price: '60000',
      quantity: '0.004',
      liquidity: 'taker',
      fee: '0.12',
    });
    await expect
      .poll(() => cursor().read())
      .toEqual({
        journalId: venue.app.venue.journalId,
        eventSeq: 4,
      });
    // The taker's acceptance and both fills arrive together and share one send.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(4);
    expect(Math.max(...batches)).toBeGreaterThanOrEqual(3);
  });

  it('maps venue reasons: post-only reject, STP cancel, IOC expiry, unknown cancel', async () => {
    connector('oms-1').start();
    const eth = { symbol: 'ETH-PERP', accountId: 'x' };
    await place(venue.url, limitOrder({ ...eth, orderId: 'ask', side: 'sell', price: '3000' }));
    await place(
      venue.url,
      limitOrder({ ...eth, accountId: 'y', orderId: 'po', price: '3000', postOnly: true }),
    );
    await place(
      venue.url,
      limitOrder({
        ...eth,
        accountId: 'y',
        orderId: 'ioc',
        price: '3000',
        quantity: '0.02',
        timeInForce: 'ioc',
      }),
    );
    await place(venue.url, limitOrder({ ...eth, orderId: 'own-bid', price: '2990' }));
    await place(venue.url, limitOrder({ ...eth, orderId: 'own-ask', side: 'sell', price: '2990' }));
    await fetch(`${venue.url}/v1/orders/y/ghost?symbol=ETH-PERP`, { method: 'DELETE' });
    // ask accepted, po rejected, ioc accepted + 2 fills + expiry, own-bid and own-ask accepted,
    // the STP cancel of own-bid, the ghost's cancel rejection.
    const received = await receive(10);
    const payloadOf = (type: string, orderId: string) =>
      received.find(
        (r) =>
          r.command.type === type &&
          'orderId' in r.command.payload &&
          r.command.payload.orderId === orderId,
      )?.command.payload;
    expect(payloadOf('venue.orderRejected', 'po')).toMatchObject({
      reason: 'VENUE_POST_ONLY_WOULD_CROSS',
      venueMessage: 'POST_ONLY_WOULD_CROSS',
    });
    expect(payloadOf('venue.orderExpired', 'ioc')).toMatchObject({ reason: 'IOC_REMAINDER' });
    expect(payloadOf('venue.orderCanceled', 'own-bid')).toMatchObject({
      reason: 'SELF_TRADE_PREVENTION',
    });
    expect(payloadOf('venue.cancelRejected', 'ghost')).toMatchObject({ reason: 'UNKNOWN_ORDER' });
  });

  it('a standby takes over when the active one stops, and resumes from the cursor: nothing lost', async () => {
    const first = connector('oms-1');
    const second = connector('oms-2');
    first.start();
    await expect.poll(() => first.active).toBe(true);
    second.start();
    for (let i = 1; i <= 3; i += 1) {
      await place(
        venue.url,
        limitOrder({ accountId: `a${i}`, orderId: `first-${i}`, price: '50000' }),
      );
    }
    await expect.poll(() => first.forwarded?.eventSeq).toBe(3);
    expect(second.active).toBe(false);

    await first.stop();
    // Made while nobody forwards: the next holder finds them after the cursor.
    await place(venue.url, limitOrder({ accountId: 'a4', orderId: 'gap-4', price: '50000' }));
    await expect.poll(() => second.active, { timeout: 3_000 }).toBe(true);
    await place(venue.url, limitOrder({ accountId: 'a5', orderId: 'second-5', price: '50000' }));
    await expect.poll(() => second.forwarded?.eventSeq, { timeout: 3_000 }).toBe(5);

    const received = await receive(5);
    expect(new Set(received.map((r) => r.command.commandId))).toEqual(
      new Set(
        ['first-1', 'first-2', 'first-3', 'gap-4', 'second-5'].map((o) => `sim:accepted:${o}`),
      ),
    );
    expect(await cursor().read()).toMatchObject({ eventSeq: 5 });
  });

  it('a standby takes over when the active one loses Redis; the old one stops streaming', async () => {
    const firstRedis = await redis.newClient();
    const first = connector('oms-1', firstRedis);
    first.start();
    await expect.poll(() => first.active).toBe(true);
    const second = connector('oms-2');
    second.start();
    await place(venue.url, limitOrder({ accountId: 'b1', orderId: 'before', price: '50000' }));
    await expect.poll(() => first.forwarded?.eventSeq).toBe(1);

    firstRedis.disconnect();
    await place(venue.url, limitOrder({ accountId: 'b2', orderId: 'during', price: '50000' }));
    await expect.poll(() => second.active, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => first.active, { timeout: 5_000 }).toBe(false);
    await place(venue.url, limitOrder({ accountId: 'b3', orderId: 'after', price: '50000' }));

    const received = await receive(3);
    expect(new Set(received.map((r) => r.command.commandId))).toEqual(
      new Set(['before', 'during', 'after'].map((o) => `sim:accepted:${o}`)),
    );
    await expect.poll(() => cursor().read(), { timeout: 3_000 }).toMatchObject({ eventSeq: 3 });
  });

  it('keeps events until the queue takes them: a send failure retries from the cursor', async () => {
    let failures = 2;
    const flaky: CommandQueue = {
      sendMany: async (messages) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('queue unavailable');
        }
        await producer.sendMany(messages);
      },
    };
    const created = connector('oms-flaky', redis.client, flaky);
    created.start();
    await place(venue.url, limitOrder({ accountId: 'c1', orderId: 'kept', price: '50000' }));
    const received = await receive(1);
    expect(received[0]?.command.commandId).toBe('sim:accepted:kept');
    expect(failures).toBe(0);
    await expect.poll(() => cursor().read()).toMatchObject({ eventSeq: 1 });
  });
});
