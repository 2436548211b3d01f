import { z } from 'zod';

// One reason vocabulary for denied, rejected, canceled, expired and cancel_rejected reports, split
// by who decides so producers can be typed narrowly (the venue connector cannot emit a risk reason).

/** Our own pre-trade risk checks (execType `denied`). The first twelve are ws-api.md's list. */
export const RiskRejectReasons = [
  'INSUFFICIENT_MARGIN',
  'PRICE_OUT_OF_BAND',
  'TICK_SIZE',
  'LOT_SIZE',
  'MIN_QUANTITY',
  'MAX_QUANTITY',
  'MAX_NOTIONAL',
  'POST_ONLY_WOULD_CROSS',
  'REDUCE_ONLY_WOULD_INCREASE',
  'TRADING_HALTED',
  'INSTRUMENT_NOT_TRADING',
  'OPEN_ORDER_LIMIT',
  // Trading state `reducing` (account, symbol or global) and the order would not reduce.
  'TRADING_REDUCING',
  'ORDER_RATE_LIMIT',
  // The OMS's idempotency record holds this clientOrderId with other parameters.
  'DUPLICATE_CLIENT_ORDER_ID',
  'UNKNOWN_ACCOUNT',
  'UNKNOWN_SYMBOL',
] as const;
export const RiskRejectReason = z.enum(RiskRejectReasons);
export type RiskRejectReason = z.infer<typeof RiskRejectReason>;

/** The venue refused the order (execType `rejected`). */
export const VenueRejectReasons = [
  'VENUE_REJECTED',
  'VENUE_INSUFFICIENT_BALANCE',
  'VENUE_POST_ONLY_WOULD_CROSS',
  'VENUE_RATE_LIMITED',
  'VENUE_UNAVAILABLE',
] as const;
export const VenueRejectReason = z.enum(VenueRejectReasons);
export type VenueRejectReason = z.infer<typeof VenueRejectReason>;

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
export const CancelReason = z.enum(CancelReasons);
export type CancelReason = z.infer<typeof CancelReason>;

/** Why an order ended without being fully filled or canceled (execType `expired`). */
export const ExpireReasons = [
  'IOC_REMAINDER',
  'FOK_NOT_FILLABLE',
  'MARKET_NO_LIQUIDITY',
  'VENUE_EXPIRED',
] as const;
export const ExpireReason = z.enum(ExpireReasons);
export type ExpireReason = z.infer<typeof ExpireReason>;

/** Why a cancel request failed (execType `cancel_rejected`); the order itself is unchanged. */
export const CancelRejectReasons = [
  'UNKNOWN_ORDER',
  'ORDER_NOT_OPEN',
  'VENUE_CANCEL_REJECTED',
] as const;
export const CancelRejectReason = z.enum(CancelRejectReasons);
export type CancelRejectReason = z.infer<typeof CancelRejectReason>;

/** Every reason an execution report or order may carry. */
export const OrderReason = z.enum([
  ...RiskRejectReasons,
  ...VenueRejectReasons,
  ...CancelReasons,
  ...ExpireReasons,
  ...CancelRejectReasons,
]);
export type OrderReason = z.infer<typeof OrderReason>;
