// End to end: the whole platform as `npm start` runs it (fauxqs, DynamoDB Local, sim-venue, OMS,
// token issuer, ws-gateway, Redis), started once for this file, and traders on real WebSockets
// with tokens from the issuer's CLI. Nothing is faked; waits are generous, nothing is timed.
import { Decimal } from '@perp/decimal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@perp/test-services';
import type { RpcAnswer, RpcSocket } from '@perp/trader-client';
import { Platform, WAIT_MS, errorOf, eventually } from './test-support/platform.ts';

const SYMBOL = 'BTC-PERP';
const TICK = Decimal.parse('0.5');

/** An execution report on the `orders` channel (ws-api.md "Subscriptions"). */
interface Report {
  readonly seq: number;
  readonly accountId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly status: string;
  readonly execType: string;
  readonly quantity: string;
  readonly filledQuantity: string;
  readonly remainingQuantity: string;
  readonly lastFillPrice: string | null;
  readonly lastFillQuantity: string | null;
  readonly fee: string | null;
  readonly tradeId: string | null;
  readonly reason: string | null;
  readonly snapshot?: true;
}

interface Snapshot {
  readonly snapshot?: true;
}

interface Order {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly status: string;
  readonly reason: string | null;
  readonly price: string | null;
  readonly quantity: string;
}

interface Fill {
  readonly clientOrderId: string;
  readonly tradeId: string;
  readonly side: string;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
}

interface Ack {
  readonly clientOrderId: string;
  readonly status: string;
  readonly commandId: string;
}

/** Decimal strings compared as numbers, so "0.010" and "0.01" agree. */
const same = (a: string | null | undefined, b: string) =>
  a !== null && a !== undefined && Decimal.parse(a).eq(Decimal.parse(b));

let platform: Platform;
/** Every socket a test opened, closed after the file. */
const sockets: RpcSocket[] = [];
/** The mark at start-up, on the tick grid: prices stay well inside the 5 % band around it. */
let mark: Decimal;
/** A resting buy: 2.5 % under the mark, so it never trades with anything these tests place. */
let restingBid: string;

async function connect(accountId: string | null, roles?: string, url?: string): Promise<RpcSocket> {
  const socket = await platform.connect(accountId, roles, url);
  sockets.push(socket);
  return socket;
}

function limit(clientOrderId: string, side: 'buy' | 'sell', price: string, quantity = '0.01') {
  return { clientOrderId, symbol: SYMBOL, side, type: 'limit', price, quantity };
}

const isReport =
  (clientOrderId: string, execType: string) =>
  (data: Report): boolean =>
    data.snapshot !== true && data.clientOrderId === clientOrderId && data.execType === execType;

/** `order.get` until `check` accepts the order (the OMS works asynchronously). */
function orderUntil(
  socket: RpcSocket,
  ref: { clientOrderId: string } | { orderId: string },
  check: (order: Order) => boolean,
): Promise<Order> {
  return eventually(`order ${JSON.stringify(ref)} to match`, async () => {
    const answer = await socket.request('order.get', ref);
    const order = answer.result as Order | undefined;
    return order && check(order) ? order : undefined;
  });
}

beforeAll(async () => {
  platform = await Platform.start();
  mark = Decimal.parse(await platform.markPrice(SYMBOL)).roundToStep(TICK, 'half_even');
  restingBid = mark.mul(Decimal.parse('0.975')).roundToStep(TICK, 'down').toString();
}, 90_000);

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await platform?.stop();
}, 60_000);

describe('the platform end to end, over the trader WebSocket API', () => {
  it('alice and bob cross: reports, a fill each, opposite positions, fees off collateral', async () => {
    const price = mark.toString();
    const channels = ['orders', 'fills', 'positions', 'account'];
    const alice = await connect('alice');
    const bob = await connect('bob');
    for (const trader of [alice, bob]) {
      expect(await trader.result('subscribe', { channels })).toEqual({ subscribed: channels });
      // Every channel is live once its snapshot arrived.
      await trader.channelDataMatching<Report>('orders', (d) => d.snapshot === true);
      await trader.channelDataMatching<Snapshot>('positions', (d) => d.snapshot === true);
      await trader.channelDataMatching<Snapshot>('account', (d) => d.snapshot === true);
    }

    const buy = limit('cross-alice-1', 'buy', price);
    const aliceAck = await alice.result<Ack>('order.place', buy);
    expect(aliceAck).toEqual({
      clientOrderId: buy.clientOrderId,
      status: 'submitted',
      commandId: expect.any(String),
    });
    await alice.channelDataMatching<Report>('orders', isReport(buy.clientOrderId, 'accepted'));
    const sell = limit('cross-bob-1', 'sell', price);
    expect(await bob.result<Ack>('order.place', sell)).toMatchObject({ status: 'submitted' });

    const trades: Report[] = [];
    const fills: Fill[] = [];
    for (const [trader, order, signed] of [
      [alice, buy, '0.01'],
      [bob, sell, '-0.01'],
    ] as const) {
      const accepted = await trader.channelDataMatching<Report>(
        'orders',
        isReport(order.clientOrderId, 'accepted'),
      );
      expect(accepted).toMatchObject({ status: 'accepted', symbol: SYMBOL, side: order.side });
      const trade = await trader.channelDataMatching<Report>(
        'orders',
        isReport(order.clientOrderId, 'trade'),
      );
      expect(trade).toMatchObject({
        status: 'filled',
        side: order.side,
        orderId: accepted.orderId,
      });
      expect(same(trade.filledQuantity, '0.01')).toBe(true);
      expect(same(trade.remainingQuantity, '0')).toBe(true);
      expect(same(trade.lastFillPrice, price)).toBe(true);
      expect(trade.seq).toBeGreaterThan(accepted.seq);
      trades.push(trade);

      const fill = await trader.channelDataMatching<Fill>(
        'fills',
        (f) => f.clientOrderId === order.clientOrderId,
      );
      expect(fill).toMatchObject({ side: order.side, tradeId: trade.tradeId });
      expect(same(fill.price, price) && same(fill.quantity, '0.01')).toBe(true);
      expect(trader.channelData<Fill>('fills')).toHaveLength(1);
      fills.push(fill);

      const position = await trader.channelDataMatching<{ symbol: string; quantity: string }>(
        'positions',
        (p) => p.symbol === SYMBOL && same(p.quantity, signed),
      );
      expect(same(position.quantity, signed)).toBe(true);

      const collateral = Decimal.parse('100000').sub(Decimal.parse(fill.fee)).toString();
      await trader.channelDataMatching<{ collateral?: string }>('account', (a) =>
        same(a.collateral, collateral),
      );
      const account = await trader.result<{ collateral: string }>('account.get');
      expect(same(account.collateral, collateral)).toBe(true);
    }
    // One trade, seen from both sides.
    expect(trades[0]?.tradeId).toBe(trades[1]?.tradeId);
    expect(fills.map((f) => f.side)).toEqual(['buy', 'sell']);
  });

  it('a retried order.place from a second socket answers the same ack and creates one order', async () => {
    await platform.fundedAccount('dave');
    const first = await connect('dave');
    const second = await connect('dave');
    const order = limit('retry-1', 'buy', restingBid);
    const ack = await first.result<Ack>('order.place', order);
    expect(await second.result<Ack>('order.place', order)).toEqual(ack);

    await orderUntil(first, { clientOrderId: order.clientOrderId }, (o) => o.status === 'accepted');
    // Once more after the OMS has it: still the same ack.
    expect(await second.result<Ack>('order.place', order)).toEqual(ack);
    const open = await eventually('the order in orders.open', async () => {
      const orders = await first.result<Order[]>('orders.open', { symbol: SYMBOL });
      return orders.length > 0 ? orders : undefined;
    });
    expect(open.map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    const history = await first.result<Order[]>('orders.history', { symbol: SYMBOL });
    expect(history.filter((o) => o.clientOrderId === order.clientOrderId)).toHaveLength(1);
  });

  it('order.cancel answers pending_cancel, then the order is canceled', async () => {
    await platform.fundedAccount('erin');
    const erin = await connect('erin');
    await erin.result('subscribe', { channels: ['orders'] });
    await erin.channelDataMatching<Report>('orders', (d) => d.snapshot === true);
    const order = limit('cancel-1', 'buy', restingBid);
    await erin.result('order.place', order);
    const accepted = await erin.channelDataMatching<Report>(
      'orders',
      isReport(order.clientOrderId, 'accepted'),
    );

    const ack = await erin.result<Ack>('order.cancel', {
      clientOrderId: order.clientOrderId,
      symbol: SYMBOL,
    });
    expect(ack).toEqual({
      clientOrderId: order.clientOrderId,
      status: 'pending_cancel',
      commandId: expect.any(String),
    });
    const canceled = await erin.channelDataMatching<Report>(
      'orders',
      isReport(order.clientOrderId, 'canceled'),
    );
    expect(canceled).toMatchObject({
      status: 'canceled',
      orderId: accepted.orderId,
      reason: 'USER_CANCELED',
    });
    expect(same(canceled.remainingQuantity, '0.01') || same(canceled.remainingQuantity, '0')).toBe(
      true,
    );
    expect(canceled.seq).toBeGreaterThan(accepted.seq);
    expect(await erin.result<Order>('order.get', { orderId: accepted.orderId })).toMatchObject({
      status: 'canceled',
    });
  });

  it('answers every error code a client can provoke, and the connection stays usable', async () => {
    await platform.fundedAccount('frank');
    const frank = await connect('frank');

    expect(await frank.sendAndReceive('{"jsonrpc":"2.0","id":1,"method":')).toMatchObject({
      id: null,
      error: { code: -32700 },
    });
    expect(
      (
        await frank.sendAndReceive(
          JSON.stringify([{ jsonrpc: '2.0', id: 'b1', method: 'public.ping' }]),
        )
      ).error?.code,
    ).toBe(-32600);
    expect(
      (
        await frank.sendAndReceive(
          JSON.stringify({ jsonrpc: '1.0', id: 'v1', method: 'public.ping' }),
        )
      ).error?.code,
    ).toBe(-32600);

    expect((await errorOf(frank, 'no.such.method')).code).toBe(-32601);
    const invalid = await errorOf(frank, 'order.place', { ...limit('bad-1', 'buy', 'abc') });
    expect(invalid).toMatchObject({ code: -32602, data: { field: 'price' } });

    const anonymous = await connect(null);
    expect(await anonymous.result('public.ping')).toMatchObject({ ts: expect.any(Number) });
    expect((await errorOf(anonymous, 'account.get')).code).toBe(10001);

    const viewer = await connect('frank', 'viewer');
    expect((await errorOf(viewer, 'order.place', limit('view-1', 'buy', restingBid))).code).toBe(
      10002,
    );

    expect(
      (await errorOf(frank, 'order.place', { ...limit('sym-1', 'buy', '1'), symbol: 'NOPE-PERP' }))
        .code,
    ).toBe(10004);
    expect((await errorOf(frank, 'order.get', { clientOrderId: 'never-placed' })).code).toBe(10005);
    expect(
      (await errorOf(frank, 'order.cancel', { clientOrderId: 'never-placed', symbol: SYMBOL }))
        .code,
    ).toBe(10005);

    const order = limit('dup-1', 'buy', restingBid);
    await frank.result('order.place', order);
    const other = mark.mul(Decimal.parse('0.97')).roundToStep(TICK, 'down').toString();
    expect(await errorOf(frank, 'order.place', { ...order, price: other })).toMatchObject({
      code: 10006,
    });
    // Another account cannot cancel it, by either id.
    const placed = await orderUntil(
      frank,
      { clientOrderId: 'dup-1' },
      (o) => o.status === 'accepted',
    );
    const bob = await connect('bob');
    expect(
      (await errorOf(bob, 'order.cancel', { orderId: placed.orderId, symbol: SYMBOL })).code,
    ).toBe(10005);

    // A burst over the per-connection limit (100): the excess answered 10003 at once.
    const burst = await connect('frank');
    const answers: RpcAnswer[] = await Promise.all(
      Array.from({ length: 160 }, () => burst.request('public.ping')),
    );
    const limited = answers.filter((a) => a.error?.code === 10003);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.error?.data).toEqual({ retryAfterMs: expect.any(Number) });
    // Still open, and served again once the bucket refills.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await burst.result('public.ping')).toMatchObject({ ts: expect.any(Number) });

    // respType "result": the OMS's first verdict instead of the ack (10008 needs an OMS outage).
    const verdict = await frank.result<Report>('order.place', {
      ...limit('result-1', 'buy', restingBid),
      respType: 'result',
    });
    expect(verdict).toMatchObject({ clientOrderId: 'result-1', status: 'accepted' });
    expect(frank.isOpen && anonymous.isOpen && viewer.isOpen).toBe(true);
  });

  it('respType "result" answers ioc, fok and market orders with their outcome, not their acceptance', async () => {
    await Promise.all([platform.fundedAccount('ivy'), platform.fundedAccount('jon')]);
    const taker = await connect('ivy');
    const maker = await connect('jon');
    const ask = mark.mul(Decimal.parse('1.01')).roundToStep(TICK, 'up').toString();
    const rest = (clientOrderId: string) =>
      maker.result<Report>('order.place', {
        ...limit(clientOrderId, 'sell', ask),
        respType: 'result',
      });
    expect(await rest('outcome-ask-1')).toMatchObject({ status: 'accepted' });

    // ioc for twice what rests: partially filled, then the rest expires; one answer says both.
    const ioc = await taker.result<Report>('order.place', {
      ...limit('outcome-ioc', 'buy', ask, '0.02'),
      timeInForce: 'ioc',
      respType: 'result',
    });
    expect(ioc).toMatchObject({
      clientOrderId: 'outcome-ioc',
      status: 'expired',
      filledQuantity: '0.01',
    });

    // fok that cannot fill whole: expired with nothing filled, and the ask still rests.
    expect(await rest('outcome-ask-2')).toMatchObject({ status: 'accepted' });
    const fok = await taker.result<Report>('order.place', {
      ...limit('outcome-fok', 'buy', ask, '0.02'),
      timeInForce: 'fok',
      respType: 'result',
    });
    expect(fok).toMatchObject({
      clientOrderId: 'outcome-fok',
      status: 'expired',
      filledQuantity: '0',
    });

    // market for what rests: filled.
    const market = await taker.result<Report>('order.place', {
      clientOrderId: 'outcome-market',
      symbol: SYMBOL,
      side: 'buy',
      type: 'market',
      quantity: '0.01',
      respType: 'result',
    });
    expect(market).toMatchObject({
      clientOrderId: 'outcome-market',
      status: 'filled',
      filledQuantity: '0.01',
    });
  });

  it('a viewer reads but cannot trade; alice cannot see bob’s order', async () => {
    const alice = await connect('alice');
    await alice.result('order.place', limit('alice-rest-1', 'buy', restingBid));
    const alices = await orderUntil(
      alice,
      { clientOrderId: 'alice-rest-1' },
      (o) => o.status === 'accepted',
    );

    const viewer = await connect('alice', 'viewer');
    const open = await eventually('the order in orders.open', async () => {
      const orders = await viewer.result<Order[]>('orders.open');
      return orders.some((o) => o.clientOrderId === 'alice-rest-1') ? orders : undefined;
    });
    expect(open.find((o) => o.clientOrderId === 'alice-rest-1')).toMatchObject({
      orderId: alices.orderId,
      status: 'accepted',
    });
    expect(await viewer.result('account.get')).toMatchObject({ accountId: 'alice' });
    expect((await errorOf(viewer, 'order.place', limit('viewer-1', 'buy', restingBid))).code).toBe(
      10002,
    );
    expect(
      (await errorOf(viewer, 'order.cancel', { clientOrderId: 'alice-rest-1', symbol: SYMBOL }))
        .code,
    ).toBe(10002);
    expect((await errorOf(viewer, 'order.cancelAll', {})).code).toBe(10002);

    const bob = await connect('bob');
    const offer = mark.mul(Decimal.parse('1.025')).roundToStep(TICK, 'up').toString();
    await bob.result('order.place', limit('bob-rest-1', 'sell', offer));
    const bobs = await orderUntil(
      bob,
      { clientOrderId: 'bob-rest-1' },
      (o) => o.status === 'accepted',
    );
    expect((await errorOf(alice, 'order.get', { orderId: bobs.orderId })).code).toBe(10005);
    expect((await errorOf(alice, 'order.get', { clientOrderId: 'bob-rest-1' })).code).toBe(10005);
    expect((await errorOf(viewer, 'order.get', { orderId: bobs.orderId })).code).toBe(10005);
    expect(
      (await errorOf(alice, 'order.cancel', { orderId: bobs.orderId, symbol: SYMBOL })).code,
    ).toBe(10005);
    const alicesOpen = await alice.result<Order[]>('orders.open');
    expect(alicesOpen.map((o) => o.orderId)).not.toContain(bobs.orderId);

    // Both left as they were: nothing rests for later tests.
    await alice.result('order.cancel', { clientOrderId: 'alice-rest-1', symbol: SYMBOL });
    await bob.result('order.cancel', { clientOrderId: 'bob-rest-1', symbol: SYMBOL });
    await orderUntil(alice, { orderId: alices.orderId }, (o) => o.status === 'canceled');
    await orderUntil(bob, { orderId: bobs.orderId }, (o) => o.status === 'canceled');
  });

  it('a reconnect with since replays exactly the missed reports, in order', async () => {
    await platform.fundedAccount('ivan');
    const watcher = await connect('ivan');
    await watcher.result('subscribe', { channels: ['orders'] });
    await watcher.channelDataMatching<Report>('orders', (d) => d.snapshot === true);
    await watcher.result('order.place', limit('since-0', 'buy', restingBid));
    const seen = await watcher.channelDataMatching<Report>(
      'orders',
      isReport('since-0', 'accepted'),
    );
    const lastSeq = seen.seq;
    await watcher.close();

    // Meanwhile, from another socket (which follows the live feed, for comparison).
    const other = await connect('ivan');
    await other.result('subscribe', { channels: ['orders'] });
    await other.channelDataMatching<Report>('orders', (d) => d.snapshot === true);
    await other.result('order.place', limit('since-1', 'buy', restingBid));
    await other.channelDataMatching<Report>('orders', isReport('since-1', 'accepted'));
    await other.result('order.cancel', { clientOrderId: 'since-1', symbol: SYMBOL });
    await other.result('order.cancel', { clientOrderId: 'since-0', symbol: SYMBOL });
    await other.result('order.place', limit('since-2', 'buy', restingBid));
    await other.channelDataMatching<Report>('orders', isReport('since-1', 'canceled'));
    await other.channelDataMatching<Report>('orders', isReport('since-0', 'canceled'));
    await other.channelDataMatching<Report>('orders', isReport('since-2', 'accepted'));
    const missed = other.channelData<Report>('orders').filter((r) => r.snapshot !== true);
    expect(missed.map((r) => r.seq)).toEqual(missed.map((_, i) => lastSeq + 1 + i));

    const back = await connect('ivan');
    expect(
      await back.result('subscribe', { channels: ['orders'], since: { orders: lastSeq } }),
    ).toEqual({ subscribed: ['orders'] });
    await waitUntil(() => back.channelData('orders').length >= missed.length, {
      timeoutMs: WAIT_MS,
    });
    // Settle: nothing more (no duplicate) arrives.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const replayed = back.channelData<Report>('orders');
    expect(replayed.some((r) => r.snapshot === true)).toBe(false);
    expect(replayed).toEqual(missed);
    // What happened meanwhile, whatever order the venue's answers came in.
    expect(replayed.map((r) => `${r.clientOrderId} ${r.execType}`).sort()).toEqual([
      'since-0 canceled',
      'since-1 accepted',
      'since-1 canceled',
      'since-2 accepted',
    ]);

    // Live after the replay.
    await other.result('order.cancel', { clientOrderId: 'since-2', symbol: SYMBOL });
    const live = await back.channelDataMatching<Report>('orders', isReport('since-2', 'canceled'));
    expect(live.seq).toBe(lastSeq + missed.length + 1);
  });

  it('cancel-on-disconnect cancels the account’s open orders when the socket closes', async () => {
    await platform.fundedAccount('judy');
    const session = await connect('judy');
    expect(await session.result('session.cancelOnDisconnect', { enabled: true })).toEqual({
      enabled: true,
    });
    await session.result('order.place', limit('cod-1', 'buy', restingBid));
    const observer = await connect('judy');
    await orderUntil(observer, { clientOrderId: 'cod-1' }, (o) => o.status === 'accepted');

    await session.close();
    const canceled = await orderUntil(
      observer,
      { clientOrderId: 'cod-1' },
      (o) => o.status === 'canceled',
    );
    expect(canceled.reason).toBe('CANCEL_ON_DISCONNECT');
  });

  it('a gateway stopped (SIGTERM) while orders stream in loses no acknowledged order', async () => {
    await platform.fundedAccount('mallory');
    const gateway = await platform.startGateway();
    const trader = await connect('mallory', 'trader', gateway.url);
    const count = 15;
    const acked: Ack[] = [];
    const unanswered: string[] = [];
    const placing = Array.from({ length: count }, async (_, i) => {
      const clientOrderId = `restart-${i}`;
      try {
        const answer = await trader.request('order.place', limit(clientOrderId, 'buy', restingBid));
        if (answer.result) acked.push(answer.result as Ack);
        else unanswered.push(`${clientOrderId}: ${JSON.stringify(answer.error)}`);
      } catch {
        unanswered.push(`${clientOrderId}: no answer`);
      }
    });
    // Stopped as soon as the first acks come back, so the rest are in flight.
    await eventually('the first acks', () => (acked.length >= 3 ? true : undefined));
    const exit = gateway.process.stop('SIGTERM');
    await Promise.all(placing);
    const closed = await trader.closed;
    expect(closed.code).toBe(1001);
    expect(trader.noticesOf('session.shutdown')).toEqual([
      { reconnectAfterMs: expect.any(Number) },
    ]);
    expect(await exit).toBe(0);
    expect(acked.length).toBeGreaterThanOrEqual(3);

    // Through the stack's gateway: every acknowledged order reached the OMS.
    const checker = await connect('mallory');
    for (const ack of acked) {
      const order = await orderUntil(checker, { clientOrderId: ack.clientOrderId }, (o) =>
        ['accepted', 'denied', 'rejected'].includes(o.status),
      );
      expect(order.status, ack.clientOrderId).toBe('accepted');
    }
    expect(acked.length + unanswered.length).toBe(count);

    // The unanswered ones have an unknown outcome: retried with the same clientOrderId on the
    // other gateway, each is placed once, whether the stopped gateway had queued it or not.
    for (const line of unanswered) {
      const clientOrderId = line.split(':')[0] ?? '';
      const retried = await checker.result<Ack>(
        'order.place',
        limit(clientOrderId, 'buy', restingBid),
      );
      expect(retried).toMatchObject({ clientOrderId, status: 'submitted' });
    }
    const open = await eventually('every order in orders.open', async () => {
      const orders = await checker.result<Order[]>('orders.open', { symbol: SYMBOL });
      return orders.length >= count ? orders : undefined;
    });
    expect(open.map((o) => o.clientOrderId).sort()).toEqual(
      Array.from({ length: count }, (_, i) => `restart-${i}`).sort(),
    );
  });
});
