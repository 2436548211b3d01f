import type { Decimal } from '@perp/decimal';
import { productRounded } from './exact.ts';

export interface ReservationPriceInput {
  /** Mid or reference price s, in quote currency per base unit. */
  readonly reference: Decimal;
  /** Current signed position q, in base units (long > 0). */
  readonly position: Decimal;
  /** Position the bot steers towards, in base units. */
  readonly inventoryTarget: Decimal;
  /** Risk aversion γ, in 1 / quote currency. */
  readonly riskAversion: Decimal;
  /** Variance of the reference σ², in price units² per second. */
  readonly variancePerSecond: Decimal;
  /** Horizon T, in seconds. */
  readonly horizonSeconds: Decimal;
}

/**
 * Inventory risk γ·σ²·T, in price units per base unit of excess inventory: how far one unit of
 * unwanted position moves the reservation price, and twice the Avellaneda–Stoikov half spread
 * floor. Exact, rounded once (half-even).
 */
export function inventoryRisk(
  riskAversion: Decimal,
  variancePerSecond: Decimal,
  horizonSeconds: Decimal,
): Decimal {
  return productRounded([riskAversion, variancePerSecond, horizonSeconds], 'half_even');
}

/**
 * Avellaneda & Stoikov (2008) indifference price r = s − (q − target)·γ·σ²·T: a bot holding more
 * than it wants values the asset below the reference, so both sides move down, its bids fill less
 * and its asks more, and the inventory drifts back to the target (short: the reverse). The
 * product is exact and rounded once, half-even.
 */
export function reservationPrice(input: ReservationPriceInput): Decimal {
  const excess = input.position.sub(input.inventoryTarget);
  const skew = productRounded(
    [excess, input.riskAversion, input.variancePerSecond, input.horizonSeconds],
    'half_even',
  );
  return input.reference.sub(skew);
}
