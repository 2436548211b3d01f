import { Decimal } from '@perp/decimal';
import type { CancelReason, OrderEvent } from '@perp/trading-domain';
import type {
  VenueCancelRejectedCommand,
  VenueOrderAcceptedCommand,
  VenueOrderCanceledCommand,
  VenueOrderExpiredCommand,
  VenueOrderFilledCommand,
  VenueOrderRejectedCommand,
} from '../queue/venue-events.ts';

export type VenueEventCommand =
  | VenueOrderAcceptedCommand
  | VenueOrderRejectedCommand
  | VenueOrderFilledCommand
  | VenueOrderCanceledCommand
  | VenueOrderExpiredCommand
  | VenueCancelRejectedCommand;

/**
 * The domain's order event for a queued venue event. `requestedCancelReason` is why we asked for
 * the cancel, if we did: a cancel we asked for carries our reason, one the venue decided on its own.
 */
export function orderEventOf(
  command: VenueEventCommand,
  requestedCancelReason: CancelReason | null,
): OrderEvent {
  const { ts } = command.payload;
  switch (command.type) {
    case 'venue.orderAccepted':
      return { type: 'accept', venueOrderId: command.payload.venueOrderId, ts };
    case 'venue.orderRejected':
      return { type: 'reject', reason: command.payload.reason, ts };
    case 'venue.orderFilled':
      return {
        type: 'fill',
        tradeId: command.payload.tradeId,
        quantity: Decimal.parse(command.payload.quantity),
        price: Decimal.parse(command.payload.price),
        fee: Decimal.parse(command.payload.fee),
        liquidity: command.payload.liquidity,
        ts,
      };
    case 'venue.orderCanceled':
      return {
        type: 'cancel',
        reason: command.payload.reason ?? requestedCancelReason ?? 'VENUE_CANCELED',
        ts,
      };
    case 'venue.orderExpired':
      return { type: 'expire', reason: command.payload.reason, ts };
    case 'venue.cancelRejected':
      return { type: 'cancel_reject', reason: command.payload.reason, ts };
  }
}
