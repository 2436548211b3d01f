// The LN Markets v3 client against the local stand-in of its REST API, which checks the four
// lnm-access headers, the HMAC, the 30 s timestamp window, the order's form and the cross margin
// as the venue does, and answers in its shapes (JSON numbers, ISO times, `{ message }` errors).
import { createServer, type Server } from 'node:http';
import { inspect } from 'node:util';
import { Decimal } from '@perp/decimal';
import { defined } from '@perp/test-services';
import type { AccountId, InstrumentSymbol, OrderId } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLnMarketsStandIn, type LnMarketsStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import type { VenueOrderRequest } from '../venue-client.ts';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { LnMarketsClient, type LnMarketsClientOptions } from './lnmarkets-client.ts';

const d = Decimal.parse;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const KEY = 'lnm-key-1';
const SECRET = 'lnm-secret-that-must-never-be-printed';
const PASSPHRASE = 'lnm-passphrase-never-printed';
const FAST = { requestsPerSecond: 1_000 };

let standIn: LnMarketsStandIn;
beforeAll(async () => {
  standIn = await startLnMarketsStandIn({
    keys: { [KEY]: { secret: SECRET, passphrase: PASSPHRASE } },
    ...FAST,
  });
});
afterAll(() => standIn.close());

const client = (overrides: Partial<LnMarketsClientOptions> = {}, venue = standIn) =>
  new LnMarketsClient({
    url: venue.url,
    network: 'mainnet',
    credentials: { key: KEY, secret: SECRET, passphrase: PASSPHRASE },
    symbols: { 'BTC-PERP': 'btc_usd' },
    accountId: 'alice' as AccountId,
    timeoutMs: 1_000,
    ...FAST,
    ...overrides,
  });

const order = (overrides: Partial<VenueOrderRequest> = {}) =>
  orderRequest({ symbol: BTC, price: '59000.5', quantity: '100' }, overrides);

const market = (overrides: Partial<VenueOrderRequest> = {}) =>
  order({ type: 'market', price: null, timeInForce: 'ioc', ...overrides });

/** A stand-in of its own, for tests that count what the account holds. */
async function withOwnVenue(test: (venue: LnMarketsStandIn) => Promise<void>): Promise<void> {
  const venue = await startLnMarketsStandIn({
    keys: { [KEY]: { secret: SECRET, passphrase: PASSPHRASE } },
    ...FAST,
  });
  try {
    await test(venue);
  } finally {
    await venue.close();
  }
}

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LnMarketsClient', () => {
  it('places a limit order with our order id as clientId, finds it open, fills it whole, books the fill', async () => {
    const venue = client();
    const request = order();
    const placed = await venue.placeOrder(request);
    const atVenue = defined(standIn.orders.at(-1), 'the order at the venue');
    expect(placed).toEqual({
      outcome: 'accepted',
      venueOrderId: atVenue.id,
      ts: atVenue.createdAt,
    });
    expect(atVenue.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(atVenue).toMatchObject({ clientId: request.orderId, type: 'limit', side: 'buy' });
    expect([atVenue.price.toString(), atVenue.quantity.toString()]).toEqual(['59000.5', '100']);
    // The cross position's leverage was set before the first order.
    expect(standIn.leverageOf(KEY)).toBe(10);

    expect(await venue.getOrder(request)).toEqual({
      orderId: request.orderId,
      venueOrderId: atVenue.id,
      status: 'open',
      filledQuantity: Decimal.ZERO,
      reason: null,
    });
    expect(await venue.orderFills(request)).toEqual([]);
    const open = await venue.openOrders();
    expect(open.find((o) => o.orderId === request.orderId)).toEqual({
      accountId: 'alice',
      orderId: request.orderId,
      venueOrderId: atVenue.id,
      symbol: BTC,
      createdAt: atVenue.createdAt,
    });

    // A second order rests on while the first fills: the venue fills an order whole, never part.
    const other = order({ price: d('58000') });
    await venue.placeOrder(other);
    standIn.fill(atVenue.id);
    const state = await venue.getOrder(request);
    expect(state?.status).toBe('filled');
    expect(state?.filledQuantity.toString()).toBe('100');
    expect((await venue.getOrder(other))?.status).toBe('open');
    const [fill, ...more] = await venue.orderFills(request);
    expect(more).toEqual([]);
    expect(fill).toMatchObject({
      tradeId: atVenue.id,
      venueOrderId: atVenue.id,
      liquidity: 'maker',
      ts: atVenue.filledAt,
    });
    expect(fill?.price.toString()).toBe('59000.5');
    expect(fill?.quantity.toString()).toBe('100');
    // 100 USD at 59000.5 is 169 490 sats; 0.1 % of it is 169 sats, reported in USD at the
    // fill's price: 169 x 10^-8 x 59000.5.
    expect(fill?.fee.toString()).toBe('0.099710845');
    expect((await venue.openOrders()).map((o) => o.orderId)).not.toContain(request.orderId);
  });

  it('cancels by our order id, remembers the cancel (the venue lists no canceled orders), refuses a second', async () => {
    const venue = client();
    const request = order({ price: d('57000') });
    await venue.placeOrder(request);
    const atVenue = defined(standIn.orders.at(-1), 'the order at the venue');
    const canceled = await venue.cancelOrder(request);
    expect(canceled).toEqual({
      outcome: 'canceled',
      venueOrderId: atVenue.id,
      ts: atVenue.canceledAt,
    });
    expect(await venue.getOrder(request)).toMatchObject({ status: 'canceled', reason: 'canceled' });
    // The limit: a client that never saw it (a restart) cannot tell canceled from never placed.
    expect(await client().getOrder(request)).toBeUndefined();
    const again = await rejection(venue.cancelOrder(request));
    expect(again).toBeInstanceOf(VenueRequestError);
    expect(again.message).toMatch(/Order is not open/);
    // A client that never saw it finds its order id nowhere else.
    const cancelOfUnknown = await rejection(client().cancelOrder(order()));
    expect(cancelOfUnknown).toBeInstanceOf(VenueRequestError);
    expect(await venue.getOrder(order())).toBeUndefined();
    expect(await venue.orderFills(order())).toEqual([]);
  });

  it('fills a market order at once at the ask, as taker', async () => {
    const venue = client();
    const request = market();
    expect(await venue.placeOrder(request)).toMatchObject({ outcome: 'accepted' });
    const atVenue = defined(standIn.orders.at(-1), 'the order at the venue');
    expect(atVenue.type).toBe('market');
    expect(await venue.getOrder(request)).toMatchObject({ status: 'filled' });
    const [fill] = await venue.orderFills(request);
    expect(fill?.price.toString()).toBe('60000.5');
    expect(fill?.liquidity).toBe('taker');
  });

  it('refuses before sending what the venue cannot take: fractional USD, off-tick prices, flags it lacks', async () => {
    const venue = client();
    await venue.openOrders();
    const sent = standIn.requests;
    const cases: [Partial<VenueOrderRequest>, string][] = [
      [{ quantity: d('100.5') }, 'LNM_QUANTITY_NOT_WHOLE'],
      [{ quantity: d('0') }, 'LNM_QUANTITY_NOT_WHOLE'],
      [{ price: d('59000.3') }, 'LNM_PRICE_TICK'],
      [{ postOnly: true }, 'LNM_POST_ONLY_UNSUPPORTED'],
      [{ reduceOnly: true }, 'LNM_REDUCE_ONLY_UNSUPPORTED'],
      [{ timeInForce: 'ioc' }, 'LNM_TIME_IN_FORCE_UNSUPPORTED'],
      [{ symbol: 'ETH-PERP' as InstrumentSymbol }, 'UNKNOWN_SYMBOL'],
    ];
    for (const [overrides, code] of cases) {
      const error = await rejection(venue.placeOrder(order(overrides)));
      expect(error, code).toBeInstanceOf(VenueRequestError);
      expect((error as VenueRequestError).code).toBe(code);
    }
    expect(standIn.requests).toBe(sent);
    expect(() => client({ symbols: { 'BTC-PERP': 'BTCUSD' } })).toThrow(/one pair, btc_usd/);
  });

  it('reports what the venue refuses as a rejection: insufficient margin', async () => {
    await withOwnVenue(async (own) => {
      own.marginSats = 10_000;
      const answer = await client({}, own).placeOrder(order({ quantity: d('1000') }));
      expect(answer).toMatchObject({
        outcome: 'rejected',
        reason: 'VENUE_INSUFFICIENT_BALANCE',
        venueMessage: 'Insufficient margin',
      });
      expect(own.orders).toEqual([]);
    });
  });

  it('tells refused credentials apart: unknown key, wrong passphrase, wrong secret', async () => {
    const wrong = [
      client({ credentials: { key: 'revoked-key', secret: SECRET, passphrase: PASSPHRASE } }),
      client({ credentials: { key: KEY, secret: SECRET, passphrase: 'not-it' } }),
      client({ credentials: { key: KEY, secret: 'not-the-secret', passphrase: PASSPHRASE } }),
    ];
    for (const venue of wrong)
      await expect(venue.openOrders()).rejects.toThrow(VenueCredentialsRefusedError);
    await expect(
      defined(wrong[2], 'the client with the wrong secret').placeOrder(order()),
    ).rejects.toThrow(/HTTP 401 Signature is not valid \(lnmarkets\.401\)/);
  });

  it("measures the venue's clock when it refuses our timestamp, and signs again", async () => {
    const venue = client();
    await venue.placeOrder(order()); // leverage set
    standIn.clockSkewMs = 45_000;
    try {
      const before = standIn.requests;
      expect(await venue.placeOrder(order())).toMatchObject({ outcome: 'accepted' });
      // Refused (timestamp), the venue's time, then accepted.
      expect(standIn.requests - before).toBe(3);
      expect(await venue.placeOrder(order())).toMatchObject({ outcome: 'accepted' });
      expect(standIn.requests - before).toBe(4);
    } finally {
      standIn.clockSkewMs = 0;
    }
  });

  it('backs off for Retry-After after a 429, sending nothing meanwhile', async () => {
    let now = Date.now();
    const venue = client({ now: () => now });
    await venue.openOrders();
    standIn.limitNext({ retryAfterSeconds: 7 });
    const limited = await rejection(venue.getOrder(order()));
    expect(limited).toBeInstanceOf(VenueUnavailableError);
    expect(limited.message).toMatch(/HTTP 429 Too many requests \(lnmarkets\.429\)/);
    expect(venue.backoffUntil).toBe(now + 7_000);
    const sent = standIn.requests;
    await expect(venue.placeOrder(order())).rejects.toThrow(/backing off until/);
    expect(standIn.requests).toBe(sent);
    now += 7_001;
    expect(await venue.getOrder(order())).toBeUndefined();
  });

  it('keeps to the venue budget of 5 authenticated requests a second without being told by a 429', async () => {
    const strict = await startLnMarketsStandIn({
      keys: { [KEY]: { secret: SECRET, passphrase: PASSPHRASE } },
      requestsPerSecond: 5,
    });
    try {
      const paced = client({ requestsPerSecond: undefined }, strict);
      const started = Date.now();
      for (let i = 0; i < 11; i += 1) await paced.openOrders();
      // 5, then 5 a second later, then the 11th: two seconds at least, and never a 429.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      const hasty = client({ requestsPerSecond: 50 }, strict);
      await pause(1_100);
      const errors = await Promise.allSettled(Array.from({ length: 8 }, () => hasty.openOrders()));
      const refused = errors.filter((e) => e.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/429/);
    } finally {
      await strict.close();
    }
  }, 10_000);

  it('a 5xx after the venue took the order is an unknown outcome; getOrder finds the one order, a repeat makes none', async () => {
    const venue = client();
    await venue.openOrders();
    const request = order();
    standIn.serverErrorNext(500);
    const unknown = await rejection(venue.placeOrder(request));
    expect(unknown).toBeInstanceOf(VenueOutcomeUnknownError);
    expect((unknown as VenueOutcomeUnknownError).rule).toBe('lnmarkets.5xx');
    expect(await venue.getOrder(request)).toMatchObject({ status: 'open' });
    const atVenue = () => standIn.orders.filter((o) => o.clientId === request.orderId);
    expect(atVenue()).toHaveLength(1);
    // The OMS repeats the request: the venue already has it, no second order.
    expect(await venue.placeOrder(request)).toEqual({ outcome: 'pending' });
    expect(atVenue()).toHaveLength(1);
    // Not on a query: asking again is safe.
    standIn.serverErrorNext(502);
    const canceling = await rejection(venue.cancelOrder(request));
    expect(canceling).toBeInstanceOf(VenueOutcomeUnknownError);
    expect(await venue.getOrder(request)).toMatchObject({ status: 'canceled' });
  });

  it('a timeout or a lost answer to an order is an unknown outcome; to a query it is retryable', async () => {
    const venue = client({ timeoutMs: 300 });
    await venue.openOrders();
    const slow = order();
    standIn.delayNextAnswer(800);
    const timedOut = await rejection(venue.placeOrder(slow));
    expect(timedOut).toBeInstanceOf(VenueOutcomeUnknownError);
    expect(timedOut.message).toMatch(/no answer within 300 ms/);
    expect(await venue.getOrder(slow)).toMatchObject({ status: 'open' });
    const dropped = order();
    standIn.dropNextAnswer();
    await expect(venue.placeOrder(dropped)).rejects.toThrow(VenueOutcomeUnknownError);
    expect(await venue.getOrder(dropped)).toMatchObject({ status: 'open' });

    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const unanswered = client({ url: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      await expect(unanswered.openOrders()).rejects.toThrow(VenueUnavailableError);
      await expect(unanswered.placeOrder(order())).rejects.toThrow(/no answer within 200 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('cancels every open order, ours or not, in one request; lists foreign orders without our id', async () => {
    await withOwnVenue(async (own) => {
      const venue = client({}, own);
      expect(await venue.cancelAllOrders()).toBe(0);
      const ours = [order({ price: d('50000') }), order({ price: d('50500') })];
      for (const request of ours) await venue.placeOrder(request);
      await venue.placeOrder(order({ orderId: 'web_manual_1' as OrderId }));
      const open = await venue.openOrders();
      expect(open.map((o) => o.orderId)).toEqual([
        defined(ours[0], 'our first order').orderId,
        defined(ours[1], 'our second order').orderId,
        null,
      ]);
      const sent = own.requests;
      expect(await venue.cancelAllOrders(BTC)).toBe(3);
      expect(own.requests - sent).toBe(1);
      expect(await venue.openOrders()).toEqual([]);
      expect(await venue.getOrder(defined(ours[0], 'our first order'))).toMatchObject({
        status: 'canceled',
      });
      await expect(venue.cancelAllOrders('ETH-PERP' as InstrumentSymbol)).rejects.toThrow(
        /no LN Markets pair configured for ETH-PERP/,
      );
    });
  });

  it('reports the cross position, signed, in USD contracts', async () => {
    await withOwnVenue(async (own) => {
      const venue = client({}, own);
      expect(await venue.positions()).toEqual([]);
      await venue.placeOrder(market({ quantity: d('300') }));
      const sell = order({ side: 'sell', price: d('61000'), quantity: d('100') });
      await venue.placeOrder(sell);
      own.fill(defined(own.orders.at(-1), 'the sell order at the venue').id);
      const [long] = await venue.positions();
      expect(long?.symbol).toBe(BTC);
      expect(long?.quantity.toString()).toBe('200');
      expect(long?.entryPrice?.toString()).toBe('60000.5');
      await venue.placeOrder(market({ side: 'sell', quantity: d('500') }));
      const [short] = await venue.positions();
      expect(short?.quantity.toString()).toBe('-300');
      expect(short?.entryPrice?.toString()).toBe('59999.5');
    });
  });

  it("lists the account's fills from a time on, oldest first, with our order ids, at most `limit`", async () => {
    await withOwnVenue(async (own) => {
      const venue = client({}, own);
      const placed = [
        order({ price: d('58000') }),
        order({ price: d('58500') }),
        order({ orderId: 'web_fs_1' as OrderId, price: d('57000') }),
      ];
      for (const request of placed) await venue.placeOrder(request);
      const ids = own.orders.map((o) => o.id);
      // Filled in another order than placed.
      for (const id of [
        defined(ids[1], 'the second venue order id'),
        defined(ids[2], 'the third venue order id'),
        defined(ids[0], 'the first venue order id'),
      ]) {
        await pause(3);
        own.fill(id);
      }
      const fills = await venue.fillsSince(0, 10);
      expect(fills.map((f) => [f.orderId, f.tradeId, f.symbol, f.accountId])).toEqual([
        [defined(placed[1], 'the second placed order').orderId, ids[1], BTC, 'alice'],
        [null, ids[2], BTC, 'alice'],
        [defined(placed[0], 'the first placed order').orderId, ids[0], BTC, 'alice'],
      ]);
      expect((await venue.fillsSince(0, 2)).map((f) => f.tradeId)).toEqual([ids[1], ids[2]]);
      expect(
        (await venue.fillsSince(defined(fills[1], 'the second fill').ts, 10)).map((f) => f.tradeId),
      ).toEqual([ids[2], ids[0]]);
      expect(await venue.fillsSince(defined(fills[2], 'the third fill').ts + 1, 10)).toEqual([]);
    });
  });

  it('reports the sats fee in USD at the fill price, rounded up at the 18th digit, a rebate too', async () => {
    await withOwnVenue(async (own) => {
      const venue = client({}, own);
      const charged = order();
      const rebated = order();
      await venue.placeOrder(charged);
      const chargedAtVenue = defined(own.orders.at(-1), 'the charged order at the venue');
      await venue.placeOrder(rebated);
      const rebatedAtVenue = defined(own.orders.at(-1), 'the rebated order at the venue');
      own.fill(chargedAtVenue.id, { tradingFee: d('169.1234567891') });
      await pause(3);
      own.fill(rebatedAtVenue.id, { tradingFee: d('-169.1234567891') });
      // 169.1234567891 x 10^-8 x 59000.5 = 0.0997836851228529455 exactly: 19 digits, so the
      // 18th rounds toward +infinity, up for the fee and toward zero for the rebate.
      const [fee] = await venue.orderFills(charged);
      expect(fee?.fee.toString()).toBe('0.099783685122852946');
      const [rebate] = await venue.orderFills(rebated);
      expect(rebate?.fee.toString()).toBe('-0.099783685122852945');
      const fills = await venue.fillsSince(0, 10);
      expect(fills.map((f) => [f.tradeId, f.fee.toString()])).toEqual([
        [chargedAtVenue.id, '0.099783685122852946'],
        [rebatedAtVenue.id, '-0.099783685122852945'],
      ]);
    });
  });

  it('reads prices by their digits: a JSON number no float could carry', async () => {
    await withOwnVenue(async (own) => {
      own.setPrices({
        lastPrice: '65432.123456789012345678',
        index: '65431.5',
        bid: '65430.000000000000000001',
        ask: '65433',
      });
      const view = await client({}, own).market(BTC);
      expect(view.markPrice.toString()).toBe('65432.123456789012345678');
      expect(view.indexPrice.toString()).toBe('65431.5');
      expect(view.bestBid?.toString()).toBe('65430.000000000000000001');
      expect(view.bestAsk?.toString()).toBe('65433');
    });
  });

  it('never puts the secret or the passphrase in an error, a string or an inspection of the client', async () => {
    const errors: unknown[] = [];
    const collect = async (promise: Promise<unknown>) => errors.push(await rejection(promise));
    const wrongSecret = client({
      credentials: { key: KEY, secret: `${SECRET}-x`, passphrase: PASSPHRASE },
    });
    await collect(wrongSecret.placeOrder(order()));
    await collect(wrongSecret.getOrder(order()));
    await collect(client().placeOrder(order({ quantity: d('1.5') })));
    standIn.serverErrorNext(500);
    await collect(client().placeOrder(order()));
    standIn.limitNext({ retryAfterSeconds: 1 });
    await collect(client().openOrders());
    await collect(client({ url: 'http://127.0.0.1:1' }).openOrders());
    expect(errors).toHaveLength(6);
    const printed = [
      ...errors.flatMap((error) => [String(error), inspect(error), JSON.stringify(error)]),
      inspect(client()),
      JSON.stringify(client()),
      String(client()),
    ];
    for (const text of printed) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PASSPHRASE);
    }
  });
});
