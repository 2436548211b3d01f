import { Decimal } from '@perp/decimal';

/**
 * Maintenance margin / equity, or `'infinite'` when the account has exposure and equity <= 0.
 * A string, not `null`, so it cannot be mistaken for "unknown" and serialises as itself.
 * Without exposure (maintenance margin 0) it is 0 whatever the equity: there is nothing to call.
 */
export type MarginUtilization = Decimal | 'infinite';

/** Utilisation rounded up at the 18th digit, so a threshold is never missed by rounding. */
export function marginUtilization(maintenanceMargin: Decimal, equity: Decimal): MarginUtilization {
  if (maintenanceMargin.isZero()) return Decimal.ZERO;
  if (!equity.isPositive()) return 'infinite';
  return maintenanceMargin.div(equity, 'ceil');
}

/** Utilisation levels, as fractions: 0.8 warns, 1 liquidates by default. */
export interface MarginThresholds {
  readonly warning: Decimal;
  readonly liquidation: Decimal;
}

export const DEFAULT_MARGIN_THRESHOLDS: MarginThresholds = Object.freeze({
  warning: Decimal.parse('0.8'),
  liquidation: Decimal.ONE,
});

export type MarginStatus = 'healthy' | 'warning' | 'liquidation';

/** Where utilisation stands: at or above a threshold counts as reaching it. */
export function marginStatus(
  utilization: MarginUtilization,
  thresholds: MarginThresholds = DEFAULT_MARGIN_THRESHOLDS,
): MarginStatus {
  if (utilization === 'infinite' || utilization.gte(thresholds.liquidation)) return 'liquidation';
  if (utilization.gte(thresholds.warning)) return 'warning';
  return 'healthy';
}
