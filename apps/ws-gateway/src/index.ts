// @perp/ws-gateway: the gateway as a library, for tests of other apps that need a real one.
export {
  DEFAULT_LIMITS,
  buildGateway,
  type Gateway,
  type GatewayDependencies,
  type GatewayLimits,
} from './app.ts';
export type { Principal, TokenVerifier } from '@perp/auth';
export { SimMarketData, type MarketData } from '@perp/account-views';
export type { GatewayConnection } from './rpc/gateway-connection.ts';
export {
  noCancelOnDisconnect,
  noSubscriptions,
  type CancelOnDisconnectService,
  type ServiceReply,
  type SubscriptionService,
} from './subscriptions/subscription-service.ts';
