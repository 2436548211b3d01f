import type {
  SessionCancelOnDisconnectResult,
  SubscribeParams,
  SubscribeResult,
  UnsubscribeParams,
  UnsubscribeResult,
} from '@perp/contracts';
import type { GatewayConnection } from '../rpc/gateway-connection.ts';

/**
 * What a service answers to a request, and optionally what it does once that answer is on the
 * wire: a subscription's snapshot must follow the `subscribe` result, never precede it.
 */
export interface ServiceReply<R> {
  readonly result: R;
  readonly afterReply?: () => void | Promise<void>;
}

/**
 * Channel subscriptions and their fan-out (ws-api.md "Subscriptions"). The gateway has already
 * checked, before calling: the socket is authenticated with a live token and a role that may
 * read, and the params are valid per the contract (channel names, at most 50 per request,
 * `since.orders` only with `orders`). The service owns everything else: which channels the
 * caller may have (private ones are `connection.principal.accountId`'s), the per-connection
 * limit, snapshots, replay from `since`, and delivery through `connection.notify`.
 */
export interface SubscriptionService {
  subscribe(
    connection: GatewayConnection,
    channels: SubscribeParams['channels'],
    since: SubscribeParams['since'],
  ): Promise<ServiceReply<SubscribeResult>>;
  unsubscribe(
    connection: GatewayConnection,
    channels: UnsubscribeParams['channels'],
  ): Promise<ServiceReply<UnsubscribeResult>>;
  /** The socket closed (for any reason, shutdown included): drop whatever it held. Never throws. */
  onClose(connection: GatewayConnection): void | Promise<void>;
}

/** Until the subscription service lands: accepts the request and subscribes to nothing. */
export const noSubscriptions: SubscriptionService = {
  subscribe: async () => ({ result: { subscribed: [] } }),
  unsubscribe: async () => ({ result: { unsubscribed: [] } }),
  onClose: () => undefined,
};

/**
 * `session.cancelOnDisconnect`: when enabled, closing the socket cancels the account's open
 * orders (an `order.cancelAll` with reason CANCEL_ON_DISCONNECT). Called with an authenticated
 * trader's connection only.
 */
export interface CancelOnDisconnectService {
  set(
    connection: GatewayConnection,
    enabled: boolean,
  ): Promise<ServiceReply<SessionCancelOnDisconnectResult>>;
  onClose(connection: GatewayConnection): void | Promise<void>;
}

/** Until cancel-on-disconnect lands: it answers truthfully that it is not enabled. */
export const noCancelOnDisconnect: CancelOnDisconnectService = {
  set: async () => ({ result: { enabled: false } }),
  onClose: () => undefined,
};
