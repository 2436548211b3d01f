// What the OMS needs of a trading venue. Implementations: the simulated exchange (sim-venue) and,
// later, real exchanges. Orders are identified at the venue by OUR order id (the venue's client
// order id), which makes placing idempotent: placing the same order id again never creates a
// second order, so a timed-out request can simply be repeated.

import type { VenueRejectReason } from '@perp/contracts';

export interface VenueOrderRequest {
  /** Our account; venues with one account per trader (sim-venue) use it for self-trade prevention. */
  readonly accountId: string;
  /** Our order id, sent as the venue's client order id. */
  readonly orderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'limit' | 'market';
  readonly timeInForce: 'gtc' | 'ioc' | 'fok';
  /** Decimal string; null for market orders. */
  readonly price: string | null;
  readonly quantity: string;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
}

export interface VenueOrderRef {
  readonly accountId: string;
  readonly orderId: string;
  readonly symbol: string;
}

/** The venue's view of one order, for reconciliation after a timeout. */
export interface VenueOrderState {
  readonly orderId: string;
  /** Null when the venue rejected the order: it never rested there. */
  readonly venueOrderId: string | null;
  readonly status: 'open' | 'filled' | 'canceled' | 'expired' | 'rejected';
  readonly filledQuantity: string;
}

export interface VenueMarket {
  readonly symbol: string;
  readonly markPrice: string;
  readonly indexPrice: string;
  readonly bestBid: string | null;
  readonly bestAsk: string | null;
  readonly ts: number;
}

/**
 * The venue's immediate answer to a new order, where it gives one (as exchanges' REST order entry
 * does): the order was accepted (it may fill or expire next) or rejected. `pending` when the
 * outcome is not known yet (an asynchronous venue, or a repeat of an order it already has): it
 * arrives as an event. Either way the venue also streams the event; the OMS meets it again there.
 */
export type VenuePlaceAnswer =
  | { readonly outcome: 'accepted'; readonly venueOrderId: string; readonly ts: number }
  | {
      readonly outcome: 'rejected';
      readonly reason: VenueRejectReason;
      /** The venue's own reason, verbatim. */
      readonly venueMessage: string;
      readonly ts: number;
    }
  | { readonly outcome: 'pending' };

/** The venue's immediate answer to a cancel: `canceled` by this request, else `pending` (an event). */
export type VenueCancelAnswer =
  | { readonly outcome: 'canceled'; readonly venueOrderId: string; readonly ts: number }
  | { readonly outcome: 'pending' };

/**
 * Requests to a venue. Place and cancel resolve with the venue's immediate answer; what becomes of
 * the order afterwards (fills, expiry, …) arrives as venue events through the connector and the
 * queue.
 * Throws `VenueUnavailableError` (retryable: timeout, connection, 5xx) or `VenueRequestError`
 * (terminal: the venue refused the request as malformed).
 */
export interface VenueClient {
  readonly venue: string;
  placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer>;
  cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer>;
  getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined>;
  market(symbol: string): Promise<VenueMarket>;
}
