import type { CommandEnvelope } from '@perp/contracts';
import type { AccountId } from '@perp/trading-domain';
import { BinanceClient } from '../binance/binance-client.ts';
import { BinanceUserDataStream } from '../binance/binance-user-data-stream.ts';
import type { VenueCredentialStore } from '../credentials/credential-store.ts';
import { HyperliquidClient } from '../hyperliquid/hyperliquid-client.ts';
import { HyperliquidEventStream } from '../hyperliquid/hyperliquid-event-stream.ts';
import { LnMarketsEventStream } from '../lnmarkets/lnmarkets-event-stream.ts';
import type { ReconnectingSocketLogger } from '../transport/reconnecting-socket.ts';
import type { VenueAccountSettings } from './venue-account-settings.ts';

/** A venue account's private feed, running: each order event a `venue.*` command. */
export interface VenueFeed {
  stop(): Promise<void>;
}

export type VenueFeedOpener = (
  onCommand: (command: CommandEnvelope) => Promise<void>,
) => Promise<VenueFeed>;

/**
 * The opener of a configured venue account's feed, or undefined when its events cannot be
 * attributed (no `accountId`: a venue account shared by many platform accounts). Each opening
 * reads the account's current keys, so a feed opened after a rotation signs with the new ones.
 */
export function venueAccountFeed(
  settings: VenueAccountSettings,
  store: VenueCredentialStore,
  logger?: ReconnectingSocketLogger,
): VenueFeedOpener | undefined {
  const { accountId } = settings;
  if (accountId === undefined) return undefined;
  return async (onCommand) => open(settings, accountId, store, onCommand, logger);
}

async function open(
  settings: VenueAccountSettings,
  accountId: AccountId,
  store: VenueCredentialStore,
  onCommand: (command: CommandEnvelope) => Promise<void>,
  logger: ReconnectingSocketLogger | undefined,
): Promise<VenueFeed> {
  const { account, network, symbols, timeoutMs } = settings;
  const rest = settings.url === undefined ? {} : { url: settings.url };
  const stream = settings.streamUrl === undefined ? {} : { url: settings.streamUrl };
  const common = { network, accountId, onCommand, ...(logger ? { logger } : {}) };
  switch (settings.venue) {
    case 'hyperliquid': {
      const credentials = (await store.get({ venue: 'hyperliquid', account })).credentials.reveal();
      const client = new HyperliquidClient({
        ...rest,
        ...credentials,
        network,
        coins: symbols,
        accountId,
        timeoutMs,
      });
      const feed = new HyperliquidEventStream({
        ...stream,
        ...common,
        user: credentials.vaultAddress ?? credentials.masterAddress,
        coins: symbols,
        resolveOid: (oid) => client.orderIdOfOid(oid),
      });
      feed.start();
      return feed;
    }
    case 'binance-usdm': {
      const credentials = (
        await store.get({ venue: 'binance-usdm', account })
      ).credentials.reveal();
      const client = new BinanceClient({ ...rest, ...credentials, network, symbols, timeoutMs });
      const feed = new BinanceUserDataStream({ ...stream, ...common, client, symbols });
      await feed.start();
      return feed;
    }
    case 'lnmarkets': {
      const credentials = (await store.get({ venue: 'lnmarkets', account })).credentials.reveal();
      const feed = new LnMarketsEventStream({ ...stream, ...common, credentials, symbols });
      await feed.start();
      return feed;
    }
  }
}
