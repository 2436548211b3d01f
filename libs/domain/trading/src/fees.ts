import type { Decimal } from '@perp/decimal';
import type { Liquidity } from './order-vocabulary.ts';

/** Fee rates on notional; a negative maker rate is a rebate. */
export interface FeeSchedule {
  readonly makerRate: Decimal;
  readonly takerRate: Decimal;
}

/**
 * Fee of one fill in the quote asset: quantity x price x rate. Exact whenever it fits 18 decimals
 * (on-grid fills and rates of at most 18 - tick - lot decimals); past that it rounds towards
 * +infinity at the 18th decimal, so a fee is never undercharged.
 */
export function fillFee(
  quantity: Decimal,
  price: Decimal,
  liquidity: Liquidity,
  schedule: FeeSchedule,
): Decimal {
  const rate = liquidity === 'maker' ? schedule.makerRate : schedule.takerRate;
  return quantity.mul(price, 'ceil').mul(rate, 'ceil');
}
