import { z } from 'zod';
import { checkOrderRef, orderRefJsonSchema, orderRefShape } from '../trading/order-request.ts';

/** One order of the caller's account, by `clientOrderId` or `orderId`; the result is an Order. */
export const OrderGetParams = z
  .strictObject(orderRefShape)
  .superRefine(checkOrderRef)
  .meta(orderRefJsonSchema);
export type OrderGetParams = z.infer<typeof OrderGetParams>;
