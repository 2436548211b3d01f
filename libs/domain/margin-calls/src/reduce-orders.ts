import { Decimal } from '@perp/decimal';
import {
  unitNotional,
  type Instrument,
  type InstrumentSymbol,
  type OrderSide,
} from '@perp/trading-domain';
import type { PositionClose } from './margin-remedy.ts';

/** One reduce-only immediate-or-cancel limit order of a margin call. */
export interface ReduceOrder {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly quantity: Decimal;
  readonly price: Decimal;
}

/** How far into the OMS's price band the protective limit sits (0.9: nine tenths of it). */
export const REDUCE_PRICE_BAND_SHARE = Decimal.parse('0.9');

/**
 * The orders that carry out one close: limit IOC at a protective price (a sell at mark x (1 - 0.9 x
 * band), a buy at mark x (1 + 0.9 x band), on the tick and inside the band, so a thin book is not
 * swept to any price and a mark that moves a little before the OMS checks still passes), split so
 * none exceeds the instrument's maximum quantity or notional (at the limit price, as the pre-trade
 * check values it: quantity x price; inverse: the quantity itself) and none falls below its minimum.
 */
export function reduceOrders(
  close: PositionClose,
  instrument: Pick<
    Instrument,
    | 'contractType'
    | 'tickSize'
    | 'lotSize'
    | 'minQuantity'
    | 'maxQuantity'
    | 'maxNotional'
    | 'priceBandRate'
  >,
  mark: Decimal,
): ReduceOrder[] {
  const offset = instrument.priceBandRate.mul(REDUCE_PRICE_BAND_SHARE, 'floor');
  const price =
    close.side === 'sell'
      ? mark.mul(Decimal.ONE.sub(offset), 'ceil').roundToStep(instrument.tickSize, 'ceil')
      : mark.mul(Decimal.ONE.add(offset), 'floor').roundToStep(instrument.tickSize, 'floor');
  const byNotional = instrument.maxNotional
    .div(unitNotional(instrument.contractType, price), 'floor')
    .roundToStep(instrument.lotSize, 'floor');
  const largest = instrument.maxQuantity.min(byNotional);
  const sizes: Decimal[] = [];
  let left = close.quantity;
  while (left.gt(largest)) {
    sizes.push(largest);
    left = left.sub(largest);
  }
  if (left.isPositive()) sizes.push(left);
  // A remainder under the minimum borrows from the order before it.
  const last = sizes.length - 1;
  const tail = sizes[last];
  const before = sizes[last - 1];
  if (tail !== undefined && before !== undefined && tail.lt(instrument.minQuantity)) {
    const borrowed = instrument.minQuantity.sub(tail);
    sizes[last - 1] = before.sub(borrowed);
    sizes[last] = instrument.minQuantity;
  }
  return sizes.map((quantity) => ({ symbol: close.symbol, side: close.side, quantity, price }));
}
