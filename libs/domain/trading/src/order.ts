import { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ClientOrderId,
  InstrumentSymbol,
  OrderId,
  VenueOrderId,
} from './identifiers.ts';
import { OrderError } from './order-error.ts';
import type { OrderReason } from './order-reason.ts';
import type { OrderSide, OrderStatus, OrderType, TimeInForce } from './order-vocabulary.ts';
import type { VenueRoute } from './venue-route.ts';

/**
 * One order as the OMS keeps it. Immutable: every event produces a new Order.
 * Invariant: `quantity = filledQuantity + remainingQuantity`, also after a cancel, where the
 * remaining quantity is what was never filled (the status says it no longer works).
 */
export interface Order {
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly accountId: AccountId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Limit price; `null` for a market order. */
  readonly price: Decimal | null;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly quantity: Decimal;
  readonly filledQuantity: Decimal;
  readonly remainingQuantity: Decimal;
  /** Exact sum of fill quantity x fill price; the average fill price derives from it. */
  readonly filledNotional: Decimal;
  /** `filledNotional / filledQuantity` at 18 digits, half-even; `null` before the first fill. */
  readonly avgFillPrice: Decimal | null;
  readonly status: OrderStatus;
  /** The venue and venue account it was sent to, fixed when placed. */
  readonly route: VenueRoute;
  readonly venueOrderId: VenueOrderId | null;
  /** When the venue acknowledged the order; `null` until then (a fill may arrive first). */
  readonly acceptedAt: number | null;
  /** Reason of the last denial, rejection, cancel, expiry or cancel rejection. */
  readonly reason: OrderReason | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a trader (or the margin-call job) asks for, with identifiers already assigned. */
export interface NewOrder {
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly accountId: AccountId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly price: Decimal | null;
  readonly quantity: Decimal;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  /** Where it goes: its instrument's route when placed. */
  readonly route: VenueRoute;
  readonly createdAt: number;
}

/**
 * A new order in status `submitted`. Throws `ORDER_INVALID` for shapes no venue could accept
 * (tick, lot and limits are risk checks, answered with a `denied` report instead).
 */
export function createOrder(request: NewOrder): Order {
  const { type, price, quantity } = request;
  if (!quantity.isPositive())
    throw new OrderError('ORDER_INVALID', `quantity must be positive, got ${quantity}`);
  if (type === 'limit' && (price === null || !price.isPositive())) {
    throw new OrderError('ORDER_INVALID', 'a limit order needs a positive price');
  }
  if (type === 'market' && price !== null)
    throw new OrderError('ORDER_INVALID', 'a market order has no price');
  if (type === 'market' && request.postOnly) {
    throw new OrderError('ORDER_INVALID', 'a market order cannot be post-only');
  }
  return {
    ...request,
    filledQuantity: Decimal.ZERO,
    remainingQuantity: quantity,
    filledNotional: Decimal.ZERO,
    avgFillPrice: null,
    status: 'submitted',
    venueOrderId: null,
    acceptedAt: null,
    reason: null,
    updatedAt: request.createdAt,
  };
}
