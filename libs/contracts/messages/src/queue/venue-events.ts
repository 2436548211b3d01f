import { z } from 'zod';
import { Decimal, PositiveDecimal } from '../primitives/decimal.ts';
import { OrderId, TradeId, VenueName, VenueOrderId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { Liquidity } from '../trading/order-enums.ts';
import {
  CancelReason,
  CancelRejectReason,
  ExpireReason,
  VenueRejectReason,
} from '../trading/order-reason.ts';
import { envelopeBaseShape } from './envelope-base.ts';

// What a venue did to one of our orders, fed back by the venue connector into the same FIFO
// queue (group = the order's account), so every account has one ordered stream of changes.
// The connector should derive `commandId` from the venue's own ids (e.g. venue + tradeId for a
// fill): a re-delivered venue message then deduplicates instead of filling twice.

const venueBase = { ...envelopeBaseShape, source: z.literal('venue') };

/** `ts` is the venue's time of the event; the envelope's `receivedAt` is when the connector saw it. */
const venueOrderShape = {
  venue: VenueName,
  orderId: OrderId,
  symbol: InstrumentSymbol,
  ts: TimestampMs,
};

const venueMessage = z.string().max(512).optional();

export const VenueOrderAcceptedPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId,
});
export type VenueOrderAcceptedPayload = z.infer<typeof VenueOrderAcceptedPayload>;
export const VenueOrderAcceptedCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.orderAccepted'),
  payload: VenueOrderAcceptedPayload,
});
export type VenueOrderAcceptedCommand = z.infer<typeof VenueOrderAcceptedCommand>;

/** `venueMessage` is the venue's own text, for logs; traders see only `reason`. */
export const VenueOrderRejectedPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId.optional(),
  reason: VenueRejectReason,
  venueMessage,
});
export type VenueOrderRejectedPayload = z.infer<typeof VenueOrderRejectedPayload>;
export const VenueOrderRejectedCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.orderRejected'),
  payload: VenueOrderRejectedPayload,
});
export type VenueOrderRejectedCommand = z.infer<typeof VenueOrderRejectedCommand>;

/** One fill of `quantity` at `price`; `fee` is negative for a rebate. */
export const VenueOrderFilledPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId,
  tradeId: TradeId,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  fee: Decimal,
  liquidity: Liquidity,
});
export type VenueOrderFilledPayload = z.infer<typeof VenueOrderFilledPayload>;
export const VenueOrderFilledCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.orderFilled'),
  payload: VenueOrderFilledPayload,
});
export type VenueOrderFilledCommand = z.infer<typeof VenueOrderFilledCommand>;

/** Reasons a venue cancels on its own; a cancel we requested carries none (the OMS knows why it asked). */
export const VenueCancelReason = CancelReason.extract([
  'VENUE_CANCELED',
  'SELF_TRADE_PREVENTION',
  'REDUCE_ONLY_CANCELED',
]);
export type VenueCancelReason = z.infer<typeof VenueCancelReason>;

export const VenueOrderCanceledPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId,
  reason: VenueCancelReason.optional(),
});
export type VenueOrderCanceledPayload = z.infer<typeof VenueOrderCanceledPayload>;
export const VenueOrderCanceledCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.orderCanceled'),
  payload: VenueOrderCanceledPayload,
});
export type VenueOrderCanceledCommand = z.infer<typeof VenueOrderCanceledCommand>;

export const VenueOrderExpiredPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId.optional(),
  reason: ExpireReason,
});
export type VenueOrderExpiredPayload = z.infer<typeof VenueOrderExpiredPayload>;
export const VenueOrderExpiredCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.orderExpired'),
  payload: VenueOrderExpiredPayload,
});
export type VenueOrderExpiredCommand = z.infer<typeof VenueOrderExpiredCommand>;

export const VenueCancelRejectedPayload = z.strictObject({
  ...venueOrderShape,
  venueOrderId: VenueOrderId.optional(),
  reason: CancelRejectReason,
  venueMessage,
});
export type VenueCancelRejectedPayload = z.infer<typeof VenueCancelRejectedPayload>;
export const VenueCancelRejectedCommand = z.strictObject({
  ...venueBase,
  type: z.literal('venue.cancelRejected'),
  payload: VenueCancelRejectedPayload,
});
export type VenueCancelRejectedCommand = z.infer<typeof VenueCancelRejectedCommand>;
