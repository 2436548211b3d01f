import { Rounding, type Decimal } from '@perp/decimal';

/** Fee rates as fractions of the notional; a negative maker rate is a rebate. */
export interface FeeRates {
  readonly maker: Decimal;
  readonly taker: Decimal;
}

/**
 * price x quantity x rate, exact whenever it fits 18 fractional digits (every realistic tick, lot
 * and rate); beyond that rounded half-even at the 18th digit, the same on every replay.
 */
export function tradeFee(price: Decimal, quantity: Decimal, rate: Decimal): Decimal {
  return price.mul(quantity, Rounding.HalfEven).mul(rate, Rounding.HalfEven);
}
