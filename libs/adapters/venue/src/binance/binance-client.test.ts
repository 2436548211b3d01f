// The Binance USDⓈ-M client against the local stand-in of its REST API, which checks the API key,
// the HMAC signature, the timestamp window, the symbol filters and the weight budget as the venue
// does, and answers in its shapes and codes.
import { Decimal } from '@perp/decimal';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceStandIn, type BinanceStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import type { VenueOrderRequest } from '../venue-client.ts';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { BinanceClient, type BinanceClientOptions } from './binance-client.ts';
import { BinanceListenKey } from './listen-key.ts';

const d = Decimal.parse;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const KEY = 'test-api-key';
const SECRET = 'test-api-secret-of-64-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

let standIn: BinanceStandIn;
beforeAll(async () => {
  standIn = await startBinanceStandIn({ keys: { [KEY]: SECRET, 'other-key': 'other-secret' } });
});
afterAll(() => standIn.close());

const client = (overrides: Partial<BinanceClientOptions> = {}) =>
  new BinanceClient({
    url: standIn.url,
    network: 'mainnet',
    apiKey: KEY,
    apiSecret: SECRET,
    symbols: { 'BTC-PERP': 'BTCUSDT', 'ETH-PERP': 'ETHUSDT' },
    accountId: 'alice' as AccountId,
    timeoutMs: 2_000,
    ...overrides,
  });

function lastAtVenue() {
  const placed = standIn.orders.at(-1);
  if (!placed) throw new Error('the stand-in holds no order');
  return placed;
}

const order = (overrides: Partial<VenueOrderRequest> = {}) =>
  orderRequest({ symbol: BTC, price: '59000.1', quantity: '0.002' }, overrides);

describe('BinanceClient', () => {
  it('places with our order id as newClientOrderId, finds it, books its fills, lists it open, cancels it', async () => {
    const venue = client();
    const request = order();
    const placed = await venue.placeOrder(request);
    expect(placed).toMatchObject({
      outcome: 'accepted',
      venueOrderId: expect.stringMatching(/^\d+$/) as unknown,
    });
    const atVenue = standIn.orders.at(-1);
    expect(atVenue).toMatchObject({
      clientOrderId: request.orderId,
      price: '59000.1',
      origQty: '0.002',
      timeInForce: 'GTC',
    });
    expect(await venue.getOrder(request)).toMatchObject({
      status: 'open',
      filledQuantity: Decimal.ZERO,
      reason: null,
    });

    standIn.fill(atVenue?.orderId ?? 0, '0.001');
    const [fill, ...more] = await venue.orderFills(request);
    expect(more).toEqual([]);
    expect(fill).toMatchObject({ liquidity: 'maker', venueOrderId: String(atVenue?.orderId) });
    expect(fill?.price.toString()).toBe('59000.1');
    expect(fill?.fee.toString()).toBe('0.01180002');
    expect((await venue.getOrder(request))?.filledQuantity.toString()).toBe('0.001');

    const open = await venue.openOrders();
    expect(open.find((o) => o.orderId === request.orderId)).toMatchObject({
      accountId: 'alice',
      symbol: BTC,
    });
    expect(await venue.cancelOrder(request)).toMatchObject({
      outcome: 'canceled',
      venueOrderId: String(atVenue?.orderId),
    });
    expect(await venue.getOrder(request)).toMatchObject({ status: 'canceled', reason: 'CANCELED' });
    const refused = venue.cancelOrder(request);
    await expect(refused).rejects.toThrow(VenueRequestError);
    await expect(refused).rejects.toThrow(/Unknown order sent/);
    expect(await venue.getOrder(order())).toBeUndefined();
    expect(await venue.orderFills(order())).toEqual([]);
  });

  it('sends post-only as GTX, reduce-only as such, market orders without a price', async () => {
    const venue = client();
    await venue.placeOrder(order({ postOnly: true }));
    expect(standIn.orders.at(-1)).toMatchObject({ timeInForce: 'GTX' });
    const market = order({ type: 'market', price: null, timeInForce: 'ioc', reduceOnly: true });
    await venue.placeOrder(market);
    expect(standIn.orders.at(-1)).toMatchObject({ type: 'MARKET', price: '0', reduceOnly: true });
    // No book at the stand-in: what must trade at once expires.
    expect(await venue.getOrder(market)).toMatchObject({ status: 'expired', reason: 'EXPIRED' });
  });

  it('refuses before signing what the filters would refuse, and reports what the venue refuses', async () => {
    const venue = client();
    const sent = standIn.requests;
    expect(await venue.placeOrder(order({ price: d('59000.15') }))).toMatchObject({
      outcome: 'rejected',
      venueMessage: 'Price not increased by tick size (0.1).',
    });
    expect(await venue.placeOrder(order({ quantity: d('0.0015') }))).toMatchObject({
      outcome: 'rejected',
      venueMessage: expect.stringMatching(/^Precision is over the maximum/) as unknown,
    });
    expect(
      await venue.placeOrder(order({ quantity: d('0.001'), price: d('50000') })),
    ).toMatchObject({
      outcome: 'rejected',
      venueMessage: "Order's notional must be no smaller than 100 (unless you choose reduce only).",
    });
    // exchangeInfo once, then nothing was sent for the refused orders.
    expect(standIn.requests - sent).toBe(1);
    const first = order();
    await venue.placeOrder(first);
    // The same client order id again: the earlier request arrived. Unknown, never a rejection.
    await expect(venue.placeOrder(first)).rejects.toThrow(VenueOutcomeUnknownError);
    await expect(
      venue.placeOrder(order({ symbol: 'SOL-PERP' as InstrumentSymbol })),
    ).rejects.toThrow(/no Binance symbol configured for SOL-PERP/);
  });

  it('tells refused credentials from refused orders: an unknown key, a wrong secret', async () => {
    for (const venue of [
      client({ apiKey: 'revoked-key' }),
      client({ apiSecret: 'not-the-secret' }),
    ]) {
      const placing = venue.placeOrder(order());
      await expect(placing).rejects.toThrow(VenueCredentialsRefusedError);
    }
    await expect(client({ apiSecret: 'wrong' }).placeOrder(order())).rejects.toThrow(
      /-1022 Signature for this request is not valid/,
    );
  });

  it("measures the venue's clock when it refuses our timestamp, and signs again", async () => {
    const venue = client();
    await venue.placeOrder(order()); // rules loaded
    standIn.clockSkewMs = 20_000;
    try {
      const before = standIn.requests;
      expect(await venue.placeOrder(order())).toMatchObject({ outcome: 'accepted' });
      // Refused (-1021), the venue's time, then accepted.
      expect(standIn.requests - before).toBe(3);
      expect(await venue.placeOrder(order())).toMatchObject({ outcome: 'accepted' });
    } finally {
      standIn.clockSkewMs = 0;
    }
  });

  it('backs off for Retry-After after a 429 or a 418, sending nothing meanwhile', async () => {
    let now = Date.now();
    const venue = client({ now: () => now });
    await venue.getOrder(order());
    standIn.limitNext({ status: 418, retryAfterSeconds: 120 });
    await expect(venue.getOrder(order())).rejects.toThrow(VenueUnavailableError);
    expect(venue.backoffUntil).toBe(now + 120_000);
    const sent = standIn.requests;
    await expect(venue.placeOrder(order())).rejects.toThrow(/backing off until/);
    expect(standIn.requests).toBe(sent);
    now += 120_001;
    expect(await venue.getOrder(order())).toBeUndefined();
    standIn.limitNext({ status: 429, retryAfterSeconds: 7 });
    await expect(venue.cancelOrder(order())).rejects.toThrow(VenueUnavailableError);
    expect(venue.backoffUntil).toBe(now + 7_000);
  });

  it('keeps to the weight budget the venue reports, without being told by a 429', async () => {
    const small = await startBinanceStandIn({ keys: { [KEY]: SECRET }, weightLimit: 2_400 });
    try {
      const venue = client({ url: small.url });
      await venue.openOrders();
      expect(venue.usedWeight).toBe(40);
      // 40 a call: the 60th would pass 2 400, so it is not sent.
      for (let i = 0; i < 59; i += 1) await venue.openOrders();
      expect(venue.usedWeight).toBe(2_400);
      const sent = small.requests;
      await expect(venue.openOrders()).rejects.toThrow(/request weight \(2400\) is spent/);
      expect(small.requests).toBe(sent);
    } finally {
      await small.close();
    }
  });

  it('an answer lost after the venue acted is an unknown outcome, resolved by asking by our id', async () => {
    const venue = client();
    const request = order();
    await venue.getOrder(request);
    standIn.dropNextAnswer();
    await expect(venue.placeOrder(request)).rejects.toThrow(VenueOutcomeUnknownError);
    expect(await venue.getOrder(request)).toMatchObject({ status: 'open' });
    const other = order();
    standIn.unknownErrorNext();
    await expect(venue.placeOrder(other)).rejects.toThrow(VenueOutcomeUnknownError);
    expect(await venue.getOrder(other)).toMatchObject({ status: 'open' });
  });

  it('reads the mark, the index and the top of the book', async () => {
    const market = await client().market(BTC);
    expect(market.markPrice.toString()).toBe('60000');
    expect(market.bestBid?.toString()).toBe('59999.9');
    expect(market.bestAsk?.toString()).toBe('60000.1');
  });

  it('cancels every open order of the mapped symbols, one request per symbol; reports the positions', async () => {
    const own = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
    try {
      const venue = client({ url: own.url });
      expect(await venue.cancelAllOrders()).toBe(0);
      expect(await venue.positions()).toEqual([]);
      const resting = order({ quantity: d('0.01') });
      await venue.placeOrder(resting);
      await venue.placeOrder(order({ orderId: 'web_manual2' as never }));
      await venue.placeOrder(
        order({ symbol: 'ETH-PERP' as InstrumentSymbol, price: d('3000'), quantity: d('0.01') }),
      );
      own.fill(own.orders[0]?.orderId ?? 0, '0.004');
      const [position] = await venue.positions();
      expect(position?.symbol).toBe(BTC);
      expect(position?.quantity.toString()).toBe('0.004');
      expect(position?.entryPrice?.toString()).toBe('59000.1');
      const sent = own.requests;
      expect(await venue.cancelAllOrders(BTC)).toBe(2);
      expect(own.requests - sent).toBe(2); // the open orders, one DELETE for BTCUSDT
      expect(own.orders.filter((o) => o.status === 'NEW').map((o) => o.symbol)).toEqual([
        'ETHUSDT',
      ]);
      expect(await venue.cancelAllOrders()).toBe(1);
    } finally {
      await own.close();
    }
  });

  it("lists the account's trades from a time on across its symbols, with our order ids, oldest first", async () => {
    const venue = client();
    const since = Date.now();
    const btc = order({ price: d('58000'), quantity: d('0.004') });
    const eth = order({
      symbol: 'ETH-PERP' as InstrumentSymbol,
      price: d('2900'),
      quantity: d('0.1'),
    });
    await venue.placeOrder(btc);
    const btcAtVenue = lastAtVenue();
    await venue.placeOrder(eth);
    const ethAtVenue = lastAtVenue();
    await venue.placeOrder(order({ orderId: 'web_fs1' as never, price: d('57000') }));
    const foreignAtVenue = lastAtVenue();
    standIn.fill(btcAtVenue.orderId, '0.001');
    await new Promise((resolve) => setTimeout(resolve, 2));
    standIn.fill(ethAtVenue.orderId, '0.1');
    await new Promise((resolve) => setTimeout(resolve, 2));
    standIn.fill(foreignAtVenue.orderId, '0.002');
    await new Promise((resolve) => setTimeout(resolve, 2));
    standIn.fill(btcAtVenue.orderId, '0.003');
    const fills = await venue.fillsSince(since, 10);
    expect(fills.map((f) => [f.orderId, f.symbol, f.quantity.toString(), f.accountId])).toEqual([
      [btc.orderId, BTC, '0.001', 'alice'],
      [eth.orderId, 'ETH-PERP', '0.1', 'alice'],
      [null, BTC, '0.002', 'alice'],
      [btc.orderId, BTC, '0.003', 'alice'],
    ]);
    // Our order id is asked of the venue once per venue order.
    const sent = standIn.requests;
    await venue.fillsSince(since, 10);
    expect(standIn.requests - sent).toBe(2); // userTrades for each of the two symbols
    expect((await venue.fillsSince(since, 2)).map((f) => f.tradeId)).toEqual(
      fills.slice(0, 2).map((f) => f.tradeId),
    );
    expect(await venue.fillsSince((fills.at(-1)?.ts ?? 0) + 1, 10)).toEqual([]);
  });

  it('lists foreign orders (client order ids we did not mint) without an order id of ours', async () => {
    const venue = client();
    await venue.placeOrder(order({ orderId: 'web_8x2kq1' as never }));
    const open = await venue.openOrders();
    expect(open.find((o) => o.orderId === null)).toMatchObject({ symbol: BTC, accountId: 'alice' });
  });
});

describe('BinanceListenKey', () => {
  it('creates the key, keeps it alive, replaces it when the venue lost it, closes it', async () => {
    const venue = client();
    const replaced: string[] = [];
    const listenKey = new BinanceListenKey({
      client: venue,
      keepAliveMs: 20,
      onNewKey: (key) => replaced.push(key),
    });
    const first = await listenKey.start();
    expect(standIn.listenKeys).toContain(first);
    const sent = standIn.requests;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(standIn.requests - sent).toBeGreaterThanOrEqual(2); // keepalives
    expect(replaced).toEqual([]);
    standIn.expireListenKeys();
    // The timer's keepalive may be under way too: racing calls join, one new key is made.
    await Promise.all([listenKey.keepAlive(), listenKey.keepAlive()]);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).not.toBe(first);
    expect(listenKey.key).toBe(replaced[0]);
    expect(standIn.listenKeys).toEqual([replaced[0]]);
    await listenKey.stop();
    expect(standIn.listenKeys).toEqual([]);
  });
});
