import { Decimal } from '@perp/decimal';
import { notionalOf } from './contract-value.ts';
import type { InstrumentSymbol } from './identifiers.ts';
import type { Instrument } from './instrument.ts';
import type { Order } from './order.ts';
import type { OrderSide } from './order-vocabulary.ts';

/** What an open order may still add to a position: its remaining quantity at its price. */
export interface OrderExposure {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  /** Limit price; `null` for a market order (valued at the edge of the price band). */
  readonly price: Decimal | null;
  readonly quantity: Decimal;
  readonly reduceOnly: boolean;
}

/** The part of an open order that can still trade. */
export function orderExposure(order: Order): OrderExposure {
  return {
    symbol: order.symbol,
    side: order.side,
    price: order.price,
    quantity: order.remainingQuantity,
    reduceOnly: order.reduceOnly,
  };
}

/** A symbol's mark and the instrument rates margin needs. */
export interface MarketContext {
  readonly instrument: Pick<
    Instrument,
    'initialMarginRate' | 'maintenanceMarginRate' | 'priceBandRate' | 'contractType'
  >;
  readonly mark: Decimal;
}

/** The price band around the mark: [mark x (1 - rate), mark x (1 + rate)], widened at the 18th digit. */
export function priceBand(
  mark: Decimal,
  bandRate: Decimal,
): { readonly lower: Decimal; readonly upper: Decimal } {
  return {
    lower: mark.mul(Decimal.ONE.sub(bandRate), 'floor'),
    upper: mark.mul(Decimal.ONE.add(bandRate), 'ceil'),
  };
}

/**
 * The price an order is valued at for notional and margin: its limit price, or for a market order
 * the worst price the band allows (a buy at the upper edge, a sell at the lower).
 */
export function referencePrice(
  side: OrderSide,
  price: Decimal | null,
  mark: Decimal,
  bandRate: Decimal,
): Decimal {
  if (price !== null) return price;
  const band = priceBand(mark, bandRate);
  return side === 'buy' ? band.upper : band.lower;
}

/**
 * Initial margin that one symbol's open orders hold, given the position. Reduce-only orders hold
 * none. On each side, the orders that would first close the opposite position hold none either
 * (the cheapest are counted as closing, so the charge is never understated); the rest hold
 * notional x IMR. The symbol holds the larger of the two sides: position and open orders together
 * can never be worse than all buys or all sells filling.
 */
export function openOrdersInitialMargin(
  positionQuantity: Decimal,
  orders: readonly OrderExposure[],
  market: MarketContext,
): Decimal {
  const buys = increasingNotional(
    orders,
    'buy',
    positionQuantity.isNegative() ? positionQuantity.abs() : Decimal.ZERO,
    market,
  );
  const sells = increasingNotional(
    orders,
    'sell',
    positionQuantity.isPositive() ? positionQuantity : Decimal.ZERO,
    market,
  );
  return buys.max(sells).mul(market.instrument.initialMarginRate, 'ceil');
}

function increasingNotional(
  orders: readonly OrderExposure[],
  side: OrderSide,
  closable: Decimal,
  market: MarketContext,
): Decimal {
  const priced: { price: Decimal; quantity: Decimal }[] = [];
  for (const order of orders) {
    if (order.side !== side || order.reduceOnly) continue;
    priced.push({
      price: referencePrice(side, order.price, market.mark, market.instrument.priceBandRate),
      quantity: order.quantity,
    });
  }
  if (closable.isPositive()) priced.sort((a, b) => a.price.cmp(b.price));
  let toClose = closable;
  let notional = Decimal.ZERO;
  for (const { price, quantity } of priced) {
    const closing = quantity.min(toClose);
    toClose = toClose.sub(closing);
    const increasing = quantity.sub(closing);
    if (increasing.isPositive())
      notional = notional.add(
        notionalOf(market.instrument.contractType, increasing, price, 'ceil'),
      );
  }
  return notional;
}
