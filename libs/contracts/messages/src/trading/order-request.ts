import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { ClientOrderId, OrderId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { OrderSide } from './order-enums.ts';

// Building blocks shared by the order.place params (what a trader sends) and the queued
// order.place payload (what the OMS receives), so the two cannot drift apart.

/** Fields every new order has, whatever its type. */
export const newOrderShape = {
  clientOrderId: ClientOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  quantity: PositiveDecimal,
};

/** `price` of a market order: a present key is rejected with a reason that says why. */
export const marketOrderPrice = z.never({ error: 'is not allowed for market orders' }).optional();

/** An order is named by the trader's id or the platform's, never both (an ambiguity we refuse). */
export const orderRefShape = {
  clientOrderId: ClientOrderId.optional(),
  orderId: OrderId.optional(),
};

export const orderRefJsonSchema = {
  oneOf: [{ required: ['clientOrderId'] }, { required: ['orderId'] }],
};

export function checkOrderRef(
  ref: { readonly clientOrderId?: string | undefined; readonly orderId?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (ref.clientOrderId === undefined && ref.orderId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['clientOrderId'],
      message: 'is required (or orderId)',
      input: undefined,
    });
  } else if (ref.clientOrderId !== undefined && ref.orderId !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['orderId'],
      message: 'must not be given together with clientOrderId',
      input: ref.orderId,
    });
  }
}
