// @perp/feeds: the gateway's fan-out. Execution reports of the accounts whose sockets a gateway
// holds (Redis pub/sub plus the per-account replay streams), and the venue's public market data
// over one upstream WebSocket per process.

export type { FeedLogger } from './feed-logger.ts';
export {
  AccountFeed,
  type AccountFeedOptions,
  type FirstReportOptions,
  type FirstReportWait,
  type OrderMatch,
} from './account-feed.ts';
export type {
  AccountDropReason,
  AccountSubscribeOptions,
  AccountSubscription,
  ReportListener,
} from './account-subscription.ts';
export { MarketDataRelay, type MarketDataRelayOptions } from './market-data-relay.ts';
export type {
  MarketChannelName,
  MarketEndReason,
  MarketListener,
  MarketSubscribeOptions,
  MarketSubscription,
} from './market-subscription.ts';
