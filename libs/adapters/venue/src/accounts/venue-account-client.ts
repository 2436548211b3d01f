import { identifierOf, type VenueAccountName, type VenueName } from '@perp/trading-domain';
import { BinanceClient } from '../binance/binance-client.ts';
import type { VenueCredentialStore } from '../credentials/credential-store.ts';
import { CredentialedVenueClient } from '../credentials/credentialed-venue-client.ts';
import { HyperliquidClient } from '../hyperliquid/hyperliquid-client.ts';
import { LnMarketsClient } from '../lnmarkets/lnmarkets-client.ts';
import type { VenueClient } from '../venue-client.ts';
import type { VenueAccountSettings } from './venue-account-settings.ts';

/** One configured venue account: its route's names and a client that follows key rotation. */
export interface OpenedVenueAccount {
  readonly venue: VenueName;
  readonly venueAccount: VenueAccountName;
  readonly client: VenueClient;
}

/**
 * The client of a configured venue account. Its keys are read from the store when first
 * needed (a missing or malformed secret fails that request, not the process) and again after
 * a rotation.
 */
export function openVenueAccount(
  settings: VenueAccountSettings,
  store: VenueCredentialStore,
): OpenedVenueAccount {
  const common = {
    ...(settings.url === undefined ? {} : { url: settings.url }),
    network: settings.network,
    timeoutMs: settings.timeoutMs,
    ...(settings.accountId === undefined ? {} : { accountId: settings.accountId }),
  };
  const venue = identifierOf('VenueName', settings.venue);
  const ref = { account: settings.account };
  const client = ((): VenueClient => {
    switch (settings.venue) {
      case 'hyperliquid':
        return new CredentialedVenueClient({
          venue,
          contractType: 'linear',
          account: { ...ref, venue: 'hyperliquid' },
          store,
          build: (credentials) =>
            new HyperliquidClient({ ...common, ...credentials, coins: settings.symbols }),
        });
      case 'binance-usdm':
        return new CredentialedVenueClient({
          venue,
          contractType: 'linear',
          account: { ...ref, venue: 'binance-usdm' },
          store,
          build: (credentials) =>
            new BinanceClient({ ...common, ...credentials, symbols: settings.symbols }),
        });
      case 'lnmarkets':
        return new CredentialedVenueClient({
          venue,
          contractType: 'inverse',
          account: { ...ref, venue: 'lnmarkets' },
          store,
          build: (credentials) =>
            new LnMarketsClient({
              ...common,
              credentials,
              symbols: settings.symbols,
              ...(settings.leverage === undefined ? {} : { leverage: settings.leverage }),
            }),
        });
    }
  })();
  return { venue, venueAccount: settings.account, client };
}
