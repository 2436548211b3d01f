import { RiskReasons, type RiskReason } from './risk-reason.ts';

// One reason vocabulary for denied, rejected, canceled, expired and cancel_rejected reports, split
// by who decides so producers are typed narrowly (a venue cannot emit a risk reason).

/**
 * Why the OMS denied an order (execType `denied`): every pre-trade risk reason, and the two the
 * OMS finds before risk runs.
 */
// In the wire's order (validation messages list them so): the risk reasons, with the two the OMS
// finds before risk runs placed before UNKNOWN_SYMBOL.
export const RiskRejectReasons = [
  ...RiskReasons.filter((r): r is Exclude<RiskReason, 'UNKNOWN_SYMBOL'> => r !== 'UNKNOWN_SYMBOL'),
  // The OMS's idempotency record holds this clientOrderId with other parameters.
  'DUPLICATE_CLIENT_ORDER_ID',
  'UNKNOWN_ACCOUNT',
  'UNKNOWN_SYMBOL',
] as const;
export type RiskRejectReason = (typeof RiskRejectReasons)[number];

/** The venue refused the order (execType `rejected`); its own words travel beside it. */
export const VenueRejectReasons = [
  'VENUE_REJECTED',
  'VENUE_INSUFFICIENT_BALANCE',
  'VENUE_POST_ONLY_WOULD_CROSS',
  'VENUE_RATE_LIMITED',
  'VENUE_UNAVAILABLE',
] as const;
export type VenueRejectReason = (typeof VenueRejectReasons)[number];

/** Who or what canceled a live order (execType `canceled`). */
export const CancelReasons = [
  'USER_CANCELED',
  'ADMIN_CANCELED',
  'CANCEL_ON_DISCONNECT',
  'MARGIN_CALL',
  'SELF_TRADE_PREVENTION',
  // A reduce-only order left with nothing to reduce.
  'REDUCE_ONLY_CANCELED',
  // Unsolicited cancel by the venue (maintenance, delisting).
  'VENUE_CANCELED',
] as const;
export type CancelReason = (typeof CancelReasons)[number];

/** Why a cancel was asked for; the venue-side reasons (VENUE_CANCELED, …) are never requested. */
export const RequestedCancelReasons = [
  'USER_CANCELED',
  'CANCEL_ON_DISCONNECT',
  'ADMIN_CANCELED',
  'MARGIN_CALL',
] as const satisfies readonly CancelReason[];
export type RequestedCancelReason = (typeof RequestedCancelReasons)[number];

/** Why an order ended without being fully filled or canceled (execType `expired`). */
export const ExpireReasons = [
  'IOC_REMAINDER',
  'FOK_NOT_FILLABLE',
  'MARKET_NO_LIQUIDITY',
  'VENUE_EXPIRED',
] as const;
export type ExpireReason = (typeof ExpireReasons)[number];

/** Why a cancel request failed (execType `cancel_rejected`); the order itself is unchanged. */
export const CancelRejectReasons = [
  'UNKNOWN_ORDER',
  'ORDER_NOT_OPEN',
  'VENUE_CANCEL_REJECTED',
] as const;
export type CancelRejectReason = (typeof CancelRejectReasons)[number];

/** Every reason an execution report or an order may carry. */
export const OrderReasons = [
  ...RiskRejectReasons,
  ...VenueRejectReasons,
  ...CancelReasons,
  ...ExpireReasons,
  ...CancelRejectReasons,
] as const;
export type OrderReason = (typeof OrderReasons)[number];

/** Whether an order's reason says why it would be canceled (a requested cancel's reason). */
export function isCancelReason(reason: OrderReason | null): reason is CancelReason {
  return (CancelReasons as readonly (OrderReason | null)[]).includes(reason);
}
