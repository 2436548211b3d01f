// Our order as Binance's new-order parameters, and Binance's orders in our terms: the one place
// the two vocabularies meet. Our order id is the order's `newClientOrderId`, so a repeated
// request names the same order (Binance refuses the copy with -4116) and lookups need no
// Binance order id.

import { Decimal } from '@perp/decimal';
import type { VenueOrderId } from '@perp/trading-domain';
import type { VenueOrderRequest, VenueOrderState } from '../venue-client.ts';
import type { BinanceOrder } from './protocol/rest.ts';
import {
  binancePriceViolation,
  binanceQuantityViolation,
  type BinanceSymbolRules,
} from './symbol-rules.ts';
import type { BinanceParams } from './signing.ts';

/** Binance's grammar for client order ids. */
const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export type NewOrderParams =
  | { readonly ok: true; readonly params: BinanceParams }
  | { readonly ok: false; readonly message: string };

const TIME_IN_FORCE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK' } as const;

/** The parameters of POST /fapi/v1/order, or why the venue would refuse the order. */
export function newOrderParams(
  request: VenueOrderRequest,
  rules: BinanceSymbolRules,
): NewOrderParams {
  if (!CLIENT_ORDER_ID.test(request.orderId))
    return { ok: false, message: `order id ${request.orderId} is not a Binance client order id` };
  const quantityViolation = binanceQuantityViolation(request.quantity, rules);
  if (quantityViolation) return { ok: false, message: quantityViolation };
  const common = {
    symbol: rules.symbol,
    side: request.side === 'buy' ? 'BUY' : 'SELL',
    quantity: request.quantity.toString(),
    ...(request.reduceOnly ? { reduceOnly: 'true' } : {}),
    newClientOrderId: request.orderId,
    newOrderRespType: 'ACK',
  };
  if (request.type === 'market' || request.price === null)
    return { ok: true, params: { ...common, type: 'MARKET' } };
  const priceViolation = binancePriceViolation(request.price, rules);
  if (priceViolation) return { ok: false, message: priceViolation };
  if (!request.reduceOnly && request.price.mul(request.quantity).lt(rules.minNotional))
    return {
      ok: false,
      message: `Order's notional must be no smaller than ${rules.minNotional} (unless you choose reduce only).`,
    };
  return {
    ok: true,
    params: {
      ...common,
      type: 'LIMIT',
      price: request.price.toString(),
      // GTX: post-only (Good Till Crossing), refused if it would take liquidity.
      timeInForce: request.postOnly ? 'GTX' : TIME_IN_FORCE[request.timeInForce],
    },
  };
}

const STATES = {
  NEW: 'open',
  PARTIALLY_FILLED: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
} as const satisfies Record<BinanceOrder['status'], VenueOrderState['status']>;

/** A Binance order (GET /fapi/v1/order) as the venue's view of our order. */
export function binanceOrderState(
  order: BinanceOrder,
  request: Pick<VenueOrderRequest, 'orderId'>,
): VenueOrderState {
  const status = STATES[order.status];
  return {
    orderId: request.orderId,
    venueOrderId: status === 'rejected' ? null : (String(order.orderId) as VenueOrderId),
    status,
    filledQuantity: Decimal.parse(order.executedQty),
    reason: status === 'open' || status === 'filled' ? null : order.status,
  };
}
