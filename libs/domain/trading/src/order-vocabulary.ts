import type { Decimal } from '@perp/decimal';

// The order vocabulary exactly as ws-api.md spells it: the wire values are the TypeScript values.

export const OrderSides = ['buy', 'sell'] as const;
export type OrderSide = (typeof OrderSides)[number];

export const OrderTypes = ['limit', 'market'] as const;
export type OrderType = (typeof OrderTypes)[number];

/** Good till canceled, immediate or cancel, fill or kill. */
export const TimesInForce = ['gtc', 'ioc', 'fok'] as const;
export type TimeInForce = (typeof TimesInForce)[number];

/** `denied` is our own risk check; `rejected` is the venue. */
export const OrderStatuses = [
  'submitted',
  'accepted',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'denied',
  'rejected',
  'expired',
] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

/** Why an execution report was sent. */
export const ExecTypes = [
  'accepted',
  'denied',
  'rejected',
  'trade',
  'canceled',
  'expired',
  'cancel_rejected',
] as const;
export type ExecType = (typeof ExecTypes)[number];

/** Whether our side of a fill rested on the book (maker) or took liquidity (taker). */
export const Liquidities = ['maker', 'taker'] as const;
export type Liquidity = (typeof Liquidities)[number];

/** The order can still trade: it counts against open-order limits and holds margin. */
export function isOpenStatus(status: OrderStatus): boolean {
  return (
    status === 'submitted' ||
    status === 'accepted' ||
    status === 'partially_filled' ||
    status === 'pending_cancel'
  );
}

/**
 * The order waits for the venue's word: a place whose outcome is not known yet, or a cancel the
 * venue has not confirmed. Reconciliation asks the venue about these when they wait too long.
 */
export function isAwaitingVenue(status: OrderStatus): boolean {
  return status === 'submitted' || status === 'pending_cancel';
}

/**
 * Orders that never rest (market, ioc, fok): their outcome is the report that ends their matching,
 * not their first one (ws-api.md, respType "result").
 */
export function isImmediateOrder(order: {
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
}): boolean {
  return order.type === 'market' || order.timeInForce !== 'gtc';
}

/** The quantity with the sign a fill of this side adds to a position: + for buy, - for sell. */
export function signedQuantity(side: OrderSide, quantity: Decimal): Decimal {
  return side === 'buy' ? quantity : quantity.neg();
}
