import { z } from 'zod';
import { NonNegativeDecimal, PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId, ClientOrderId, OrderId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { Sequence, TimestampMs } from '../primitives/timestamp.ts';
import { OrderSide, OrderStatus, OrderType, TimeInForce } from '../trading/order-enums.ts';
import { OrderReason } from '../trading/order-reason.ts';
import { checkOrderFields } from './order-invariants.ts';

/**
 * The current state of one order (order.get, orders.open, orders.history, the `orders` snapshot).
 * `seq` is the execution report that produced this state, so a client can merge a snapshot with
 * the live stream; `reason` is the last denial, rejection, cancel or expiry reason, if any.
 */
export const Order = z
  .strictObject({
    accountId: AccountId,
    orderId: OrderId,
    clientOrderId: ClientOrderId,
    symbol: InstrumentSymbol,
    side: OrderSide,
    type: OrderType,
    timeInForce: TimeInForce,
    price: PositiveDecimal.nullable(),
    quantity: PositiveDecimal,
    filledQuantity: NonNegativeDecimal,
    remainingQuantity: NonNegativeDecimal,
    avgFillPrice: PositiveDecimal.nullable(),
    status: OrderStatus,
    postOnly: z.boolean(),
    reduceOnly: z.boolean(),
    reason: OrderReason.nullable(),
    seq: Sequence,
    createdAt: TimestampMs,
    updatedAt: TimestampMs,
  })
  .superRefine((order, ctx) => checkOrderFields(order, ctx));
export type Order = z.infer<typeof Order>;
