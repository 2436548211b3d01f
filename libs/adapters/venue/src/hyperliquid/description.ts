// Hyperliquid perps as data: endpoints (every query is a POST to /info with a `type`, so the
// operations are named here with their weights), the budgets, and the error table. Hyperliquid
// answers most failures inside an HTTP 200 (`status: "err"`, or an `error` per order status),
// with messages but no codes, so its rules match on messages.

import type { VenueDescription } from '../description/venue-description.ts';

export type HyperliquidOperation =
  | 'exchange'
  | 'meta'
  | 'allMids'
  | 'orderStatus'
  | 'openOrders'
  | 'userFills'
  | 'userFillsByTime'
  | 'clearinghouseState';

const info = (weight: number) =>
  ({ method: 'POST', path: '/info', weight, signed: false }) as const;

export const HYPERLIQUID = {
  venue: 'hyperliquid',
  urls: {
    mainnet: { rest: 'https://api.hyperliquid.xyz', ws: 'wss://api.hyperliquid.xyz/ws' },
    testnet: {
      rest: 'https://api.hyperliquid-testnet.xyz',
      ws: 'wss://api.hyperliquid-testnet.xyz/ws',
    },
  },
  endpoints: {
    // weight 1 + floor(batch length / 40)
    exchange: { method: 'POST', path: '/exchange', weight: 1, signed: true },
    meta: info(20),
    allMids: info(2),
    orderStatus: info(2),
    openOrders: info(20),
    userFills: info(20),
    userFillsByTime: info(20),
    clearinghouseState: info(2),
  },
  rateLimits: [
    { name: 'ip-weight', scope: 'ip', limit: 1_200, intervalMs: 60_000 },
    // Per address: 10 000 actions to start, then one per 1 USDC traded; once spent, one action
    // every 10 s. Not a window: the adapter tracks what is left from the venue's answers.
    { name: 'address-actions', scope: 'address', limit: 10_000, intervalMs: 0 },
  ],
  errors: [
    {
      name: 'hyperliquid.http-429',
      httpStatus: 429,
      class: 'retryable',
      reason: 'VENUE_RATE_LIMITED',
    },
    {
      name: 'hyperliquid.rate-limited',
      message: /too many (cumulative )?requests/i,
      class: 'retryable',
      reason: 'VENUE_RATE_LIMITED',
    },
    // A nonce refused is refused before anything happens: sign again with a fresh one.
    { name: 'hyperliquid.nonce', message: /nonce/i, class: 'retryable' },
    {
      name: 'hyperliquid.insufficient-margin',
      message: /insufficient (margin|spot balance)/i,
      class: 'rejected',
      reason: 'VENUE_INSUFFICIENT_BALANCE',
    },
    {
      name: 'hyperliquid.post-only-would-match',
      message: /post only order would have immediately matched/i,
      class: 'rejected',
      reason: 'VENUE_POST_ONLY_WOULD_CROSS',
    },
    {
      name: 'hyperliquid.ioc-no-match',
      message: /could not immediately match/i,
      class: 'rejected',
    },
    { name: 'hyperliquid.min-value', message: /minimum value of/i, class: 'rejected' },
    { name: 'hyperliquid.tick-size', message: /tick size|invalid price/i, class: 'rejected' },
    {
      name: 'hyperliquid.reduce-only',
      message: /reduce only order would increase/i,
      class: 'rejected',
    },
    // What a wrong signature looks like: the recovered signer is a random, unknown address.
    {
      name: 'hyperliquid.unknown-signer',
      message: /(user or api wallet .* does not exist|must deposit before performing actions)/i,
      class: 'rejected',
      credentials: true,
    },
    {
      name: 'hyperliquid.cancel-not-open',
      message: /never placed, already canceled, or filled/i,
      class: 'rejected',
    },
    // Our cloid is already there: the earlier request arrived. Ask, do not guess.
    {
      name: 'hyperliquid.duplicate-cloid',
      message: /duplicate.*cloid|cloid.*(already|duplicate)/i,
      class: 'unknown_outcome',
    },
    { name: 'hyperliquid.http-5xx', httpStatus: [500, 502, 503, 504], class: 'unknown_outcome' },
  ],
} as const satisfies VenueDescription<HyperliquidOperation>;
