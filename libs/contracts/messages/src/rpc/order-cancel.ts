import { z } from 'zod';
import { CommandId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { checkOrderRef, orderRefJsonSchema, orderRefShape } from '../trading/order-request.ts';

/** Cancel one order, named by `clientOrderId` or `orderId` (exactly one). */
export const OrderCancelParams = z
  .strictObject({ ...orderRefShape, symbol: InstrumentSymbol })
  .superRefine(checkOrderRef)
  .meta(orderRefJsonSchema);
export type OrderCancelParams = z.infer<typeof OrderCancelParams>;

/** The cancel is queued; the ack echoes the id the order was named by. */
export const OrderCancelResult = z
  .strictObject({ ...orderRefShape, status: z.literal('pending_cancel'), commandId: CommandId })
  .superRefine(checkOrderRef)
  .meta(orderRefJsonSchema);
export type OrderCancelResult = z.infer<typeof OrderCancelResult>;
