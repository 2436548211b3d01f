// @perp/feeds: the gateway's fan-out. Execution reports of the accounts whose sockets a gateway
// holds (Redis pub/sub plus the per-account replay streams), and the venue's public market data
// over one upstream WebSocket per process.

export type { FeedLogger } from './feed-logger.ts';
export {
  AccountFeed,
  type AccountDropReason,
  type AccountFeedOptions,
  type AccountSubscribeOptions,
  type AccountSubscription,
  type FirstReportOptions,
  type FirstReportWait,
  type OrderMatch,
  type ReportListener,
} from './account-feed.ts';
export {
  MarketDataRelay,
  type MarketChannelName,
  type MarketDataRelayOptions,
  type MarketEndReason,
  type MarketListener,
  type MarketSubscribeOptions,
  type MarketSubscription,
} from './market-data-relay.ts';
