// LN Markets v3 (cross-margin futures on the inverse BTC/USD perpetual) as data. Its errors are
// HTTP statuses with a JSON `{ message, code?, details? }` (the Python SDK's APIError); the
// messages below are the ones the SDKs and issues show, the codes are unpublished. Cross orders
// carry our order id as `clientId`, but nothing looks an order up by it: an unknown outcome is
// resolved by listing the account's open and filled orders (see lnmarkets-client.ts). Sources
// for every line: /tmp/lnm-v3.md (kept in the adapter's README section).

import type { VenueDescription } from '../description/venue-description.ts';

export type LnMarketsOperation =
  | 'time'
  | 'ticker'
  | 'newOrder'
  | 'cancelOrder'
  | 'cancelAll'
  | 'openOrders'
  | 'filledOrders'
  | 'position'
  | 'setLeverage'
  | 'account';

const signed = (method: 'GET' | 'POST' | 'PUT', path: string) =>
  ({ method, path: `/v3/${path}`, weight: 1, signed: true }) as const;

/** The one pair v3 trades (the stream's topics name it `futures/inverse/btc_usd/...`). */
export const LN_MARKETS_PAIR = 'btc_usd';

export const LN_MARKETS = {
  venue: 'lnmarkets',
  urls: {
    mainnet: { rest: 'https://api.lnmarkets.com', ws: 'wss://stream.lnmarkets.com/v1' },
    // The REST SDK's test network is testnet4, the stream SDK's is signet (unconfirmed that the
    // two are one environment).
    testnet: {
      rest: 'https://api.testnet4.lnmarkets.com',
      ws: 'wss://stream.signet.lnmarkets.com/v1',
    },
  },
  endpoints: {
    time: { method: 'GET', path: '/v3/time', weight: 1, signed: false },
    ticker: { method: 'GET', path: '/v3/futures/ticker', weight: 1, signed: false },
    newOrder: signed('POST', 'futures/cross/order'),
    cancelOrder: signed('POST', 'futures/cross/order/cancel'),
    cancelAll: signed('POST', 'futures/cross/orders/cancel-all'),
    openOrders: signed('GET', 'futures/cross/orders/open'),
    filledOrders: signed('GET', 'futures/cross/orders/filled'),
    position: signed('GET', 'futures/cross/position'),
    // Cross leverage is the position's, not an order's.
    setLeverage: signed('PUT', 'futures/cross/leverage'),
    account: signed('GET', 'account'),
  },
  // The v3 reference's rate-limit section as the Rust SDK follows it (5/s authenticated, 1/s
  // public); the scope (key or IP) is not published.
  rateLimits: [
    { name: 'authenticated', scope: 'account', limit: 5, intervalMs: 1_000 },
    { name: 'public', scope: 'ip', limit: 1, intervalMs: 1_000 },
  ],
  errors: [
    { name: 'lnmarkets.429', httpStatus: 429, class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    // The timestamp is more than 30 s away from the venue's clock: sign again.
    { name: 'lnmarkets.timestamp', httpStatus: 401, message: /timestamp/i, class: 'retryable' },
    { name: 'lnmarkets.401', httpStatus: 401, class: 'rejected', credentials: true },
    // The key lacks the permission (scope) for this route: an operator's fix, like a revoked key.
    { name: 'lnmarkets.403', httpStatus: 403, class: 'rejected', credentials: true },
    {
      name: 'lnmarkets.insufficient',
      message: /insufficient|not enough/i,
      class: 'rejected',
      reason: 'VENUE_INSUFFICIENT_BALANCE',
    },
    { name: 'lnmarkets.404', httpStatus: 404, class: 'rejected' },
    // Maintenance (the v1 docs' meaning of 503): nothing was done.
    { name: 'lnmarkets.503', httpStatus: 503, class: 'retryable' },
    { name: 'lnmarkets.5xx', httpStatus: [500, 502, 504], class: 'unknown_outcome' },
  ],
} as const satisfies VenueDescription<LnMarketsOperation>;
