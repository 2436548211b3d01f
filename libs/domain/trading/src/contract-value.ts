import { Decimal, type RoundingMode } from '@perp/decimal';
import type { ContractType } from './instrument.ts';

// What a quantity of a contract is worth, for either contract type. Linear: quantity x price, in
// the quote asset. Inverse: each contract is one unit of the quote asset, so its notional is the
// quantity itself, and what it holds of the base asset is quantity / price.

/**
 * The quote-asset notional of one unit of quantity at `price`: the price for a linear contract,
 * one for an inverse one. Notional, margin and fees are quantity x this.
 */
export function unitNotional(contractType: ContractType, price: Decimal): Decimal {
  return contractType === 'inverse' ? Decimal.ONE : price;
}

/** quantity x unitNotional, rounded as asked (margin rounds up, PnL half-even). */
export function notionalOf(
  contractType: ContractType,
  quantity: Decimal,
  price: Decimal,
  rounding: RoundingMode,
): Decimal {
  return contractType === 'inverse' ? quantity : quantity.mul(price, rounding);
}

/**
 * A fill's contribution to a position's cost basis: quantity x price (quote asset) for a linear
 * contract, quantity / price (base asset) for an inverse one, half-even at the 18th digit.
 */
export function basisOf(contractType: ContractType, quantity: Decimal, price: Decimal): Decimal {
  return contractType === 'inverse'
    ? quantity.div(price, 'half_even')
    : quantity.mul(price, 'half_even');
}
