import { z } from 'zod';
import {
  AdminAccountCreateCommand,
  AdminDepositCommand,
  AdminTradingStateSetCommand,
} from './admin-commands.ts';
import { OrderCancelAllCommand, OrderCancelCommand, OrderPlaceCommand } from './order-commands.ts';
import {
  VenueCancelRejectedCommand,
  VenueOrderAcceptedCommand,
  VenueOrderCanceledCommand,
  VenueOrderExpiredCommand,
  VenueOrderFilledCommand,
  VenueOrderRejectedCommand,
} from './venue-events.ts';

/**
 * One message on the orders FIFO queue: `{ version, commandId, accountId, type, source, payload,
 * receivedAt, traceId }`, discriminated on `type`. Venue events are commands too.
 */
export const CommandEnvelope = z.discriminatedUnion('type', [
  OrderPlaceCommand,
  OrderCancelCommand,
  OrderCancelAllCommand,
  AdminAccountCreateCommand,
  AdminDepositCommand,
  AdminTradingStateSetCommand,
  VenueOrderAcceptedCommand,
  VenueOrderRejectedCommand,
  VenueOrderFilledCommand,
  VenueOrderCanceledCommand,
  VenueOrderExpiredCommand,
  VenueCancelRejectedCommand,
]);
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;
export type CommandType = CommandEnvelope['type'];
/** The envelope of one command type, e.g. `CommandOf<'venue.orderFilled'>`. */
export type CommandOf<T extends CommandType> = Extract<CommandEnvelope, { type: T }>;

// A Record keyed by the union fails to compile when a type is added to one side only.
const commandTypes: Record<CommandType, true> = {
  'order.place': true,
  'order.cancel': true,
  'order.cancelAll': true,
  'admin.account.create': true,
  'admin.deposit': true,
  'admin.tradingState.set': true,
  'venue.orderAccepted': true,
  'venue.orderRejected': true,
  'venue.orderFilled': true,
  'venue.orderCanceled': true,
  'venue.orderExpired': true,
  'venue.cancelRejected': true,
};
export const COMMAND_TYPES = Object.keys(commandTypes) as readonly CommandType[];
