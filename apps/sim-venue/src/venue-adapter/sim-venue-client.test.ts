import { Decimal } from '@perp/decimal';
import { identifierOf, type OrderId } from '@perp/trading-domain';
import {
  SimVenueClient,
  VenueRequestError,
  VenueUnavailableError,
  type VenueOrderRequest,
} from '@perp/venue-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newDataDir,
  removeDataDir,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';

// @perp/venue-adapter's SimVenueClient against the real sim-venue over HTTP.

let venue: RunningSimVenue;
let dataDir: string;
let client: SimVenueClient;

beforeAll(async () => {
  dataDir = await newDataDir();
  venue = await startSimVenue({ dataDir });
  client = new SimVenueClient({ baseUrl: venue.url, timeoutMs: 1_000 });
});
afterAll(async () => {
  await venue.close();
  await removeDataDir(dataDir);
});

const account = (text: string) => identifierOf('AccountId', text);
const orderId = (text: string) => identifierOf('OrderId', text);
const symbol = (text: string) => identifierOf('InstrumentSymbol', text);
const d = Decimal.parse;
/** The answer with its decimals as text, to compare with the venue's exact strings. */
const asText = (value: object | undefined) =>
  value &&
  Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, v instanceof Decimal ? v.toString() : v]),
  );

const order: VenueOrderRequest = {
  accountId: account('acc-1'),
  orderId: orderId('ord-1'),
  symbol: symbol('BTC-PERP'),
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: d('59000'),
  quantity: d('0.01'),
  postOnly: false,
  reduceOnly: false,
};
const ref = { accountId: account('acc-1'), orderId: orderId('ord-1'), symbol: symbol('BTC-PERP') };

describe('SimVenueClient against the sim-venue', () => {
  it('places (idempotently), reads, cancels', async () => {
    const placed = await client.placeOrder(order);
    expect(placed).toEqual({
      outcome: 'accepted',
      venueOrderId: expect.stringMatching(/-O1$/),
      ts: expect.any(Number),
    });
    // A repeat changes nothing; its outcome was streamed when it was first placed.
    expect(await client.placeOrder(order)).toEqual({ outcome: 'pending' });
    const state = await client.getOrder(ref);
    expect(asText(state)).toEqual({
      orderId: 'ord-1',
      venueOrderId: expect.stringMatching(/-O1$/),
      status: 'open',
      filledQuantity: '0',
      reason: null,
    });
    expect(placed).toMatchObject({ venueOrderId: state?.venueOrderId });
    const open = (await client.openOrders()).find((o) => o.orderId === ref.orderId);
    expect(open).toMatchObject({
      accountId: ref.accountId,
      venueOrderId: state?.venueOrderId,
      symbol: ref.symbol,
      createdAt: expect.any(Number) as unknown,
    });
    expect(await client.cancelOrder(ref)).toEqual({
      outcome: 'canceled',
      venueOrderId: state?.venueOrderId,
      ts: expect.any(Number),
    });
    expect(await client.getOrder(ref)).toMatchObject({
      status: 'canceled',
      reason: 'USER_CANCELED',
    });
    expect((await client.openOrders()).map((o) => o.orderId)).not.toContain(ref.orderId);
    // Not open any more: the venue refuses the cancel on the stream (cancel_rejected).
    expect(await client.cancelOrder(ref)).toEqual({ outcome: 'pending' });
    expect(await client.getOrder({ ...ref, orderId: orderId('never') })).toBeUndefined();
  });

  it("lists an order's fills, both sides of a trade under one trade id; none for an unknown order", async () => {
    const maker = {
      ...order,
      accountId: account('acc-m'),
      orderId: orderId('ord-m'),
      side: 'sell' as const,
      price: d('58500'),
      quantity: d('0.02'),
    };
    const taker = {
      ...order,
      accountId: account('acc-t'),
      orderId: orderId('ord-t'),
      price: d('58500'),
      quantity: d('0.005'),
    };
    await client.placeOrder(maker);
    await client.placeOrder(taker);
    const [takerFill, ...more] = await client.orderFills(taker);
    expect(more).toEqual([]);
    expect(asText(takerFill)).toMatchObject({
      price: '58500',
      quantity: '0.005',
      liquidity: 'taker',
    });
    const makerFills = await client.orderFills(maker);
    expect(makerFills.map((f) => [f.tradeId, f.liquidity])).toEqual([
      [takerFill?.tradeId, 'maker'],
    ]);
    expect(takerFill?.fee.gt(Decimal.ZERO)).toBe(true);
    expect(await client.orderFills({ ...ref, orderId: orderId('never') })).toEqual([]);
    await client.cancelOrder(maker);
  });

  it('lists the fills of every account from a time on, oldest first, a page at a time', async () => {
    const since = Date.now();
    const maker = {
      ...order,
      accountId: account('acc-fm'),
      orderId: orderId('fs-m'),
      side: 'sell' as const,
      price: d('58400'),
      quantity: d('0.03'),
    };
    const taker = (id: string) => ({
      ...order,
      accountId: account('acc-ft'),
      orderId: orderId(id),
      price: d('58400'),
      quantity: d('0.01'),
    });
    await client.placeOrder(maker);
    await client.placeOrder(taker('fs-t1'));
    await client.placeOrder(taker('fs-t2'));
    const fills = await client.fillsSince(since, 100);
    expect(fills.every((f) => f.ts >= since)).toBe(true);
    expect(fills.map((f) => f.ts)).toEqual(fills.map((f) => f.ts).sort((a, b) => a - b));
    const ours = fills.filter((f) => f.orderId?.startsWith('fs-'));
    // Two trades, each seen from both sides under one trade id.
    const trades = Map.groupBy(ours, (f) => f.tradeId);
    expect(trades.size).toBe(2);
    for (const sides of trades.values()) {
      expect(sides.map((f) => [f.orderId, f.accountId, f.liquidity]).sort()).toEqual([
        ['fs-m', 'acc-fm', 'maker'],
        [expect.stringMatching(/^fs-t[12]$/), 'acc-ft', 'taker'],
      ]);
      expect(sides.every((f) => f.symbol === 'BTC-PERP' && f.quantity.eq(d('0.01')))).toBe(true);
    }
    // A page: the first fill only; from after the last one, nothing of these.
    expect(await client.fillsSince(since, 1)).toEqual(fills.slice(0, 1));
    const after = await client.fillsSince((fills.at(-1)?.ts ?? 0) + 1, 100);
    expect(after.filter((f) => f.orderId?.startsWith('fs-'))).toEqual([]);
    await client.cancelOrder(maker);
  });

  it('cancels every open order of a symbol (every account), and keeps no positions', async () => {
    const resting = (id: string, accountId: string) => ({
      ...order,
      accountId: account(accountId),
      orderId: orderId(id),
      symbol: symbol('ETH-PERP'),
      price: d('2500'),
    });
    await client.placeOrder(resting('ca-1', 'acc-x'));
    await client.placeOrder(resting('ca-2', 'acc-y'));
    expect(await client.cancelAllOrders(symbol('ETH-PERP'))).toBe(2);
    expect((await client.openOrders()).filter((o) => o.symbol === 'ETH-PERP')).toEqual([]);
    await expect(client.positions()).rejects.toThrow(/keeps no positions/);
  });

  it('a cancel of an order the venue never saw answers pending', async () => {
    expect(await client.cancelOrder({ ...ref, orderId: orderId('never-placed') })).toEqual({
      outcome: 'pending',
    });
  });

  it('answers a rejection with the platform reason and the venue reason as venueMessage', async () => {
    const eth = { ...order, symbol: symbol('ETH-PERP'), price: d('3000') };
    const ask = {
      ...eth,
      accountId: account('acc-2'),
      orderId: orderId('eth-ask'),
      side: 'sell',
    } as const;
    expect(await client.placeOrder(ask)).toMatchObject({ outcome: 'accepted' });
    expect(await client.placeOrder({ ...eth, orderId: orderId('eth-po'), postOnly: true })).toEqual(
      {
        outcome: 'rejected',
        reason: 'VENUE_POST_ONLY_WOULD_CROSS',
        venueMessage: 'POST_ONLY_WOULD_CROSS',
        ts: expect.any(Number),
      },
    );
    expect(
      await client.placeOrder({ ...eth, orderId: orderId('eth-tick'), price: d('3000.001') }),
    ).toEqual({
      outcome: 'rejected',
      reason: 'VENUE_REJECTED',
      venueMessage: 'TICK_SIZE',
      ts: expect.any(Number),
    });
    expect(await client.cancelOrder({ ...ask, symbol: symbol('ETH-PERP') })).toMatchObject({
      outcome: 'canceled',
    });
  });

  it('reads the market: mark, index, top of book', async () => {
    await client.placeOrder({ ...order, orderId: orderId('ord-2'), price: d('59500') });
    expect(asText(await client.market(symbol('BTC-PERP')))).toEqual({
      symbol: 'BTC-PERP',
      markPrice: '60000',
      indexPrice: '60000',
      bestBid: '59500',
      bestAsk: null,
      ts: expect.any(Number),
    });
  });

  it('a request the venue refuses is a VenueRequestError with its code', async () => {
    await expect(client.market(symbol('DOGE-PERP'))).rejects.toMatchObject({
      name: 'VenueRequestError',
      code: 'UNKNOWN_SYMBOL',
    });
    const error = await client
      // Past the type on purpose: the venue is the one to refuse it.
      .placeOrder({ ...order, orderId: 'not an id' as OrderId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueRequestError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('a venue that is gone is VenueUnavailableError', async () => {
    const dir = await newDataDir();
    const other = await startSimVenue({ dataDir: dir });
    const gone = new SimVenueClient({ baseUrl: other.url, timeoutMs: 500 });
    await other.close();
    await removeDataDir(dir);
    await expect(gone.placeOrder(order)).rejects.toBeInstanceOf(VenueUnavailableError);
  });
});
