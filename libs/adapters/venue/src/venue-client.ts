// What the OMS needs of a trading venue, in the domain's terms. Implementations: the simulated
// exchange (sim-venue) and, later, real exchanges; each maps these to its own protocol (its one
// crossing). Orders are identified at the venue by OUR order id (the venue's client order id),
// which makes placing idempotent: placing the same order id again never creates a second order,
// so a timed-out request can simply be repeated.

import type { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ContractType,
  InstrumentSymbol,
  Liquidity,
  TradeId,
  Order,
  OrderId,
  VenueName,
  VenueOrderId,
  VenueRejectReason,
} from '@perp/trading-domain';

/** The order as a venue needs it; the account lets venues with one account per trader prevent self-trades. */
export type VenueOrderRequest = Pick<
  Order,
  | 'accountId'
  | 'orderId'
  | 'symbol'
  | 'side'
  | 'type'
  | 'timeInForce'
  | 'price'
  | 'quantity'
  | 'postOnly'
  | 'reduceOnly'
>;

export type VenueOrderRef = Pick<Order, 'accountId' | 'orderId' | 'symbol'>;

/** The venue's view of one order, for reconciliation after a timeout. */
export interface VenueOrderState {
  readonly orderId: OrderId;
  /** Null when the venue rejected the order: it never rested there. */
  readonly venueOrderId: VenueOrderId | null;
  readonly status: 'open' | 'filled' | 'canceled' | 'expired' | 'rejected';
  readonly filledQuantity: Decimal;
  /** The venue's own word for why it ended (rejected, canceled, expired), verbatim; else null. */
  readonly reason: string | null;
}

/**
 * An order the venue works for the venue account, as its open-orders listing shows it. The venue
 * may hold orders that are not ours (placed by another client of the account): their `orderId`
 * is null. `accountId` is null where the venue account's orders are not all one platform
 * account's and the venue does not carry it.
 */
export interface VenueOpenOrder {
  readonly accountId: AccountId | null;
  readonly orderId: OrderId | null;
  readonly venueOrderId: VenueOrderId;
  readonly symbol: InstrumentSymbol;
  /** When the venue took it (ms). */
  readonly createdAt: number;
}

/** One fill of one of our orders, as the venue's fill history shows it. */
export interface VenueFill {
  readonly tradeId: TradeId;
  readonly venueOrderId: VenueOrderId;
  readonly price: Decimal;
  readonly quantity: Decimal;
  /** In the quote asset (USD), as the platform books it (LN Markets' sats converted); negative for a rebate. */
  readonly fee: Decimal;
  readonly liquidity: Liquidity;
  readonly ts: number;
}

/**
 * A fill of the venue account, as its venue-wide fill history shows it (for the reconciler's
 * poll: a fill the feed missed on an order no sweep looks at). `orderId` is null for a fill of
 * an order that is not ours; `accountId` is null where the venue does not carry it.
 */
export interface VenueAccountFill extends VenueFill {
  readonly accountId: AccountId | null;
  readonly orderId: OrderId | null;
  readonly symbol: InstrumentSymbol;
}

/** A position the venue account holds, as the venue reports it: + long, - short. */
export interface VenuePosition {
  readonly symbol: InstrumentSymbol;
  readonly quantity: Decimal;
  /** Null where the venue reports none (a flat position). */
  readonly entryPrice: Decimal | null;
}

export interface VenueMarket {
  readonly symbol: InstrumentSymbol;
  readonly markPrice: Decimal;
  readonly indexPrice: Decimal;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
  readonly ts: number;
}

/**
 * The venue's immediate answer to a new order, where it gives one (as exchanges' REST order entry
 * does): the order was accepted (it may fill or expire next) or rejected. `pending` when the
 * outcome is not known yet (an asynchronous venue, or a repeat of an order it already has): it
 * arrives as an event. Either way the venue also streams the event; the OMS meets it again there.
 */
export type VenuePlaceAnswer =
  | { readonly outcome: 'accepted'; readonly venueOrderId: VenueOrderId; readonly ts: number }
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
  | { readonly outcome: 'canceled'; readonly venueOrderId: VenueOrderId; readonly ts: number }
  | { readonly outcome: 'pending' };

/**
 * Requests to a venue. Place and cancel resolve with the venue's immediate answer; what becomes of
 * the order afterwards (fills, expiry, …) arrives as venue events through the connector and the
 * queue.
 * Throws `VenueUnavailableError` (retryable: timeout, connection, 5xx) or `VenueRequestError`
 * (terminal: the venue refused the request as malformed).
 */
export interface VenueClient {
  readonly venue: VenueName;
  /**
   * How the venue's contracts read: `linear` (quantity in the base asset) or `inverse` (USD
   * contracts, LN Markets). The OMS sends an instrument only to a venue of its contract type.
   */
  readonly contractType: ContractType;
  placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer>;
  cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer>;
  getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined>;
  /** Every order the venue works for this venue account, ours or not. */
  openOrders(): Promise<VenueOpenOrder[]>;
  /** The fills of one of our orders, oldest first (for reconciliation: the feed may miss some). */
  orderFills(ref: VenueOrderRef): Promise<VenueFill[]>;
  /**
   * The venue account's fills at or after `since` (ms), oldest first, at most `limit` (up to
   * 1000 are answered in full when the venue has them, paging if its own page is smaller; ask
   * again from the last one's `ts` for more: the caller drops repeats by trade id).
   */
  fillsSince(since: number, limit: number): Promise<VenueAccountFill[]>;
  /**
   * Cancels every order the venue account works (of one symbol if given), ours or not: the
   * operator's kill switch. Resolves with how many orders the venue was asked to cancel, where
   * it says; the cancels arrive as events.
   */
  cancelAllOrders(symbol?: InstrumentSymbol): Promise<number>;
  /** The venue account's non-flat positions, in the symbols the client maps. */
  positions(): Promise<VenuePosition[]>;
  market(symbol: InstrumentSymbol): Promise<VenueMarket>;
}
