import type { Decimal } from '@perp/decimal';
import type { TradeId, VenueOrderId } from './identifiers.ts';
import type { Liquidity } from './order-vocabulary.ts';
import type {
  CancelReason,
  CancelRejectReason,
  ExpireReason,
  RiskRejectReason,
  VenueRejectReason,
} from './order-reason.ts';

// What can happen to an order. `ts` is when it happened (ms since the epoch), as reported.

/** The venue acknowledged the order. */
export interface AcceptEvent {
  readonly type: 'accept';
  readonly venueOrderId: VenueOrderId | null;
  readonly ts: number;
}

/** Our own pre-trade risk check refused the order; it never reached a venue. */
export interface DenyEvent {
  readonly type: 'deny';
  readonly reason: RiskRejectReason;
  readonly ts: number;
}

/** The venue refused the order. */
export interface RejectEvent {
  readonly type: 'reject';
  readonly reason: VenueRejectReason;
  readonly ts: number;
}

/** A trade: partial or full is derived from the quantities, not stated. */
export interface FillEvent {
  readonly type: 'fill';
  readonly tradeId: TradeId;
  readonly quantity: Decimal;
  readonly price: Decimal;
  /** Fee charged for this fill in the quote asset; negative for a rebate. */
  readonly fee: Decimal;
  readonly liquidity: Liquidity;
  readonly ts: number;
}

/** A cancel was requested (trader, operator, margin call) and is on its way to the venue. */
export interface RequestCancelEvent {
  readonly type: 'request_cancel';
  readonly ts: number;
}

/** The order was canceled (requested, or unsolicited by the venue). */
export interface CancelEvent {
  readonly type: 'cancel';
  readonly reason: CancelReason;
  readonly ts: number;
}

/** A requested cancel failed; the order goes back to working. */
export interface CancelRejectEvent {
  readonly type: 'cancel_reject';
  readonly reason: CancelRejectReason;
  readonly ts: number;
}

/** The order ended without trading its remainder (IOC/FOK remainder, no liquidity). */
export interface ExpireEvent {
  readonly type: 'expire';
  readonly reason: ExpireReason;
  readonly ts: number;
}

export type OrderEvent =
  | AcceptEvent
  | DenyEvent
  | RejectEvent
  | FillEvent
  | RequestCancelEvent
  | CancelEvent
  | CancelRejectEvent
  | ExpireEvent;

export type OrderEventType = OrderEvent['type'];

export const OrderEventTypes = [
  'accept',
  'deny',
  'reject',
  'fill',
  'request_cancel',
  'cancel',
  'cancel_reject',
  'expire',
] as const satisfies readonly OrderEventType[];
