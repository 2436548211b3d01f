import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimeInForce } from '../trading/order-enums.ts';
import { RequestedCancelReason } from '../trading/order-reason.ts';
import {
  checkOrderRef,
  marketOrderPrice,
  newOrderShape,
  orderRefJsonSchema,
  orderRefShape,
} from '../trading/order-request.ts';
import { envelopeBaseShape } from './envelope-base.ts';

// Order commands serve traders and the margin-call job alike (source "system"): one code path in
// the OMS, the same risk checks, the same execution reports. A system order may only reduce.

const placeOptions = { timeInForce: TimeInForce, postOnly: z.boolean(), reduceOnly: z.boolean() };

/** order.place params with defaults resolved and without `respType` (a gateway concern). */
export const OrderPlacePayload = z.discriminatedUnion('type', [
  z.strictObject({
    ...newOrderShape,
    type: z.literal('limit'),
    price: PositiveDecimal,
    ...placeOptions,
  }),
  z.strictObject({
    ...newOrderShape,
    type: z.literal('market'),
    price: marketOrderPrice,
    ...placeOptions,
  }),
]);
export type OrderPlacePayload = z.infer<typeof OrderPlacePayload>;

export const OrderPlaceCommand = z
  .strictObject({
    ...envelopeBaseShape,
    type: z.literal('order.place'),
    source: z.enum(['trader', 'system']),
    payload: OrderPlacePayload,
  })
  .superRefine((command, ctx) => {
    if (command.source !== 'system') return;
    if (!command.payload.reduceOnly) {
      ctx.addIssue({
        code: 'custom',
        path: ['payload', 'reduceOnly'],
        message: 'must be true for system orders',
        input: false,
      });
    }
    if (command.payload.timeInForce === 'gtc') {
      ctx.addIssue({
        code: 'custom',
        path: ['payload', 'timeInForce'],
        message: 'must be ioc or fok for system orders',
        input: 'gtc',
      });
    }
  });
export type OrderPlaceCommand = z.infer<typeof OrderPlaceCommand>;

const reasonsBySource: Readonly<
  Record<'trader' | 'admin' | 'system', readonly RequestedCancelReason[]>
> = {
  trader: ['USER_CANCELED', 'CANCEL_ON_DISCONNECT'],
  admin: ['ADMIN_CANCELED'],
  system: ['MARGIN_CALL'],
};

function checkCancelSource(
  command: {
    source: 'trader' | 'admin' | 'system';
    actorAccountId?: string | undefined;
    payload: { reason: RequestedCancelReason };
  },
  ctx: z.core.$RefinementCtx,
): void {
  const allowed = reasonsBySource[command.source];
  if (!allowed.includes(command.payload.reason)) {
    ctx.addIssue({
      code: 'custom',
      path: ['payload', 'reason'],
      message: `must be one of ${allowed.join(', ')} for source ${command.source}`,
      input: command.payload.reason,
    });
  }
  if (command.source === 'admin' && command.actorAccountId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['actorAccountId'],
      message: 'is required for source admin',
      input: undefined,
    });
  }
}

export const OrderCancelPayload = z
  .strictObject({ ...orderRefShape, symbol: InstrumentSymbol, reason: RequestedCancelReason })
  .superRefine(checkOrderRef)
  .meta(orderRefJsonSchema);
export type OrderCancelPayload = z.infer<typeof OrderCancelPayload>;

export const OrderCancelCommand = z
  .strictObject({
    ...envelopeBaseShape,
    type: z.literal('order.cancel'),
    source: z.enum(['trader', 'admin', 'system']),
    payload: OrderCancelPayload,
  })
  .superRefine(checkCancelSource);
export type OrderCancelCommand = z.infer<typeof OrderCancelCommand>;

/** Every open order of the account, or of one symbol. Cancel-on-disconnect and margin calls use it too. */
export const OrderCancelAllPayload = z.strictObject({
  symbol: InstrumentSymbol.optional(),
  reason: RequestedCancelReason,
});
export type OrderCancelAllPayload = z.infer<typeof OrderCancelAllPayload>;

export const OrderCancelAllCommand = z
  .strictObject({
    ...envelopeBaseShape,
    type: z.literal('order.cancelAll'),
    source: z.enum(['trader', 'admin', 'system']),
    payload: OrderCancelAllPayload,
  })
  .superRefine(checkCancelSource);
export type OrderCancelAllCommand = z.infer<typeof OrderCancelAllCommand>;
