import {
  AccountNotification,
  BookNotification,
  ExecutionReport,
  FillsNotification,
  JsonRpcErrorResponse,
  OrdersNotification,
  PositionsNotification,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { ReportPublisher, redisKeyspace } from '@perp/redis-adapter';
import {
  identifierOf,
  type AccountId,
  type ClientOrderId,
  type InstrumentSymbol,
  type OrderId,
  type TradeId,
} from '@perp/trading-domain';
import { SimVenueClient } from '@perp/venue-adapter';
import { acceptedReport } from '@perp/local-stack';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import type { RpcAnswer, RpcSocket } from '@perp/trader-client';

// Real Redis, SQS (fauxqs), DynamoDB Local and sim-venue. There is no OMS: execution reports are
// published into the test's Redis keyspace with the OMS's own ReportPublisher.

let h: GatewayHarness;
let gw: RunningGateway;
let publisher: ReportPublisher;

beforeAll(async () => {
  h = await startGatewayHarness();
  gw = await h.startGateway({ orderResultTimeoutMs: 3_000 });
  publisher = new ReportPublisher({
    redis: h.redis.client,
    keys: redisKeyspace(h.redis.keyPrefix),
  });
}, 60_000);
afterAll(() => h?.dispose());
beforeEach(async () => {
  await h.takeCommands(0);
});

let accounts = 0;
async function newAccount(): Promise<string> {
  const accountId = `sub-${Date.now()}-${(accounts += 1)}`;
  await h.createAccount(accountId);
  return accountId;
}

const report = acceptedReport;

const publish = (accountId: string, from: number, to: number) =>
  publisher.publish(Array.from({ length: to - from + 1 }, (_, i) => report(accountId, from + i)));

const isOn = (channel: string) => (m: unknown) =>
  (m as { method?: unknown; params?: { channel?: unknown } }).method === 'subscription' &&
  (m as { params: { channel: unknown } }).params.channel === channel;

/** The notifications of a channel received so far, their data. */
const dataOn = (client: RpcSocket, channel: string) =>
  client.frames.filter(isOn(channel)).map((m) => (m as { params: { data: unknown } }).params.data);

const reportSeqs = (client: RpcSocket) =>
  dataOn(client, 'orders')
    .filter((d) => !(d as { snapshot?: unknown }).snapshot)
    .map((d) => ExecutionReport.parse(d).seq);

const codeOf = (answer: RpcAnswer) => JsonRpcErrorResponse.parse(answer).error.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('orders channel', () => {
  it('sends the open-order snapshot after the result, then that account’s reports only', async () => {
    const [alice, bob] = [await newAccount(), await newAccount()];
    await publish(alice, 1, 2);
    const aliceSocket = await h.connect(gw.url, alice);
    const bobSocket = await h.connect(gw.url, bob);
    const answer = await aliceSocket.request('subscribe', { channels: ['orders'] });
    expect(answer.result).toEqual({ subscribed: ['orders'] });
    await bobSocket.result('subscribe', { channels: ['orders'] });
    const snapshot = await aliceSocket.frameMatching(isOn('orders'));
    expect(aliceSocket.frames.indexOf(answer)).toBeLessThan(aliceSocket.frames.indexOf(snapshot));
    expect(OrdersNotification.parse(snapshot).params.data).toEqual({
      snapshot: true,
      orders: [],
      seq: 2,
    });
    await bobSocket.frameMatching(isOn('orders'));

    await publish(alice, 3, 5);
    await until(() => reportSeqs(aliceSocket).length === 3);
    expect(reportSeqs(aliceSocket)).toEqual([3, 4, 5]);
    for (const m of aliceSocket.frames.filter(isOn('orders'))) OrdersNotification.parse(m);
    await sleep(200);
    expect(reportSeqs(bobSocket)).toEqual([]);
    await Promise.all([aliceSocket.close(), bobSocket.close()]);
  });

  it('replays after `since` on reconnect: nothing missed, nothing repeated', async () => {
    const alice = await newAccount();
    const first = await h.connect(gw.url, alice);
    await first.result('subscribe', { channels: ['orders'] });
    await first.frameMatching(isOn('orders'));
    await publish(alice, 1, 3);
    await until(() => reportSeqs(first).length === 3);
    await first.close();

    await publish(alice, 4, 6);
    const second = await h.connect(gw.url, alice);
    await second.result('subscribe', { channels: ['orders'], since: { orders: 3 } });
    await publish(alice, 7, 7);
    await until(() => reportSeqs(second).length >= 4);
    await sleep(200);
    expect(reportSeqs(second)).toEqual([4, 5, 6, 7]);
    // With since, no snapshot: the replay continues the client's state.
    expect(dataOn(second, 'orders').some((d) => (d as { snapshot?: unknown }).snapshot)).toBe(
      false,
    );
    await second.close();
  });

  it('stops delivery on unsubscribe', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    await client.result('subscribe', { channels: ['orders'] });
    await client.frameMatching(isOn('orders'));
    await publish(alice, 1, 1);
    await until(() => reportSeqs(client).length === 1);
    expect(await client.result('unsubscribe', { channels: ['orders', 'fills'] })).toEqual({
      unsubscribed: ['orders'],
    });
    await publish(alice, 2, 3);
    await sleep(300);
    expect(reportSeqs(client)).toEqual([1]);
    await client.close();
  });
});

describe('fills, positions and account channels', () => {
  it('snapshots positions and account, then a trade report sends the fill, the position and the account', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    await client.result('subscribe', { channels: ['fills', 'positions', 'account'] });
    const positions = PositionsNotification.parse(await client.frameMatching(isOn('positions')));
    expect(positions.params.data).toEqual({ snapshot: true, positions: [] });
    const account = AccountNotification.parse(await client.frameMatching(isOn('account')));
    expect(account.params.data).toMatchObject({
      snapshot: true,
      account: { accountId: alice, collateral: '100000' },
    });

    // What the OMS commits for a fill, then the report it publishes.
    const now = Date.now();
    const accountId = alice as AccountId;
    const symbol = 'BTC-PERP' as InstrumentSymbol;
    await h.commit({
      accountId,
      fill: {
        accountId,
        orderId: 'o-1' as OrderId,
        clientOrderId: 'c-1' as ClientOrderId,
        symbol,
        side: 'buy',
        tradeId: 't-1' as TradeId,
        price: Decimal.parse('60000'),
        quantity: Decimal.parse('0.01'),
        fee: Decimal.parse('0.3'),
        liquidity: 'taker',
        realizedPnl: Decimal.ZERO,
        ts: now,
      },
      position: {
        value: {
          accountId,
          symbol,
          quantity: Decimal.parse('0.01'),
          costBasis: Decimal.parse('600'),
          realizedPnl: Decimal.ZERO,
          fees: Decimal.parse('0.3'),
        },
        expectedVersion: null,
      },
    });
    await publisher.publish([
      report(alice, 1, {
        price: '60000',
        filledQuantity: '0.01',
        remainingQuantity: '0',
        avgFillPrice: '60000',
        status: 'filled',
        execType: 'trade',
        lastFillPrice: '60000',
        lastFillQuantity: '0.01',
        fee: '0.3',
        tradeId: 't-1',
      }),
    ]);
    const fill = FillsNotification.parse(await client.frameMatching(isOn('fills')));
    expect(fill.params.data).toMatchObject({
      tradeId: 't-1',
      price: '60000',
      quantity: '0.01',
      liquidity: 'taker',
    });
    await until(() => dataOn(client, 'positions').length === 2);
    const position = PositionsNotification.parse(client.frames.filter(isOn('positions'))[1]);
    expect(position.params.data).toMatchObject({ symbol: 'BTC-PERP', quantity: '0.01' });
    await until(() => dataOn(client, 'account').length >= 2);
    AccountNotification.parse(client.frames.filter(isOn('account'))[1]);
    await client.close();
  });
});

describe('market channels', () => {
  it('sends a book snapshot, then sequenced updates', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    await client.result('subscribe', { channels: ['book.BTC-PERP'] });
    const snapshot = BookNotification.parse(await client.frameMatching(isOn('book.BTC-PERP')));
    expect(snapshot.params.data).toMatchObject({ snapshot: true });
    const startSeq = (snapshot.params.data as { book: { seq: number } }).book.seq;

    await new SimVenueClient({ baseUrl: h.simVenue.url }).placeOrder({
      accountId: identifierOf('AccountId', alice),
      orderId: identifierOf('OrderId', `venue-${Date.now()}`),
      symbol: identifierOf('InstrumentSymbol', 'BTC-PERP'),
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: Decimal.parse('58000'),
      quantity: Decimal.parse('0.01'),
      postOnly: false,
      reduceOnly: false,
    });
    await until(() => dataOn(client, 'book.BTC-PERP').length >= 2);
    const update = BookNotification.parse(client.frames.filter(isOn('book.BTC-PERP'))[1]);
    expect(update.params.data).not.toHaveProperty('snapshot');
    expect((update.params.data as { seq: number }).seq).toBe(startSeq + 1);
    await client.close();
  });

  it('answers 10004 for an unknown symbol, and subscribes nothing', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    const answer = await client.request('subscribe', { channels: ['orders', 'ticker.DOGE-PERP'] });
    expect(codeOf(answer)).toBe(10004);
    expect(await client.result('unsubscribe', { channels: ['orders'] })).toEqual({
      unsubscribed: [],
    });
    await client.close();
  });
});

describe('limits', () => {
  it('refuses a subscribe past the per-connection limit with a clear error', async () => {
    const limited = await h.startGateway({ limits: { subscriptionsPerConnection: 2 } });
    const alice = await newAccount();
    const client = await h.connect(limited.url, alice);
    await client.result('subscribe', { channels: ['orders', 'book.BTC-PERP'] });
    const answer = await client.request('subscribe', { channels: ['ticker.BTC-PERP'] });
    expect(answer.error).toMatchObject({
      code: -32602,
      data: {
        field: 'channels',
        reason: expect.stringContaining('2 subscriptions per connection'),
      },
    });
    // Subscribing again to what it holds takes no new slot.
    expect(await client.result('subscribe', { channels: ['orders'] })).toEqual({
      subscribed: ['orders'],
    });
    await client.result('unsubscribe', { channels: ['book.BTC-PERP'] });
    await client.result('subscribe', { channels: ['ticker.BTC-PERP'] });
    await client.close();
  });

  it('closes a socket that does not read its notifications (1008) rather than buffering', async () => {
    const strict = await h.startGateway({ limits: { maxBufferedBytes: -1 } });
    const alice = await newAccount();
    const client = await h.connect(strict.url, alice);
    await client.result('subscribe', { channels: ['book.BTC-PERP'] });
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toContain('slow consumer');
  });
});

describe('order.place respType result', () => {
  const params = (clientOrderId: string) => ({
    clientOrderId,
    symbol: 'BTC-PERP',
    side: 'buy',
    type: 'limit',
    price: '59000',
    quantity: '0.01',
    respType: 'result',
  });

  it('answers with the first execution report of the order', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    const answer = client.request('order.place', params('want-result'));
    // The OMS's part: the command is on the queue, then its first report is published.
    let queued: unknown[] = [];
    while (queued.length === 0) queued = await h.takeCommands(0);
    const first = report(alice, 1, { orderId: 'o-result', clientOrderId: 'want-result' });
    await publisher.publish([report(alice, 1, { clientOrderId: 'someone-else' })]);
    await publisher.publish([{ ...first, seq: 2 }]);
    const result = await answer;
    expect(ExecutionReport.parse(result.result)).toEqual({ ...first, seq: 2 });
    await client.close();
  });

  it('an ioc order answers with the report that ends its matching, not its first', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    const answer = client.request('order.place', { ...params('ioc-result'), timeInForce: 'ioc' });
    let queued: unknown[] = [];
    while (queued.length === 0) queued = await h.takeCommands(0);
    const order = { orderId: 'o-ioc', clientOrderId: 'ioc-result', timeInForce: 'ioc' } as const;
    const fill = {
      ...order,
      status: 'partially_filled',
      execType: 'trade',
      filledQuantity: '0.004',
      remainingQuantity: '0.006',
      avgFillPrice: '59000',
      lastFillPrice: '59000',
      lastFillQuantity: '0.004',
      fee: '0.1',
      tradeId: 't-ioc',
    } as const;
    const expired = {
      ...fill,
      status: 'expired',
      execType: 'expired',
      lastFillPrice: null,
      lastFillQuantity: null,
      fee: null,
      tradeId: null,
      reason: 'IOC_REMAINDER',
    } as const;
    await publisher.publish([report(alice, 1, order)]);
    await publisher.publish([report(alice, 2, fill)]);
    await publisher.publish([report(alice, 3, expired)]);
    const result = ExecutionReport.parse((await answer).result);
    expect(result).toMatchObject({ seq: 3, status: 'expired', filledQuantity: '0.004' });
    await client.close();
  });

  it('answers 10008 when no report comes in time, with the order queued', async () => {
    const quick = await h.startGateway({ orderResultTimeoutMs: 300 });
    const alice = await newAccount();
    const client = await h.connect(quick.url, alice);
    const answer = await client.request('order.place', params('no-result'));
    expect(codeOf(answer)).toBe(10008);
    const commands = await h.takeCommands();
    expect(commands.map((c) => c.command.type)).toEqual(['order.place']);
    await client.close();
  });
});

describe('session.cancelOnDisconnect', () => {
  it('queues exactly one cancelAll of the account when the socket closes', async () => {
    const alice = await newAccount();
    const client = await h.connect(gw.url, alice);
    expect(await client.result('session.cancelOnDisconnect', { enabled: true })).toEqual({
      enabled: true,
    });
    await client.close();
    const commands = await h.takeCommands(1_000);
    expect(commands).toHaveLength(1);
    expect(commands[0]?.command).toMatchObject({
      type: 'order.cancelAll',
      accountId: alice,
      source: 'trader',
      payload: { reason: 'CANCEL_ON_DISCONNECT' },
    });
    expect(commands[0]?.groupId).toBe(alice);
  });

  it('queues nothing when it was disabled again, or never enabled', async () => {
    const alice = await newAccount();
    const toggled = await h.connect(gw.url, alice);
    await toggled.result('session.cancelOnDisconnect', { enabled: true });
    expect(await toggled.result('session.cancelOnDisconnect', { enabled: false })).toEqual({
      enabled: false,
    });
    const never = await h.connect(gw.url, alice);
    await Promise.all([toggled.close(), never.close()]);
    expect(await h.takeCommands(500)).toEqual([]);
  });

  it('also cancels when the gateway shuts down', async () => {
    const own = await h.startGateway();
    const alice = await newAccount();
    const client = await h.connect(own.url, alice);
    await client.result('session.cancelOnDisconnect', { enabled: true });
    await own.gateway.stop();
    expect((await client.closed).code).toBe(1001);
    const commands = await h.takeCommands(500);
    expect(commands.map((c) => [c.command.type, c.command.accountId])).toEqual([
      ['order.cancelAll', alice],
    ]);
  });
});
