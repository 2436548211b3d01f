// Binance USDⓈ-M futures as data: endpoints with their published weights, the budgets, and the
// error table by Binance's codes (errors.md of the futures docs). The one trap is the 503 whose
// message says "Unknown error": the order may well have been placed, so it is an unknown outcome.

import type { VenueDescription } from '../description/venue-description.ts';

export type BinanceOperation =
  | 'time'
  | 'exchangeInfo'
  | 'premiumIndex'
  | 'bookTicker'
  | 'newOrder'
  | 'cancelOrder'
  | 'cancelAllOpenOrders'
  | 'queryOrder'
  | 'openOrders'
  | 'userTrades'
  | 'positionRisk'
  | 'listenKeyCreate'
  | 'listenKeyKeepAlive'
  | 'listenKeyClose';

export const BINANCE_USDM = {
  venue: 'binance-usdm',
  urls: {
    mainnet: { rest: 'https://fapi.binance.com', ws: 'wss://fstream.binance.com' },
    testnet: { rest: 'https://testnet.binancefuture.com', ws: 'wss://stream.binancefuture.com' },
  },
  endpoints: {
    time: { method: 'GET', path: '/fapi/v1/time', weight: 1, signed: false },
    exchangeInfo: { method: 'GET', path: '/fapi/v1/exchangeInfo', weight: 1, signed: false },
    premiumIndex: { method: 'GET', path: '/fapi/v1/premiumIndex', weight: 1, signed: false },
    // Orders cost nothing of the IP weight; they count against the ORDERS budgets instead.
    newOrder: { method: 'POST', path: '/fapi/v1/order', weight: 0, signed: true },
    cancelOrder: { method: 'DELETE', path: '/fapi/v1/order', weight: 1, signed: true },
    cancelAllOpenOrders: {
      method: 'DELETE',
      path: '/fapi/v1/allOpenOrders',
      weight: 1,
      signed: true,
    },
    queryOrder: { method: 'GET', path: '/fapi/v1/order', weight: 1, signed: true },
    // 1 for one symbol, 40 for all of them (how reconciliation asks).
    openOrders: { method: 'GET', path: '/fapi/v1/openOrders', weight: 40, signed: true },
    bookTicker: { method: 'GET', path: '/fapi/v1/ticker/bookTicker', weight: 2, signed: false },
    userTrades: { method: 'GET', path: '/fapi/v1/userTrades', weight: 5, signed: true },
    positionRisk: { method: 'GET', path: '/fapi/v3/positionRisk', weight: 5, signed: true },
    // The listen key calls are authenticated by the API key header alone.
    listenKeyCreate: { method: 'POST', path: '/fapi/v1/listenKey', weight: 1, signed: false },
    listenKeyKeepAlive: { method: 'PUT', path: '/fapi/v1/listenKey', weight: 1, signed: false },
    listenKeyClose: { method: 'DELETE', path: '/fapi/v1/listenKey', weight: 1, signed: false },
  },
  rateLimits: [
    { name: 'REQUEST_WEIGHT', scope: 'ip', limit: 2_400, intervalMs: 60_000 },
    { name: 'ORDERS-10s', scope: 'account', limit: 300, intervalMs: 10_000 },
    { name: 'ORDERS-1m', scope: 'account', limit: 1_200, intervalMs: 60_000 },
  ],
  errors: [
    { name: 'binance.-1007', code: '-1007', class: 'unknown_outcome' },
    { name: 'binance.-1006', code: '-1006', class: 'unknown_outcome' },
    {
      name: 'binance.503-unknown',
      message: /unknown error, please check your request/i,
      class: 'unknown_outcome',
    },
    { name: 'binance.-1000', code: '-1000', class: 'unknown_outcome' },
    { name: 'binance.-1001', code: '-1001', class: 'retryable' },
    { name: 'binance.418', httpStatus: 418, class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    { name: 'binance.429', httpStatus: 429, class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    { name: 'binance.-1003', code: '-1003', class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    { name: 'binance.-1008', code: '-1008', class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    { name: 'binance.-1015', code: '-1015', class: 'retryable', reason: 'VENUE_RATE_LIMITED' },
    // Outside recvWindow: the clock offset is measured again and the request signed anew.
    { name: 'binance.-1021', code: '-1021', class: 'retryable' },
    { name: 'binance.-1125', code: '-1125', class: 'retryable' },
    // A signature that does not verify, a key unknown, revoked or not allowed from this IP: our
    // credentials, not the order (read them again: they may have been rotated).
    { name: 'binance.-1022', code: '-1022', class: 'rejected', credentials: true },
    { name: 'binance.-2015', code: '-2015', class: 'rejected', credentials: true },
    { name: 'binance.-2014', code: '-2014', class: 'rejected', credentials: true },
    {
      name: 'binance.insufficient-margin',
      code: ['-2018', '-2019'],
      class: 'rejected',
      reason: 'VENUE_INSUFFICIENT_BALANCE',
    },
    {
      name: 'binance.-5022',
      code: '-5022',
      class: 'rejected',
      reason: 'VENUE_POST_ONLY_WOULD_CROSS',
    },
    // Our client order id is already there: the earlier request arrived. Ask, do not guess.
    { name: 'binance.-4116', code: '-4116', class: 'unknown_outcome' },
    { name: 'binance.-2010', code: '-2010', class: 'rejected' },
    { name: 'binance.-2011', code: '-2011', class: 'rejected' },
    { name: 'binance.-2013', code: '-2013', class: 'rejected' },
    { name: 'binance.-2022', code: '-2022', class: 'rejected' },
    { name: 'binance.-4164', code: '-4164', class: 'rejected' },
    {
      name: 'binance.-1102',
      code: ['-1100', '-1101', '-1102', '-1111', '-1116'],
      class: 'rejected',
    },
    { name: 'binance.503', httpStatus: 503, class: 'retryable' },
  ],
} as const satisfies VenueDescription<BinanceOperation>;
