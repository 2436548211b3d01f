import { z } from 'zod';
import { ExecutionReport } from '../events/execution-report.ts';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { ClientOrderId, CommandId } from '../primitives/identifiers.ts';
import { RespType, TimeInForce } from '../trading/order-enums.ts';
import { marketOrderPrice, newOrderShape } from '../trading/order-request.ts';

// Defaults live in the schema, so the parsed params (and the queued payload built from them) are
// complete: the OMS never guesses what an absent field meant.
const options = {
  timeInForce: TimeInForce.default('gtc'),
  postOnly: z.boolean().default(false),
  reduceOnly: z.boolean().default(false),
  respType: RespType.default('ack'),
};

/** A new order. `price` is required for limit orders and refused for market orders. */
export const OrderPlaceParams = z.discriminatedUnion('type', [
  z.strictObject({
    ...newOrderShape,
    type: z.literal('limit'),
    price: PositiveDecimal,
    ...options,
  }),
  z.strictObject({
    ...newOrderShape,
    type: z.literal('market'),
    price: marketOrderPrice,
    ...options,
  }),
]);
export type OrderPlaceParams = z.infer<typeof OrderPlaceParams>;
export type OrderPlaceParamsInput = z.input<typeof OrderPlaceParams>;

/** respType "ack": the order is durably queued. */
export const OrderPlaceAck = z.strictObject({
  clientOrderId: ClientOrderId,
  status: z.literal('submitted'),
  commandId: CommandId,
});
export type OrderPlaceAck = z.infer<typeof OrderPlaceAck>;

/** The ack, or with respType "result" the first execution report the OMS produced for the order. */
export const OrderPlaceResult = z.union([OrderPlaceAck, ExecutionReport]);
export type OrderPlaceResult = z.infer<typeof OrderPlaceResult>;
