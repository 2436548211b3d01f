// The Hyperliquid client against the local stand-in of its /exchange and /info, which checks the
// signatures, nonces and rules the real venue checks.
import { Decimal } from '@perp/decimal';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHyperliquidStandIn, type HyperliquidStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import type { VenueOrderRequest } from '../venue-client.ts';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { cloidOf } from './cloid.ts';
import { HyperliquidClient, type HyperliquidClientOptions } from './hyperliquid-client.ts';

const d = Decimal.parse;
const AGENT = Wallet.createRandom();
const MASTER = Wallet.createRandom().address.toLowerCase();
const ETH = 'ETH-PERP' as InstrumentSymbol;

let standIn: HyperliquidStandIn;
beforeAll(async () => {
  standIn = await startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } });
});
afterAll(() => standIn.close());

const client = (overrides: Partial<HyperliquidClientOptions> = {}) =>
  new HyperliquidClient({
    url: standIn.url,
    network: 'mainnet',
    agentPrivateKey: AGENT.privateKey,
    masterAddress: MASTER,
    coins: { 'BTC-PERP': 'BTC', 'ETH-PERP': 'ETH' },
    timeoutMs: 2_000,
    ...overrides,
  });

const order = (overrides: Partial<VenueOrderRequest> = {}) =>
  orderRequest({ symbol: ETH, price: '2900.5', quantity: '0.01' }, overrides);

describe('HyperliquidClient', () => {
  it('places, finds by our order id, sees a partial fill, cancels', async () => {
    const venue = client();
    const request = order();
    const placed = await venue.placeOrder(request);
    expect(placed).toMatchObject({
      outcome: 'accepted',
      venueOrderId: expect.stringMatching(/^\d+$/),
    });
    // Queried for the master: the agent only signs.
    expect(standIn.orders.at(-1)?.user).toBe(MASTER);
    expect(await venue.getOrder(request)).toMatchObject({
      status: 'open',
      filledQuantity: Decimal.ZERO,
    });
    standIn.fill(Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0), '0.004');
    const partial = await venue.getOrder(request);
    expect(partial?.filledQuantity.toString()).toBe('0.004');
    const [fill, ...more] = await venue.orderFills(request);
    expect(more).toEqual([]);
    expect(fill).toMatchObject({
      tradeId: expect.stringMatching(/^\d+$/) as unknown,
      venueOrderId: placed.outcome === 'accepted' ? placed.venueOrderId : '',
      liquidity: 'maker',
    });
    expect(fill?.price.toString()).toBe('2900.5');
    expect(fill?.quantity.toString()).toBe('0.004');
    expect(fill?.fee.toString()).toBe('0.0017403');
    expect(await venue.orderFills(order())).toEqual([]);
    expect(await venue.cancelOrder(request)).toEqual({ outcome: 'pending' });
    expect((await venue.getOrder(request))?.status).toBe('canceled');
    await expect(venue.cancelOrder(request)).rejects.toThrow(VenueRequestError);
    await expect(venue.cancelOrder(request)).rejects.toThrow(
      /never placed, already canceled, or filled/,
    );
  });

  it('lists the open orders of the master: ours by our order id, foreign ones without, unmapped coins left out', async () => {
    const venue = client({ accountId: 'alice' as AccountId });
    const ours = order({ price: d('2800') });
    const placed = await venue.placeOrder(ours);
    const foreign = standIn.restForeign({
      user: MASTER,
      coin: 'BTC',
      limitPx: '50000',
      sz: '0.001',
    });
    const foreignCloid = standIn.restForeign({
      user: MASTER,
      coin: 'ETH',
      limitPx: '2700',
      sz: '0.01',
      cloid: `0x${'ab'.repeat(16)}`,
    });
    standIn.restForeign({ user: MASTER, coin: 'SOL', limitPx: '100', sz: '1' });
    standIn.restForeign({
      user: Wallet.createRandom().address,
      coin: 'BTC',
      limitPx: '1',
      sz: '1',
    });
    const listed = await venue.openOrders();
    const byOid = new Map(listed.map((o) => [o.venueOrderId, o]));
    expect(
      byOid.get(placed.outcome === 'accepted' ? placed.venueOrderId : ('' as never)),
    ).toMatchObject({
      accountId: 'alice',
      orderId: ours.orderId,
      symbol: ETH,
    });
    expect(byOid.get(String(foreign) as never)).toMatchObject({
      orderId: null,
      symbol: 'BTC-PERP',
    });
    expect(byOid.get(String(foreignCloid) as never)).toMatchObject({ orderId: null, symbol: ETH });
    expect(listed.every((o) => o.symbol === ETH || o.symbol === 'BTC-PERP')).toBe(true);
    expect(listed.every((o) => o.accountId === 'alice')).toBe(true);
    await venue.cancelOrder(ours);
  });

  it("lists the account's fills from a time on, ours with our order id, oldest first", async () => {
    const venue = client({ accountId: 'alice' as AccountId });
    const since = Date.now();
    const ours = order({ price: d('2850') });
    const placed = await venue.placeOrder(ours);
    const oid = Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0);
    standIn.fill(oid, '0.004');
    const foreign = standIn.restForeign({
      user: MASTER,
      coin: 'BTC',
      limitPx: '50000',
      sz: '0.001',
    });
    standIn.fill(foreign, '0.001');
    const unmapped = standIn.restForeign({ user: MASTER, coin: 'SOL', limitPx: '100', sz: '1' });
    standIn.fill(unmapped, '1');
    standIn.fill(oid, '0.006');
    const fills = (await venue.fillsSince(since, 10)).filter((f) => f.ts >= since);
    expect(fills.map((f) => [f.orderId, f.symbol, f.quantity.toString(), f.accountId])).toEqual([
      [ours.orderId, ETH, '0.004', 'alice'],
      [null, 'BTC-PERP', '0.001', 'alice'],
      [ours.orderId, ETH, '0.006', 'alice'],
    ]);
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(3);
    expect((await venue.fillsSince(since, 1)).map((f) => f.tradeId)).toEqual([fills[0]?.tradeId]);
    expect(await venue.fillsSince((fills.at(-1)?.ts ?? 0) + 1, 10)).toEqual([]);
  });

  it('asks the venue which master its API wallet is an agent of', async () => {
    expect(await client().agentMaster()).toBe(MASTER);
    expect(
      await client({ agentPrivateKey: Wallet.createRandom().privateKey }).agentMaster(),
    ).toBeNull();
  });

  it('cancels every resting order of the account in one action, ours and foreign, per coin if asked', async () => {
    const own = await startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } });
    try {
      const venue = client({ url: own.url });
      expect(await venue.cancelAllOrders()).toBe(0);
      await venue.placeOrder(order({ price: d('2800') }));
      await venue.placeOrder(order({ price: d('2801') }));
      own.restForeign({ user: MASTER, coin: 'BTC', limitPx: '50000', sz: '0.001' });
      expect(await venue.cancelAllOrders(ETH)).toBe(2);
      expect(own.orders.filter((o) => o.status === 'open').map((o) => o.coin)).toEqual(['BTC']);
      expect(await venue.cancelAllOrders()).toBe(1);
      expect(await venue.openOrders()).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('reports the positions the fills built, signed, in the mapped coins', async () => {
    const own = await startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } });
    try {
      const venue = client({ url: own.url });
      expect(await venue.positions()).toEqual([]);
      const placed = await venue.placeOrder(order({ price: d('2800'), quantity: d('0.02') }));
      own.fill(Number(placed.outcome === 'accepted' ? placed.venueOrderId : 0), '0.005');
      const [position, ...more] = await venue.positions();
      expect(more).toEqual([]);
      expect(position?.symbol).toBe(ETH);
      expect(position?.quantity.toString()).toBe('0.005');
      expect(position?.entryPrice?.toString()).toBe('2800');
      const short = await venue.placeOrder(
        order({ side: 'sell', price: d('2900'), quantity: d('0.01') }),
      );
      own.fill(Number(short.outcome === 'accepted' ? short.venueOrderId : 0), '0.01');
      expect((await venue.positions())[0]?.quantity.toString()).toBe('-0.005');
    } finally {
      await own.close();
    }
  });

  it('keeps to the address budget: once the venue limits the address, one action per 10 s', async () => {
    const own = await startHyperliquidStandIn({
      agents: { [AGENT.address]: MASTER },
      addressActions: 2,
    });
    try {
      let now = Date.now();
      const venue = client({ url: own.url, now: () => now });
      await venue.placeOrder(order({ price: d('2800') }));
      await venue.placeOrder(order({ price: d('2801') }));
      expect(await venue.addressBudget()).toEqual({ used: 2, cap: 2 });
      // The first action past the cap goes (the venue allows one per 10 s), the next is refused.
      await venue.placeOrder(order({ price: d('2802') }));
      await expect(venue.placeOrder(order({ price: d('2803') }))).rejects.toThrow(
        /Too many cumulative requests/,
      );
      expect(venue.throttledUntil).toBe(now + 10_000);
      const sent = own.exchangeRequests;
      await expect(venue.cancelOrder(order())).rejects.toThrow(/rate limited/);
      expect(own.exchangeRequests).toBe(sent);
      now += 10_001;
      expect(venue.throttledUntil).toBe(0);
      // Sent again once the 10 s have passed (the stand-in's clock has not moved: refused again).
      await expect(venue.placeOrder(order({ price: d('2804') }))).rejects.toThrow(
        VenueUnavailableError,
      );
      expect(own.exchangeRequests).toBe(sent + 1);
    } finally {
      await own.close();
    }
  });

  it("reports the venue's rejections with their reasons", async () => {
    const venue = client();
    expect(await venue.placeOrder(order({ quantity: d('0.001') }))).toMatchObject({
      outcome: 'rejected',
      reason: 'VENUE_REJECTED',
      venueMessage: expect.stringMatching(/minimum value of \$10/),
    });
    expect(await venue.placeOrder(order({ timeInForce: 'ioc' }))).toMatchObject({
      outcome: 'rejected',
      venueMessage: expect.stringMatching(/could not immediately match/),
    });
    expect(await venue.getOrder(order())).toBeUndefined();
  });

  it('refuses a price the venue would refuse without sending it', async () => {
    const before = standIn.exchangeRequests;
    expect(await client().placeOrder(order({ price: d('2900.123') }))).toMatchObject({
      outcome: 'rejected',
      venueMessage: expect.stringMatching(/significant figures or 1 decimals/),
    });
    expect(standIn.exchangeRequests).toBe(before);
  });

  it('is told its credentials are refused (not the order) when the key or network is wrong', async () => {
    for (const venue of [
      client({ agentPrivateKey: Wallet.createRandom().privateKey }),
      client({ network: 'testnet' }),
    ]) {
      const placing = venue.placeOrder(order());
      await expect(placing).rejects.toThrow(VenueCredentialsRefusedError);
      await expect(placing).rejects.toThrow(/User or API Wallet 0x[0-9a-f]{40} does not exist/);
    }
  });

  it('signs each action with a fresh nonce, so quick successive orders all pass', async () => {
    const venue = client();
    const answers = await Promise.all(Array.from({ length: 5 }, () => venue.placeOrder(order())));
    expect(answers.map((a) => a.outcome)).toEqual(Array(5).fill('accepted'));
  });

  it('throws retryable on 429 and when nothing listens', async () => {
    standIn.rateLimitNext();
    await expect(client().placeOrder(order())).rejects.toThrow(VenueUnavailableError);
    const closed = client({ url: 'http://127.0.0.1:9' });
    await expect(closed.placeOrder(order())).rejects.toThrow(VenueUnavailableError);
  });

  it('an answer lost after the venue acted is an unknown outcome, resolved by asking by our id', async () => {
    const venue = client();
    const request = order();
    standIn.dropNextAnswer();
    await expect(venue.placeOrder(request)).rejects.toThrow(VenueOutcomeUnknownError);
    // Reconciliation asks by cloid: the order is there, once.
    expect((await venue.getOrder(request))?.status).toBe('open');
    // Sending it again cannot make a second one: the venue refuses the cloid.
    await expect(venue.placeOrder(request)).rejects.toThrow(VenueOutcomeUnknownError);
    expect(standIn.orders.filter((o) => o.cloid === cloidOf(request.orderId))).toHaveLength(1);
  });

  it('prices a market order at the mark within the slippage bound, and reads the mark', async () => {
    const venue = client();
    expect((await venue.market(ETH)).markPrice.toString()).toBe('3000');
    // An IOC at 3150 (mark + 5 %): no book here, so the venue refuses it as unmatched.
    const answer = await venue.placeOrder(
      order({ type: 'market', price: null, timeInForce: 'ioc' }),
    );
    expect(answer).toMatchObject({
      outcome: 'rejected',
      venueMessage: expect.stringMatching(/could not immediately match/),
    });
    await expect(venue.market('DOGE-PERP' as InstrumentSymbol)).rejects.toThrow(/not routed/);
  });
});
