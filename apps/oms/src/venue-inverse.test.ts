import { Decimal } from '@perp/decimal';
import { defined } from '@perp/test-services';
import { identifierOf, instrumentFromText, type AccountId } from '@perp/trading-domain';
import { BinanceClient, LnMarketsClient } from '@perp/venue-adapter';
import {
  startBinanceStandIn,
  startLnMarketsStandIn,
  type BinanceStandIn,
  type LnMarketsStandIn,
} from '@perp/venue-adapter/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdOf, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

// An inverse instrument (USD contracts of BTC) traded on LN Markets (its stand-in) through the
// OMS: the position holds quantity / price of BTC, its fee is booked in USD, and a linear
// instrument routed to that venue is refused before anything is sent.

const KEY = 'inverse-key';
const SECRET = 'inverse-secret';
const PASSPHRASE = 'inverse-passphrase';
const INVERSE = identifierOf('InstrumentSymbol', 'BTCUSD-INV');
/** Inverse too, but routed to a linear venue by mistake. */
const MISROUTED = identifierOf('InstrumentSymbol', 'BTCUSD-INV2');
const ETH = identifierOf('InstrumentSymbol', 'ETH-PERP');
const route = {
  venue: identifierOf('VenueName', 'lnmarkets'),
  venueAccount: identifierOf('VenueAccountName', 'zed-bot'),
};
const binanceRoute = {
  venue: identifierOf('VenueName', 'binance-usdm'),
  venueAccount: identifierOf('VenueAccountName', 'zed-desk'),
};
const zed = 'zed' as AccountId;
const inverseInstrument = (symbol: string) =>
  instrumentFromText({
    symbol,
    contractType: 'inverse',
    baseAsset: 'BTC',
    quoteAsset: 'USD',
    tickSize: '0.5',
    lotSize: '1',
    minQuantity: '1',
    maxQuantity: '1000000',
    maxNotional: '1000000',
    initialMarginRate: '0.1',
    maintenanceMarginRate: '0.05',
    priceBandRate: '0.05',
    status: 'trading',
  });

let h: OmsHarness;
let standIn: LnMarketsStandIn;
let binance: BinanceStandIn;

beforeAll(async () => {
  standIn = await startLnMarketsStandIn({
    keys: { [KEY]: { secret: SECRET, passphrase: PASSPHRASE } },
    // The sweeps here run every 250 ms (10 s in production): more than the venue's 5 a second.
    requestsPerSecond: 1_000,
  });
  h = await startOmsHarness();
  binance = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
  await h.config.putInstrument(inverseInstrument(INVERSE));
  await h.config.putInstrument(inverseInstrument(MISROUTED));
  await h.config.putRoute({ symbol: INVERSE, ...route });
  await h.config.putRoute({ symbol: MISROUTED, ...binanceRoute });
  await h.config.putRoute({ symbol: ETH, ...route });
  await h.startOms({
    venueAccounts: [
      {
        route,
        client: new LnMarketsClient({
          url: standIn.url,
          network: 'mainnet',
          credentials: { key: KEY, secret: SECRET, passphrase: PASSPHRASE },
          symbols: { [INVERSE]: 'btc_usd' },
          accountId: zed,
          requestsPerSecond: 1_000,
          timeoutMs: 2_000,
        }),
        events: 'polled',
        accountId: zed,
      },
      {
        route: binanceRoute,
        client: new BinanceClient({
          url: binance.url,
          network: 'mainnet',
          apiKey: KEY,
          apiSecret: SECRET,
          symbols: { [MISROUTED]: 'BTCUSDT' },
          timeoutMs: 2_000,
        }),
        events: 'polled',
      },
    ],
    reconcile: { graceMs: 2_000, intervalMs: 250 },
  });
  await h.fundAccounts('100000', 'zed');
}, 60_000);
afterAll(async () => {
  await h?.dispose();
  await standIn?.close();
  await binance?.close();
});

describe('an inverse instrument on LN Markets', () => {
  it('buys USD contracts: the position holds their BTC, the fee is booked in USD', async () => {
    const place = placeCommand('zed', {
      symbol: INVERSE,
      side: 'buy',
      price: '60000',
      quantity: '1200',
    });
    await h.send(place);
    const [accepted] = await h.waitForReports('zed', 1);
    expect(accepted).toMatchObject({ execType: 'accepted', orderId: orderIdOf(place) });
    const atVenue = defined(
      standIn.orders.find((o) => o.clientId === orderIdOf(place)),
      'the order at LN Markets',
    );
    expect(atVenue.quantity.toString()).toBe('1200');
    standIn.fill(atVenue.id);
    const [, trade] = await h.waitForReports('zed', 2, 10_000);
    expect(trade).toMatchObject({ execType: 'trade', status: 'filled', lastFillQuantity: '1200' });
    const position = defined(await h.store.getPosition(zed, INVERSE), 'the position').value;
    expect(position.quantity.toString()).toBe('1200');
    expect(position.costBasis.toString()).toBe('0.02'); // 1200 / 60000 BTC
    // LN Markets charged 0.1 % of the 0.02 BTC, 2000 sats: booked as their 1.2 USD at 60000.
    const balance = defined(await h.store.getBalance(zed), 'the balance').value;
    expect(Decimal.parse('100000').sub(balance.collateral).toString()).toBe('1.2');
    expect(position.fees.toString()).toBe('1.2');
  }, 30_000);

  it('an answer lost after LN Markets took the order: one order there, accepted in the OMS', async () => {
    standIn.dropNextAnswer();
    const place = placeCommand('zed', {
      symbol: INVERSE,
      side: 'sell',
      price: '61000',
      quantity: '300',
    });
    const [accepted] = await h.sendForReports('zed', place, 1, 20_000);
    expect(accepted).toMatchObject({ execType: 'accepted', orderId: orderIdOf(place) });
    const atVenue = standIn.orders.filter((o) => o.clientId === orderIdOf(place));
    expect(atVenue).toHaveLength(1);
    const stored = defined(await h.store.getOrder(zed, orderIdOf(place)), 'the order').value;
    expect(stored).toMatchObject({ status: 'accepted', venueOrderId: atVenue[0]?.id });
  }, 30_000);

  it('refuses unsent an inverse instrument routed to a linear venue', async () => {
    const place = placeCommand('zed', {
      symbol: MISROUTED,
      side: 'buy',
      price: '60000',
      quantity: '100',
    });
    const [rejected] = await h.sendForReports('zed', place);
    expect(rejected).toMatchObject({ execType: 'rejected', reason: 'VENUE_UNAVAILABLE' });
    // Binance would have taken 100 BTC for 100 USD of contracts: it never saw the order.
    expect(binance.orders.some((o) => o.clientOrderId === orderIdOf(place))).toBe(false);
  }, 30_000);

  it('refuses unsent an instrument routed to a venue account that cannot price it', async () => {
    const sent = standIn.orders.length;
    const place = placeCommand('zed', {
      symbol: ETH,
      side: 'buy',
      price: '2950',
      quantity: '0.05',
    });
    const [rejected] = await h.sendForReports('zed', place);
    expect(rejected).toMatchObject({
      execType: 'rejected',
      reason: 'VENUE_UNAVAILABLE',
      orderId: orderIdOf(place),
    });
    expect(standIn.orders.length).toBe(sent);
  }, 30_000);
});
