import { Decimal } from '@perp/decimal';
import { defined } from '@perp/test-services';
import type { InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VenueCredentialStore } from '../credentials/credential-store.ts';
import { envSource } from '../credentials/credential-sources.ts';
import { startBinanceStandIn, type BinanceStandIn } from '../stand-ins.ts';
import { orderRequest } from '../test-support/order-request.ts';
import { VenueCredentialsError } from '../venue-errors.ts';
import { openVenueAccount } from './venue-account-client.ts';
import { VenueAccountsSettings } from './venue-account-settings.ts';

const KEY = 'acct-key';
const SECRET = 'acct-secret';

let standIn: BinanceStandIn;
beforeAll(async () => {
  standIn = await startBinanceStandIn({ keys: { [KEY]: SECRET } });
});
afterAll(() => standIn.close());

describe('venue account settings', () => {
  it('reads a list of venue accounts with their defaults', () => {
    const [binance, hyperliquid] = VenueAccountsSettings.parse([
      { venue: 'binance-usdm', account: 'main', symbols: { 'BTC-PERP': 'BTCUSDT' } },
      {
        venue: 'hyperliquid',
        account: 'mm',
        network: 'testnet',
        symbols: { 'BTC-PERP': 'BTC' },
        accountId: 'mm',
      },
    ]);
    expect(binance).toEqual({
      venue: 'binance-usdm',
      account: 'main',
      network: 'mainnet',
      symbols: { 'BTC-PERP': 'BTCUSDT' },
      timeoutMs: 5_000,
    });
    expect(hyperliquid).toMatchObject({ network: 'testnet', accountId: 'mm' });
  });

  it('refuses what it cannot trade with, naming where', () => {
    const problems = (input: unknown) => {
      const parsed = VenueAccountsSettings.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    };
    const ok = { venue: 'binance-usdm', account: 'main', symbols: { 'BTC-PERP': 'BTCUSDT' } };
    expect(problems([{ ...ok, venue: 'kraken' }])).toEqual(['0.venue']);
    expect(problems([{ ...ok, account: 'Main Desk' }])).toEqual(['0.account']);
    expect(problems([{ ...ok, symbols: {} }])).toEqual(['0.symbols']);
    expect(problems([{ ...ok, symbols: { 'btc-perp': 'BTCUSDT' } }])).toEqual([
      '0.symbols.btc-perp',
    ]);
    expect(problems([{ ...ok, apiSecret: 'x' }])).toEqual(['0']);
    expect(problems([ok, ok])).toEqual(['1']);
    // A key is never configuration: an unknown field is refused, and its value never echoed.
    const refused = VenueAccountsSettings.safeParse([{ ...ok, apiSecret: 'hunter2' }]);
    expect(JSON.stringify(refused.error?.issues)).not.toContain('hunter2');
  });
});

describe('openVenueAccount', () => {
  it('trades with the keys the store holds for the venue account, read when first needed', async () => {
    const [settings] = VenueAccountsSettings.parse([
      {
        venue: 'binance-usdm',
        account: 'main',
        url: standIn.url,
        symbols: { 'BTC-PERP': 'BTCUSDT' },
        accountId: 'alice',
      },
    ]);
    const env: Record<string, string> = {};
    const opened = openVenueAccount(
      defined(settings, 'the settings'),
      new VenueCredentialStore({ sources: [envSource(env)] }),
    );
    expect(opened).toMatchObject({ venue: 'binance-usdm', venueAccount: 'main' });
    const request = orderRequest({
      symbol: 'BTC-PERP' as InstrumentSymbol,
      price: '59000.1',
      quantity: '0.002',
    });
    // No keys yet: the request fails (terminal, naming the account), the process does not; once
    // the secret is there, the same client trades.
    await expect(opened.client.placeOrder(request)).rejects.toThrow(VenueCredentialsError);
    env['VENUE_KEYS_BINANCE_USDM_MAIN'] = JSON.stringify({ apiKey: KEY, apiSecret: SECRET });
    expect(await opened.client.placeOrder(request)).toMatchObject({ outcome: 'accepted' });
    expect((await opened.client.getOrder(request))?.filledQuantity).toEqual(Decimal.ZERO);
    expect((await opened.client.openOrders())[0]).toMatchObject({ accountId: 'alice' });
  });
});
