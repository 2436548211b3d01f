// Our order as LN Markets' new cross order, and LN Markets' orders in our terms: the one place
// the two vocabularies meet. Quantity passes through as a number of USD contracts (the OMS does
// not route linear sizes here yet), prices are USD on a 0.5 tick; what the venue cannot express
// (reduce-only, post-only, a limit order that must not rest) is refused before anything is sent.
// Our order id is the order's `clientId`. LN Markets fills an order whole (an order carries a
// `filled` flag and one `filledAt`, no filled quantity): a filled order is one fill, its trade
// id the order's uuid, its fee the venue's sats fee in USD at the fill's price (fee-in-usd.ts).

import { Decimal } from '@perp/decimal';
import type { TradeId, VenueOrderId } from '@perp/trading-domain';
import type { VenueFill, VenueOrderRequest, VenueOrderState } from '../venue-client.ts';
import { VenueRequestError } from '../venue-errors.ts';
import { feeInUsd } from './fee-in-usd.ts';
import { msOf, type LnMarketsOrder } from './protocol/rest.ts';
import { wireNumber } from './protocol/wire-json.ts';

export const LN_MARKETS_TICK = Decimal.parse('0.5');
/** The venue's bound on a client id (the Rust SDK's ClientId: 1 to 64 characters). */
const CLIENT_ID_MAX = 64;

function refuse(code: string, message: string): never {
  throw new VenueRequestError(code, `lnmarkets: ${message}`);
}

/** The body of POST /v3/futures/cross/order; throws VenueRequestError for what cannot be sent. */
export function newOrderBody(request: VenueOrderRequest): Record<string, unknown> {
  if (request.orderId.length > CLIENT_ID_MAX)
    refuse('LNM_CLIENT_ID_TOO_LONG', `order id ${request.orderId} exceeds 64 characters`);
  const { quantity } = request;
  if (!quantity.isPositive() || !quantity.isInteger())
    refuse(
      'LNM_QUANTITY_NOT_WHOLE',
      `quantity ${quantity.toString()} is not a whole positive number of USD contracts`,
    );
  if (request.reduceOnly) refuse('LNM_REDUCE_ONLY_UNSUPPORTED', 'cross orders have no reduce-only');
  if (request.postOnly) refuse('LNM_POST_ONLY_UNSUPPORTED', 'cross orders have no post-only');
  const common = { side: request.side, quantity: wireNumber(quantity) };
  if (request.type === 'market') return { type: 'market', ...common, clientId: request.orderId };
  const { price } = request;
  if (price === null) return refuse('LNM_PRICE_MISSING', 'a limit order needs a price');
  if (!price.isPositive() || !price.isMultipleOf(LN_MARKETS_TICK))
    refuse('LNM_PRICE_TICK', `price ${price.toString()} is not a positive multiple of 0.5`);
  // A limit order rests until filled or canceled: nothing else is offered.
  if (request.timeInForce !== 'gtc')
    refuse(
      'LNM_TIME_IN_FORCE_UNSUPPORTED',
      `limit orders are GTC only, not ${request.timeInForce}`,
    );
  return { type: 'limit', ...common, price: wireNumber(price), clientId: request.orderId };
}

/** A venue order as the venue's view of our order. */
export function lnMarketsOrderState(
  order: LnMarketsOrder,
  request: Pick<VenueOrderRequest, 'orderId'>,
): VenueOrderState {
  const status = order.filled ? 'filled' : order.canceled ? 'canceled' : 'open';
  return {
    orderId: request.orderId,
    venueOrderId: order.id as VenueOrderId,
    status,
    filledQuantity: order.filled ? Decimal.parse(order.quantity) : Decimal.ZERO,
    // The venue gives no reason; its own word for the state is all there is.
    reason: status === 'canceled' ? 'canceled' : null,
  };
}

/** The one fill of a filled order (undefined for an order not filled). */
export function lnMarketsFillOf(order: LnMarketsOrder): VenueFill | undefined {
  if (!order.filled || order.filledAt === null) return undefined;
  const price = Decimal.parse(order.price);
  return {
    tradeId: order.id as TradeId,
    venueOrderId: order.id as VenueOrderId,
    price,
    quantity: Decimal.parse(order.quantity),
    // The venue's sats fee in USD at the fill's price; LN Markets charges one rate, maker or taker.
    fee: feeInUsd(Decimal.parse(order.tradingFee), price),
    // A limit order waited for the price (unconfirmed: the venue does not say).
    liquidity: order.type === 'limit' ? 'maker' : 'taker',
    ts: msOf(order.filledAt),
  };
}
