// LN Markets v3 (cross-margin futures) as data. Its errors are HTTP statuses with a JSON message;
// the table holds what its documentation and SDKs show. Cross orders carry no client order id,
// so an unknown outcome is resolved by listing the account's orders, not by asking for ours.

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
  | 'account';

const signed = (method: 'GET' | 'POST', path: string) =>
  ({ method, path: `/v3/${path}`, weight: 1, signed: true }) as const;

export const LN_MARKETS = {
  venue: 'lnmarkets',
  urls: {
    mainnet: { rest: 'https://api.lnmarkets.com', ws: 'wss://api.lnmarkets.com' },
    testnet: { rest: 'https://api.testnet4.lnmarkets.com', ws: 'wss://api.testnet4.lnmarkets.com' },
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
    account: signed('GET', 'account'),
  },
  rateLimits: [{ name: 'requests', scope: 'account', limit: 60, intervalMs: 60_000 }],
  errors: [
    { name: 'lnmarkets.429', httpStatus: 429, class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    // The timestamp is more than 30 s away from the venue's clock: sign again.
    { name: 'lnmarkets.timestamp', httpStatus: 401, message: /timestamp/i, class: 'retryable' },
    { name: 'lnmarkets.401', httpStatus: 401, class: 'rejected', credentials: true },
    {
      name: 'lnmarkets.insufficient',
      message: /insufficient|not enough/i,
      class: 'rejected',
      reason: 'VENUE_INSUFFICIENT_BALANCE',
    },
    { name: 'lnmarkets.503', httpStatus: 503, class: 'retryable' },
    { name: 'lnmarkets.5xx', httpStatus: [500, 502, 504], class: 'unknown_outcome' },
  ],
} as const satisfies VenueDescription<LnMarketsOperation>;
