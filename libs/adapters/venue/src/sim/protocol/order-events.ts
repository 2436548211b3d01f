import {
  AccountId,
  Decimal,
  InstrumentSymbol,
  Liquidity,
  NonNegativeDecimal,
  OrderId,
  OrderSide,
  OrderType,
  PositiveDecimal,
  TimeInForce,
  TimestampMs,
  TradeId,
  VenueOrderId,
} from '@perp/contracts';
import { z } from 'zod';

// The sim-venue's private order events (its drop copy): every account's, numbered by a venue-wide
// `eventSeq` that starts at 1 and has no gaps. `orderId` is our order id (the venue's client order
// id); decimals are strings; `ts` is the venue's clock for the command that caused the event.

/** Why the venue refused an order: it never rested, so it has no venue order id. */
export const SimRejectReason = z.enum([
  'UNKNOWN_SYMBOL',
  'TICK_SIZE',
  'LOT_SIZE',
  'INVALID_PRICE',
  'INVALID_QUANTITY',
  /** Post-only is only allowed on a GTC limit order. */
  'INVALID_POST_ONLY',
  'POST_ONLY_WOULD_CROSS',
  /** Resting it would take a level's total beyond 2^53 lots. */
  'LEVEL_QUANTITY_OVERFLOW',
]);
export type SimRejectReason = z.infer<typeof SimRejectReason>;

/** USER_CANCELED answers our own cancel request; SELF_TRADE_PREVENTION is the venue's decision. */
export const SimCancelReason = z.enum(['USER_CANCELED', 'SELF_TRADE_PREVENTION']);
export type SimCancelReason = z.infer<typeof SimCancelReason>;

export const SimExpireReason = z.enum(['IOC_REMAINDER', 'FOK_NOT_FILLABLE', 'MARKET_NO_LIQUIDITY']);
export type SimExpireReason = z.infer<typeof SimExpireReason>;

/** UNKNOWN_ORDER also for another account's order; ORDER_NOT_OPEN for a filled or ended one. */
export const SimCancelRejectReason = z.enum(['UNKNOWN_ORDER', 'ORDER_NOT_OPEN']);
export type SimCancelRejectReason = z.infer<typeof SimCancelRejectReason>;

const eventBase = {
  eventSeq: z.int().min(1),
  accountId: AccountId,
  orderId: OrderId,
  ts: TimestampMs,
};

/** The order's totals after the event: filledQuantity + remainingQuantity = quantity. */
const totals = { filledQuantity: NonNegativeDecimal, remainingQuantity: NonNegativeDecimal };

export const SimOrderAccepted = z.object({
  ...eventBase,
  kind: z.literal('accepted'),
  venueOrderId: VenueOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  type: OrderType,
  timeInForce: TimeInForce,
  price: PositiveDecimal.nullable(),
  quantity: PositiveDecimal,
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
});
export type SimOrderAccepted = z.infer<typeof SimOrderAccepted>;

export const SimOrderRejected = z.object({
  ...eventBase,
  kind: z.literal('rejected'),
  symbol: InstrumentSymbol,
  reason: SimRejectReason,
});
export type SimOrderRejected = z.infer<typeof SimOrderRejected>;

/** One side of a trade; both sides share `tradeId`. `fee` is negative for a rebate. */
export const SimOrderFill = z.object({
  ...eventBase,
  kind: z.literal('fill'),
  venueOrderId: VenueOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  tradeId: TradeId,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  liquidity: Liquidity,
  fee: Decimal,
  ...totals,
});
export type SimOrderFill = z.infer<typeof SimOrderFill>;

export const SimOrderCanceled = z.object({
  ...eventBase,
  kind: z.literal('canceled'),
  venueOrderId: VenueOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  reason: SimCancelReason,
  ...totals,
});
export type SimOrderCanceled = z.infer<typeof SimOrderCanceled>;

export const SimOrderExpired = z.object({
  ...eventBase,
  kind: z.literal('expired'),
  venueOrderId: VenueOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  reason: SimExpireReason,
  ...totals,
});
export type SimOrderExpired = z.infer<typeof SimOrderExpired>;

/**
 * A cancel request that changed nothing. `symbol` is null only for an order the venue never saw
 * when the request named no symbol; `venueOrderId` is null when the order never rested.
 */
export const SimCancelRejected = z.object({
  ...eventBase,
  kind: z.literal('cancel_rejected'),
  venueOrderId: VenueOrderId.nullable(),
  symbol: InstrumentSymbol.nullable(),
  reason: SimCancelRejectReason,
});
export type SimCancelRejected = z.infer<typeof SimCancelRejected>;

export const SimOrderEvent = z.discriminatedUnion('kind', [
  SimOrderAccepted,
  SimOrderRejected,
  SimOrderFill,
  SimOrderCanceled,
  SimOrderExpired,
  SimCancelRejected,
]);
export type SimOrderEvent = z.infer<typeof SimOrderEvent>;
export type SimOrderEventKind = SimOrderEvent['kind'];
