import type { Order } from '@perp/trading-domain';
import type { Order as WireOrder } from '../events/order.ts';
import { decimalText, decimalTextOrNull } from './decimal-text.ts';

/**
 * `seq`: the store keeps no per-order sequence number, so an order carries the account's last
 * report seq read before the order itself: every report up to it is reflected in the order (a
 * client merging with the live stream re-applies at most a few reports, which carry absolute
 * state). The contract's minimum is 1, so an account with no report yet shows 1.
 */
export function wireOrder(order: Order, seq: number): WireOrder {
  return {
    accountId: order.accountId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    price: decimalTextOrNull(order.price),
    quantity: decimalText(order.quantity),
    filledQuantity: decimalText(order.filledQuantity),
    remainingQuantity: decimalText(order.remainingQuantity),
    avgFillPrice: decimalTextOrNull(order.avgFillPrice),
    status: order.status,
    postOnly: order.postOnly,
    reduceOnly: order.reduceOnly,
    reason: order.reason,
    seq: Math.max(1, seq),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
