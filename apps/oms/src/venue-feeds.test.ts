import { identifierOf, type AccountId } from '@perp/trading-domain';
import {
  VenueAccountsSettings,
  VenueCredentialStore,
  envSource,
  openVenueAccount,
  venueAccountFeed,
} from '@perp/venue-adapter';
import { startBinanceStandIn, type BinanceStandIn } from '@perp/venue-adapter/stand-ins';
import { defined } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Oms } from './app.ts';
import { orderIdOf, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';
import type { VenueAccountClient } from './venue-router.ts';

// A real venue account's private feed (the Binance stand-in's user data stream) forwarded into the
// queue by whichever of two OMS replicas holds the account's lease. The grace is long, so a fill
// booked here came through the feed, not through the fill poll.

const KEY = 'feed-key';
const SECRET = 'feed-secret';
const ETH = identifierOf('InstrumentSymbol', 'ETH-PERP');
const route = {
  venue: identifierOf('VenueName', 'binance-usdm'),
  venueAccount: identifierOf('VenueAccountName', 'sara-bot'),
};
const sara = 'sara' as AccountId;

let h: OmsHarness;
let standIn: BinanceStandIn;
const replicas: Oms[] = [];

function binanceAccount(): VenueAccountClient {
  const [settings] = VenueAccountsSettings.parse([
    {
      venue: 'binance-usdm',
      account: 'sara-bot',
      url: standIn.url,
      streamUrl: `${standIn.url.replace('http', 'ws')}/ws`,
      symbols: { 'ETH-PERP': 'ETHUSDT' },
      accountId: 'sara',
    },
  ]);
  const store = new VenueCredentialStore({
    sources: [
      envSource({
        VENUE_KEYS_BINANCE_USDM_SARA_BOT: JSON.stringify({ apiKey: KEY, apiSecret: SECRET }),
      }),
    ],
  });
  const account = defined(settings, 'the settings');
  return {
    route,
    client: openVenueAccount(account, store).client,
    events: 'forwarded',
    feed: defined(venueAccountFeed(account, store), 'the feed'),
  };
}

beforeAll(async () => {
  standIn = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
  h = await startOmsHarness();
  await h.config.putRoute({ symbol: ETH, ...route });
  for (let i = 0; i < 2; i++)
    replicas.push(
      await h.startOms({
        venueAccounts: [binanceAccount()],
        reconcile: { graceMs: 30_000, intervalMs: 60_000 },
      }),
    );
  await h.fundAccounts('100000', 'sara');
}, 60_000);
afterAll(async () => {
  await h?.dispose();
  await standIn?.close();
});

async function fillAtVenue(price: string) {
  const eth = placeCommand('sara', { symbol: ETH, side: 'buy', price, quantity: '0.1' });
  await h.sendForReports('sara', eth);
  const atBinance = defined(
    standIn.orders.find((o) => o.clientOrderId === orderIdOf(eth)),
    'the order at Binance',
  );
  const before = (await h.reports('sara')).length;
  standIn.fill(atBinance.orderId, '0.1');
  const [trade] = (await h.waitForReports('sara', before + 1, 10_000)).slice(before);
  return { trade, orderId: orderIdOf(eth) };
}

describe('venue feeds', () => {
  it('one replica forwards the account’s feed; a fill at the venue is booked from it', async () => {
    await h.waitFor('a feed active', async () =>
      replicas.some((oms) => oms.feeds[0]?.active) ? true : undefined,
    );
    expect(replicas.filter((oms) => oms.feeds[0]?.active)).toHaveLength(1);
    const { trade, orderId } = await fillAtVenue('2980');
    expect(trade).toMatchObject({
      execType: 'trade',
      status: 'filled',
      orderId,
      lastFillPrice: '2980',
    });
    const forwarded = replicas.map((oms) => oms.feeds[0]?.forwarded ?? 0);
    expect(forwarded.filter((count) => count > 0)).toHaveLength(1);
    const position = await h.store.getPosition(sara, ETH);
    expect(position?.value.quantity.toString()).toBe('0.1');
  }, 30_000);

  it('when the holder stops, the other replica takes the feed over', async () => {
    const holder = defined(
      replicas.find((oms) => oms.feeds[0]?.active),
      'the replica holding the feed',
    );
    const standby = defined(
      replicas.find((oms) => oms !== holder),
      'the standby replica',
    );
    await holder.stop();
    await h.waitFor(
      'the standby forwarding',
      async () => (standby.feeds[0]?.active ? true : undefined),
      10_000,
    );
    // fauxqs still hands a message to a long poll the stopped consumer aborted: let those run
    // out; by then the new holder's stream has its listen key too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { trade, orderId } = await fillAtVenue('2970');
    expect(trade).toMatchObject({ execType: 'trade', status: 'filled', orderId });
    expect(standby.feeds[0]?.forwarded).toBeGreaterThan(0);
  }, 30_000);
});
