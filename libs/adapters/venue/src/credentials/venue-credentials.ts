import { z } from 'zod';

// What each venue's API needs to trade for one venue account. Parsing never echoes a value:
// every message names the field and what it should be.

const HEX_KEY = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const token = (what: string) =>
  z.string(`${what} must be text`).min(1, `${what} is empty`).max(512);

/** An API (agent) wallet that signs for the master account (or vault) it trades. */
export const HyperliquidCredentials = z.strictObject({
  agentPrivateKey: z
    .string('agentPrivateKey must be text')
    .regex(HEX_KEY, 'agentPrivateKey must be 0x and 64 hex digits'),
  masterAddress: z
    .string('masterAddress must be text')
    .regex(ADDRESS, 'masterAddress must be 0x and 40 hex digits'),
  vaultAddress: z.string().regex(ADDRESS, 'vaultAddress must be 0x and 40 hex digits').optional(),
});
export type HyperliquidCredentials = z.infer<typeof HyperliquidCredentials>;

/** An API key with its HMAC secret (USDⓈ-M futures permission, IP-restricted to our NAT IPs). */
export const BinanceCredentials = z.strictObject({
  apiKey: token('apiKey'),
  apiSecret: token('apiSecret'),
});
export type BinanceCredentials = z.infer<typeof BinanceCredentials>;

/** A v3 API key: key, HMAC secret and the passphrase chosen when it was created. */
export const LnMarketsCredentials = z.strictObject({
  key: token('key'),
  secret: token('secret'),
  passphrase: token('passphrase'),
});
export type LnMarketsCredentials = z.infer<typeof LnMarketsCredentials>;

/** Each venue's credentials schema, by the venue's name in routing. */
export const VENUE_CREDENTIALS = {
  hyperliquid: HyperliquidCredentials,
  'binance-usdm': BinanceCredentials,
  lnmarkets: LnMarketsCredentials,
} as const;

export type CredentialedVenue = keyof typeof VENUE_CREDENTIALS;
export type VenueCredentials<V extends CredentialedVenue> = z.infer<(typeof VENUE_CREDENTIALS)[V]>;

export const CREDENTIALED_VENUES = Object.keys(VENUE_CREDENTIALS) as readonly CredentialedVenue[];

export function isCredentialedVenue(venue: string): venue is CredentialedVenue {
  return Object.hasOwn(VENUE_CREDENTIALS, venue);
}

/** One venue account: its venue and the operator's name for it (`main`, `mm`, `bot-alice`). */
export interface VenueAccountRef<V extends CredentialedVenue = CredentialedVenue> {
  readonly venue: V;
  readonly account: string;
}
