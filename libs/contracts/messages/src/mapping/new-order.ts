import { Decimal } from '@perp/decimal';
import type { AccountId, NewOrder, OrderId, VenueRoute } from '@perp/trading-domain';
import type { OrderPlacePayload } from '../queue/order-commands.ts';

/**
 * The domain's new order for a queued order.place, to go where its instrument routes: the
 * payload's exact decimals parsed once.
 */
export function newOrderOf(
  payload: OrderPlacePayload,
  ids: { readonly accountId: AccountId; readonly orderId: OrderId },
  createdAt: number,
  route: VenueRoute,
): NewOrder {
  return {
    orderId: ids.orderId,
    clientOrderId: payload.clientOrderId,
    accountId: ids.accountId,
    symbol: payload.symbol,
    side: payload.side,
    type: payload.type,
    timeInForce: payload.timeInForce,
    price: payload.type === 'limit' ? Decimal.parse(payload.price) : null,
    quantity: Decimal.parse(payload.quantity),
    postOnly: payload.postOnly,
    reduceOnly: payload.reduceOnly,
    route,
    createdAt,
  };
}
