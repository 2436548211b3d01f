// The venue accounts a process trades, as configuration: which venue, the operator's name for
// the account (its keys' name), the network, and how the platform's symbols read there. Keys are
// never here: they come from the credential store by venue and account.

import { AccountId, identifier, InstrumentSymbol } from '@perp/contracts';
import { z } from 'zod';
import { CREDENTIALED_VENUES } from '../credentials/venue-credentials.ts';

export const VenueAccountSettings = z.strictObject({
  venue: z
    .enum(CREDENTIALED_VENUES as [string, ...string[]])
    .transform((venue) => venue as (typeof CREDENTIALED_VENUES)[number]),
  account: identifier('VenueAccountName'),
  network: z.enum(['mainnet', 'testnet']).default('mainnet'),
  /** The venue's REST root, for a stand-in or a proxy; default the network's. */
  url: z.url().optional(),
  /** The venue's private feed (WebSocket), for a stand-in or a proxy; default the network's. */
  streamUrl: z.url({ protocol: /^wss?$/ }).optional(),
  /** Our symbol -> the venue's (`BTC-PERP` -> Hyperliquid `BTC`, Binance `BTCUSDT`). */
  symbols: z
    .record(InstrumentSymbol, z.string().min(1).max(32))
    .refine((symbols) => Object.keys(symbols).length > 0, 'must map at least one symbol'),
  /**
   * The platform account the venue account trades for, when it is one account's (a bot's, a
   * desk's): the venue's events are that account's, so its feed can be forwarded.
   */
  accountId: AccountId.optional(),
  /** LN Markets: the cross position's leverage. */
  leverage: z.number().int().min(1).max(100).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
});
export type VenueAccountSettings = z.infer<typeof VenueAccountSettings>;

/** A list of venue accounts, each `venue/account` once. */
export const VenueAccountsSettings = z
  .array(VenueAccountSettings)
  .superRefine((accounts, context) => {
    const seen = new Set<string>();
    for (const [index, { venue, account }] of accounts.entries()) {
      const key = `${venue}/${account}`;
      if (seen.has(key))
        context.addIssue({ code: 'custom', path: [index], message: `${key} is listed twice` });
      seen.add(key);
    }
  });
