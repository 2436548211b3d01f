import { defined } from '@perp/test-services';
import {
  identifierOf,
  type AccountId,
  type InstrumentSymbol,
  type OrderId,
} from '@perp/trading-domain';
import { Decimal } from '@perp/decimal';
import { BinanceClient } from '@perp/venue-adapter';
import { startBinanceStandIn, type BinanceStandIn } from '@perp/venue-adapter/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Oms } from './app.ts';
import { cancelCommand, orderIdOf, placeCommand } from './test-support/commands.ts';
import { VenuePositionsCheck } from './reconciliation/venue-positions.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

// The config table routes ETH-PERP to a Binance venue account (the stand-in, which checks
// signatures and symbol filters as Binance does); BTC-PERP has no route and goes to the sim-venue.
// Each order keeps the route it was placed with. Nothing Binance streams reaches this OMS: its
// fills come through the reconciler's fill poll, booked as soon as it reads them.

const KEY = 'routing-key';
const SECRET = 'routing-secret';
const ETH = identifierOf('InstrumentSymbol', 'ETH-PERP');
const BTC = identifierOf('InstrumentSymbol', 'BTC-PERP');
const binanceRoute = {
  venue: identifierOf('VenueName', 'binance-usdm'),
  venueAccount: identifierOf('VenueAccountName', 'desk'),
};

const rita = 'rita' as AccountId;

let h: OmsHarness;
let standIn: BinanceStandIn;
let oms: Oms;
let binance: BinanceClient;

beforeAll(async () => {
  standIn = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
  h = await startOmsHarness();
  await h.config.putRoute({ symbol: ETH, ...binanceRoute });
  binance = new BinanceClient({
    url: standIn.url,
    network: 'mainnet',
    apiKey: KEY,
    apiSecret: SECRET,
    symbols: { 'ETH-PERP': 'ETHUSDT' },
    // The desk account trades for one platform account: its fills are that account's.
    accountId: identifierOf('AccountId', 'rita'),
    timeoutMs: 2_000,
  });
  oms = await h.startOms({
    // No feed of this account is forwarded: its fills are polled every second.
    venueAccounts: [{ route: binanceRoute, client: binance, events: 'polled', accountId: rita }],
    // Sweeps every 5 s: each costs 45 of the IP's 2400 weight a minute at Binance, and the
    // process started last shares the IP.
    reconcile: { graceMs: 30_000, intervalMs: 5_000 },
  });
  await h.fundAccounts('100000', 'rita');
}, 60_000);
afterAll(async () => {
  await h?.dispose();
  await standIn?.close();
});

async function atSim(orderId: OrderId) {
  const response = await fetch(`${h.simVenue.url}/v1/orders/rita/${orderId}`);
  return response.status === 404 ? undefined : ((await response.json()) as { status: string });
}

describe('venue routing', () => {
  it('sends an order where its instrument routes and keeps the route on it; an unrouted one goes to the sim-venue', async () => {
    const eth = placeCommand('rita', { symbol: ETH, side: 'buy', price: '2950', quantity: '0.05' });
    const btc = placeCommand('rita', {
      symbol: BTC,
      side: 'buy',
      price: '59000',
      quantity: '0.01',
    });
    await h.send(eth);
    await h.send(btc);
    const reports = await h.waitForReports('rita', 2);
    expect(reports.map((r) => [r.symbol, r.execType]).sort()).toEqual([
      ['BTC-PERP', 'accepted'],
      ['ETH-PERP', 'accepted'],
    ]);
    const stored = defined(await h.store.getOrder(rita, orderIdOf(eth)), 'the ETH order');
    expect(stored.value.route).toEqual(binanceRoute);
    const atBinance = standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth));
    expect(atBinance).toMatchObject({ symbol: 'ETHUSDT', price: '2950', origQty: '0.05' });
    expect(stored.value.venueOrderId).toBe(String(atBinance?.orderId));
    expect(await atSim(orderIdOf(eth))).toBeUndefined();
    const sim = defined(await h.store.getOrder(rita, orderIdOf(btc)), 'the BTC order');
    expect(sim.value.route).toEqual({ venue: 'sim', venueAccount: 'default' });
    expect((await atSim(orderIdOf(btc)))?.status).toBe('open');
    expect(standIn.orders.some((o) => o.clientOrderId === orderIdOf(btc))).toBe(false);
  }, 30_000);

  it('cancels an order at the venue it went to', async () => {
    const eth = placeCommand('rita', { symbol: ETH, side: 'sell', price: '3050', quantity: '0.1' });
    await h.sendForReports('rita', eth);
    const [canceled] = await h.sendForReports(
      'rita',
      cancelCommand('rita', { orderId: orderIdOf(eth), symbol: ETH }),
    );
    expect(canceled).toMatchObject({ execType: 'canceled', orderId: orderIdOf(eth) });
    expect(standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth))?.status).toBe('CANCELED');
  }, 30_000);

  it('books a fill at that venue from its fill history, as its feed would have', async () => {
    const eth = placeCommand('rita', { symbol: ETH, side: 'buy', price: '2990', quantity: '0.2' });
    await h.sendForReports('rita', eth);
    const atBinance = defined(
      standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth)),
      'the order at Binance',
    );
    const before = (await h.reports('rita')).length;
    standIn.fill(atBinance.orderId, '0.05');
    // Booked well within the 30 s grace: no feed is read that could still deliver it.
    const [trade] = (await h.waitForReports('rita', before + 1, 10_000)).slice(before);
    expect(trade).toMatchObject({
      execType: 'trade',
      status: 'partially_filled',
      orderId: orderIdOf(eth),
      lastFillPrice: '2990',
      lastFillQuantity: '0.05',
    });
    const position = await h.store.getPosition(rita, ETH as InstrumentSymbol);
    expect(position?.value.quantity.toString()).toBe('0.05');
    // Polled again and again: booked once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await h.reports('rita')).length).toBe(before + 1);
  }, 30_000);

  it('books a fill whose time is seconds behind the poll (the venue lists it late), once', async () => {
    const eth = placeCommand('rita', { symbol: ETH, side: 'sell', price: '3020', quantity: '0.1' });
    await h.sendForReports('rita', eth);
    const atBinance = defined(
      standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth)),
      'the order at Binance',
    );
    // Polls have run past now; the venue then lists a fill stamped 4 s ago.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const before = (await h.reports('rita')).length;
    standIn.clockSkewMs = -4_000;
    try {
      standIn.fill(atBinance.orderId, '0.1');
      const [trade] = (await h.waitForReports('rita', before + 1, 10_000)).slice(before);
      expect(trade).toMatchObject({ execType: 'trade', orderId: orderIdOf(eth), status: 'filled' });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await h.reports('rita')).length).toBe(before + 1);
    } finally {
      standIn.clockSkewMs = 0;
    }
  }, 30_000);

  it('reports once when the venue account holds another position than the OMS books for long enough', async () => {
    const account = defined(
      oms.context.venues.accounts().find((a) => a.route.venue === binanceRoute.venue),
      'the Binance account',
    );
    const check = new VenuePositionsCheck(oms.context, account, rita, { persistMs: 300 });
    const bookedBefore = (await h.store.getPosition(rita, ETH))?.value.quantity.toString();
    // Equal so far: the fill booked above is the venue's position too.
    expect(await check.check()).toEqual([]);
    // Another client of the venue account buys: the venue's position grows, the OMS's cannot.
    await binance.placeOrder({
      accountId: rita,
      orderId: 'web_pos1' as OrderId,
      symbol: ETH,
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: Decimal.parse('2980'),
      quantity: Decimal.parse('0.02'),
      postOnly: false,
      reduceOnly: false,
    });
    const foreign = defined(
      standIn.orders.find((o) => o.clientOrderId === 'web_pos1'),
      'the foreign order',
    );
    standIn.fill(foreign.orderId, '0.02');
    // Not at once (a fill may be on its way to being booked); once it lasted, once.
    expect(await check.check()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await check.check()).toEqual(['position_mismatch']);
    expect(await check.check()).toEqual([]);
    // The OMS's own book is untouched: what the venue says is reported, never applied.
    const booked = await h.store.getPosition(rita, ETH);
    expect(booked?.value.quantity.toString()).toBe(bookedBefore);
  }, 30_000);

  it('rejects unsent an order whose instrument routes to a venue account this OMS does not trade', async () => {
    // The route changes while the OMS runs: it reads routes with the instruments, every 5 s.
    await h.config.putRoute({
      symbol: BTC,
      venue: binanceRoute.venue,
      venueAccount: identifierOf('VenueAccountName', 'elsewhere'),
    });
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const btc = placeCommand('rita', {
      symbol: BTC,
      side: 'buy',
      price: '59000',
      quantity: '0.01',
    });
    const [rejected] = await h.sendForReports('rita', btc);
    expect(rejected).toMatchObject({
      execType: 'rejected',
      reason: 'VENUE_UNAVAILABLE',
      orderId: orderIdOf(btc),
    });
    expect(await atSim(orderIdOf(btc))).toBeUndefined();
    // Orders placed before the change stay where they went: the BTC one rests at the sim-venue.
    expect((await oms.context.venues.routeOf(BTC)).venueAccount).toBe('elsewhere');
    await h.config.deleteRoute(BTC);
  }, 30_000);

  it('main.ts trades the venue accounts VENUE_ACCOUNTS names, with their keys from the environment', async () => {
    await oms.stop(); // the process alone takes the commands
    // fauxqs still hands a message to a long poll the stopped consumer aborted: let those run out.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const process = await h.startOmsProcess({
      VENUE_ACCOUNTS: JSON.stringify([
        {
          venue: 'binance-usdm',
          account: 'desk',
          url: standIn.url,
          streamUrl: `${standIn.url.replace('http', 'ws')}/ws`,
          symbols: { 'ETH-PERP': 'ETHUSDT' },
          accountId: 'rita',
        },
      ]),
      VENUE_KEYS_BINANCE_USDM_DESK: JSON.stringify({ apiKey: KEY, apiSecret: SECRET }),
      VENUE_KEYS_FILE: '/nonexistent/venue-keys.json',
      LOG_LEVEL: 'debug', // so that a key in any log line would show below
    });
    try {
      const eth = placeCommand('rita', {
        symbol: ETH,
        side: 'buy',
        price: '2960',
        quantity: '0.05',
      });
      const [accepted] = await h.sendForReports('rita', eth);
      expect(accepted).toMatchObject({ execType: 'accepted', orderId: orderIdOf(eth) });
      expect(standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth))).toMatchObject({
        symbol: 'ETHUSDT',
        price: '2960',
      });
      expect(process.output()).toContain('binance-usdm/desk');
      expect(process.output()).not.toContain(SECRET);
    } finally {
      await process.stop();
    }
  }, 60_000);
});
