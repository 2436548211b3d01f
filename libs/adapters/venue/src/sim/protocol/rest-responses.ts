import {
  AccountId,
  Decimal,
  InstrumentSymbol,
  NonNegativeDecimal,
  OrderId,
  OrderSide,
  OrderType,
  PositiveDecimal,
  TimeInForce,
  TimestampMs,
  VenueOrderId,
} from '@perp/contracts';
import { z } from 'zod';
import { SimOrderFill, SimRejectReason } from './order-events.ts';
import { SimBookData } from './stream-messages.ts';

// Response bodies of the sim-venue's REST API.

const receiptOrder = { accountId: AccountId, orderId: OrderId };

/**
 * The 202 of POST /v1/orders and DELETE /v1/orders/…: the immediate outcome of this request for
 * this order. The stream carries every event as well, these included.
 * - place: `accepted` (it may fill or expire next) or `rejected`; `received` for a repeat of an
 *   order the venue already has (its outcome was streamed when it was first placed).
 * - cancel: `canceled` by this request; else `cancel_requested` (the refusal, `cancel_rejected`,
 *   is on the stream).
 */
export const SimOrderReceipt = z.discriminatedUnion('status', [
  z.object({
    ...receiptOrder,
    status: z.literal('accepted'),
    venueOrderId: VenueOrderId,
    ts: TimestampMs,
  }),
  z.object({
    ...receiptOrder,
    status: z.literal('rejected'),
    reason: SimRejectReason,
    ts: TimestampMs,
  }),
  z.object({ ...receiptOrder, status: z.literal('received') }),
  z.object({
    ...receiptOrder,
    status: z.literal('canceled'),
    venueOrderId: VenueOrderId,
    ts: TimestampMs,
  }),
  z.object({ ...receiptOrder, status: z.literal('cancel_requested') }),
]);
export type SimOrderReceipt = z.infer<typeof SimOrderReceipt>;
/** The receipts POST /v1/orders answers. */
export type SimPlaceReceipt = Extract<
  SimOrderReceipt,
  { status: 'accepted' | 'rejected' | 'received' }
>;
/** The receipts DELETE /v1/orders/:accountId/:orderId answers. */
export type SimCancelReceipt = Extract<
  SimOrderReceipt,
  { status: 'canceled' | 'cancel_requested' }
>;

export const SimOrderStatus = z.enum(['open', 'filled', 'canceled', 'expired', 'rejected']);
export type SimOrderStatus = z.infer<typeof SimOrderStatus>;

/** GET /v1/orders/:accountId/:orderId: the venue's view of one order. */
export const SimOrderView = z.object({
  accountId: AccountId,
  orderId: OrderId,
  /** Null when the venue rejected the order: it never rested. */
  venueOrderId: VenueOrderId.nullable(),
  symbol: InstrumentSymbol,
  side: OrderSide,
  type: OrderType,
  timeInForce: TimeInForce,
  /** As the request sent it: a rejected order may carry a price that is no valid decimal. */
  price: z.string().nullable(),
  quantity: z.string(),
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
  status: SimOrderStatus,
  filledQuantity: NonNegativeDecimal,
  /** Why it was rejected, canceled or expired; null while open or once filled. */
  reason: z.string().nullable(),
  createdAt: TimestampMs,
  updatedAt: TimestampMs,
});
export type SimOrderView = z.infer<typeof SimOrderView>;

/** GET /v1/orders/:accountId/:orderId/fills: the order's fills as the stream carried them. */
export const SimOrderFills = z.object({ fills: z.array(SimOrderFill) });
export type SimOrderFills = z.infer<typeof SimOrderFills>;

/** GET /v1/open-orders: every order the venue works, oldest first. */
export const SimOpenOrders = z.object({ orders: z.array(SimOrderView) });
export type SimOpenOrders = z.infer<typeof SimOpenOrders>;

/** GET /v1/markets/:symbol. The mark is the index (see the sim-venue's README). */
export const SimMarket = z.object({
  symbol: InstrumentSymbol,
  markPrice: PositiveDecimal,
  indexPrice: PositiveDecimal,
  bestBid: PositiveDecimal.nullable(),
  bestAsk: PositiveDecimal.nullable(),
  ts: TimestampMs,
});
export type SimMarket = z.infer<typeof SimMarket>;

/** GET /v1/book/:symbol?depth=N: the top N levels per side at book `seq`. */
export const SimBook = SimBookData;
export type SimBook = SimBookData;

/** One entry of GET /v1/instruments. */
export const SimInstrument = z.object({
  symbol: InstrumentSymbol,
  tickSize: PositiveDecimal,
  lotSize: PositiveDecimal,
  /** Fee = price x quantity x rate; a negative maker rate is a rebate. */
  makerFeeRate: Decimal,
  takerFeeRate: Decimal,
});
export type SimInstrument = z.infer<typeof SimInstrument>;

/** Every 4xx/5xx body. */
export const SimErrorBody = z.object({ code: z.string(), message: z.string() });
export type SimErrorBody = z.infer<typeof SimErrorBody>;
