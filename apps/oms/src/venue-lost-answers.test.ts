import { defined } from '@perp/test-services';
import { identifierOf, type AccountId } from '@perp/trading-domain';
import { BinanceClient, HyperliquidClient, cloidOf } from '@perp/venue-adapter';
import {
  startBinanceStandIn,
  startHyperliquidStandIn,
  type BinanceStandIn,
  type HyperliquidStandIn,
} from '@perp/venue-adapter/stand-ins';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdOf, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

// The crash every real venue forces on an OMS: the venue took the order, and its answer never
// came (a dropped connection after the request was read). The order stays in flight, its command
// is retried (the venue refuses the repeated client order id: still unknown), and reconciliation
// asks the venue by our order id: one order at the venue, accepted in the OMS. Against the
// Binance and Hyperliquid stand-ins, which act on the request and then drop the answer.

const KEY = 'lost-key';
const SECRET = 'lost-secret';
const AGENT = Wallet.createRandom();
const MASTER = Wallet.createRandom().address.toLowerCase();
const ETH = identifierOf('InstrumentSymbol', 'ETH-PERP');
const BTC = identifierOf('InstrumentSymbol', 'BTC-PERP');
const binance = {
  venue: identifierOf('VenueName', 'binance-usdm'),
  venueAccount: identifierOf('VenueAccountName', 'tom-desk'),
};
const hyperliquid = {
  venue: identifierOf('VenueName', 'hyperliquid'),
  venueAccount: identifierOf('VenueAccountName', 'tom-bot'),
};
const tom = 'tom' as AccountId;

let h: OmsHarness;
let binanceStandIn: BinanceStandIn;
let hyperliquidStandIn: HyperliquidStandIn;

beforeAll(async () => {
  binanceStandIn = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
  hyperliquidStandIn = await startHyperliquidStandIn({ agents: { [AGENT.address]: MASTER } });
  h = await startOmsHarness();
  await h.config.putRoute({ symbol: ETH, ...binance });
  await h.config.putRoute({ symbol: BTC, ...hyperliquid });
  const common = { network: 'mainnet' as const, accountId: tom, timeoutMs: 2_000 };
  await h.startOms({
    venueAccounts: [
      {
        route: binance,
        client: new BinanceClient({
          ...common,
          url: binanceStandIn.url,
          apiKey: KEY,
          apiSecret: SECRET,
          symbols: { 'ETH-PERP': 'ETHUSDT' },
        }),
        events: 'polled',
      },
      {
        route: hyperliquid,
        client: new HyperliquidClient({
          ...common,
          url: hyperliquidStandIn.url,
          agentPrivateKey: AGENT.privateKey,
          masterAddress: MASTER,
          coins: { 'BTC-PERP': 'BTC' },
        }),
        events: 'polled',
      },
    ],
    reconcile: { graceMs: 2_000, intervalMs: 250 },
  });
  await h.fundAccounts('100000', 'tom');
}, 60_000);
afterAll(async () => {
  await h?.dispose();
  await binanceStandIn?.close();
  await hyperliquidStandIn?.close();
});

async function placeLosingTheAnswer(symbol: typeof ETH, price: string, quantity: string) {
  const place = placeCommand('tom', { symbol, side: 'buy', price, quantity });
  const reports = await h.sendForReports('tom', place, 1, 20_000);
  const stored = defined(await h.store.getOrder(tom, orderIdOf(place)), 'the order');
  return { reports, stored: stored.value, orderId: orderIdOf(place) };
}

describe('an answer lost after the venue took the order', () => {
  it('Binance: one order at the venue, accepted in the OMS with the venue’s order id', async () => {
    binanceStandIn.dropNextAnswer();
    const { reports, stored, orderId } = await placeLosingTheAnswer(ETH, '2950', '0.05');
    expect(reports.map((r) => [r.execType, r.status])).toEqual([['accepted', 'accepted']]);
    const atVenue = binanceStandIn.orders.filter((o) => o.clientOrderId === orderId);
    expect(atVenue).toHaveLength(1);
    expect(stored).toMatchObject({ status: 'accepted', venueOrderId: String(atVenue[0]?.orderId) });
  }, 30_000);

  it('Hyperliquid: one order at the venue, accepted in the OMS with the venue’s oid', async () => {
    hyperliquidStandIn.dropNextAnswer();
    const { reports, stored, orderId } = await placeLosingTheAnswer(BTC, '59000', '0.001');
    expect(reports.map((r) => [r.execType, r.status])).toEqual([['accepted', 'accepted']]);
    const atVenue = hyperliquidStandIn.orders.filter((o) => o.cloid === cloidOf(orderId));
    expect(atVenue).toHaveLength(1);
    expect(stored).toMatchObject({ status: 'accepted', venueOrderId: String(atVenue[0]?.oid) });
  }, 30_000);
});
