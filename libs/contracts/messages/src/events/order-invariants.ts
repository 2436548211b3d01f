import type { z } from 'zod';
import { decimalSumEquals } from '../primitives/decimal-sum.ts';

// Invariants shared by the order view and the execution report. They are checked here, at the
// boundary, so a consumer never has to defend against a report that contradicts itself.

interface OrderFields {
  readonly type: 'limit' | 'market';
  readonly price: string | null;
  readonly quantity: string;
  readonly filledQuantity: string;
  readonly remainingQuantity: string;
  readonly avgFillPrice: string | null;
}

const ZERO = /^0(?:\.0+)?$/;

export function isZeroDecimal(value: string): boolean {
  return ZERO.test(value);
}

export function checkOrderFields(order: OrderFields, ctx: z.core.$RefinementCtx): void {
  if (order.type === 'limit' && order.price === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['price'],
      message: 'is required for limit orders',
      input: order.price,
    });
  }
  if (order.type === 'market' && order.price !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['price'],
      message: 'must be null for market orders',
      input: order.price,
    });
  }
  if (!decimalSumEquals(order.filledQuantity, order.remainingQuantity, order.quantity)) {
    ctx.addIssue({
      code: 'custom',
      path: ['remainingQuantity'],
      message: 'quantity must equal filledQuantity + remainingQuantity',
      input: order.remainingQuantity,
    });
  }
  if (isZeroDecimal(order.filledQuantity) !== (order.avgFillPrice === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['avgFillPrice'],
      message: 'must be null exactly when nothing is filled',
      input: order.avgFillPrice,
    });
  }
}
