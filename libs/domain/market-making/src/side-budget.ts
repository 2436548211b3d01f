import { Decimal } from '@perp/decimal';
import type { OrderSide } from '@perp/trading-domain';

const TWO = Decimal.fromInt(2);

export interface SideBudgetInput {
  /** Capital available for quoting, in quote currency. */
  readonly floatAmount: Decimal;
  /** Fraction of the float on the book, in (0, 1]. */
  readonly activeRatio: Decimal;
  /** Signed position, in base units. */
  readonly position: Decimal;
  /** Position steered towards, in base units. */
  readonly inventoryTarget: Decimal;
  /** Absolute position limit, in base units (> 0). */
  readonly maxPosition: Decimal;
}

/**
 * Inventory as a fraction of the limit, (position − target) / maxPosition clamped to [−1, 1]:
 * +1 is as long as allowed beyond the target, −1 as short.
 */
export function inventoryRatio(
  position: Decimal,
  inventoryTarget: Decimal,
  maxPosition: Decimal,
): Decimal {
  const ratio = position.sub(inventoryTarget).div(maxPosition, 'half_even');
  return ratio.max(Decimal.ONE.neg()).min(Decimal.ONE);
}

/**
 * The most notional (Σ price × quantity, in quote currency) one side may quote: half of
 * float × activeRatio, shrunk on the side that would add to an excess inventory — a bot long by
 * half its limit bids with half its bid budget and asks with the full ask budget (short: the
 * reverse). The size counterpart of the reservation price skew. Rounded down.
 */
export function sideBudget(side: OrderSide, input: SideBudgetInput): Decimal {
  const full = input.floatAmount.mulDiv(input.activeRatio, TWO, 'down');
  const inventory = inventoryRatio(input.position, input.inventoryTarget, input.maxPosition);
  const keep =
    side === 'buy'
      ? Decimal.ONE.sub(inventory.max(Decimal.ZERO))
      : Decimal.ONE.add(inventory.min(Decimal.ZERO));
  return full.mul(keep, 'down');
}
