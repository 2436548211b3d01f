import {
  CancelReasons,
  CancelRejectReasons,
  ExpireReasons,
  OrderReasons,
  RequestedCancelReasons,
  RiskRejectReasons,
  VenueRejectReasons,
} from '@perp/trading-domain';
import { z } from 'zod';

// The reason vocabulary is the domain's (libs/domain/trading/src/order-reason.ts), split by who
// decides so producers are typed narrowly.

/** Our own pre-trade risk checks (execType `denied`). */
export const RiskRejectReason = z.enum(RiskRejectReasons);
export type RiskRejectReason = z.infer<typeof RiskRejectReason>;

/** The venue refused the order (execType `rejected`). */
export const VenueRejectReason = z.enum(VenueRejectReasons);
export type VenueRejectReason = z.infer<typeof VenueRejectReason>;

/** Who or what canceled a live order (execType `canceled`). */
export const CancelReason = z.enum(CancelReasons);
export type CancelReason = z.infer<typeof CancelReason>;

/** Why a cancel was asked for; the venue-side reasons are never requested. */
export const RequestedCancelReason = z.enum(RequestedCancelReasons);
export type RequestedCancelReason = z.infer<typeof RequestedCancelReason>;

/** Why an order ended without being fully filled or canceled (execType `expired`). */
export const ExpireReason = z.enum(ExpireReasons);
export type ExpireReason = z.infer<typeof ExpireReason>;

/** Why a cancel request failed (execType `cancel_rejected`); the order itself is unchanged. */
export const CancelRejectReason = z.enum(CancelRejectReasons);
export type CancelRejectReason = z.infer<typeof CancelRejectReason>;

/** Every reason an execution report or order may carry. */
export const OrderReason = z.enum(OrderReasons);
export type OrderReason = z.infer<typeof OrderReason>;
