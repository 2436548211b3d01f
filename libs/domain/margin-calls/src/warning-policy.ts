import type { Decimal } from '@perp/decimal';
import type { MarginUtilization } from '@perp/trading-domain';

/** The warning that was last delivered to an account: the band it reached and when. */
export interface LastWarning {
  /** The band's level (a utilisation such as 0.9), not its position: levels may be reconfigured. */
  readonly level: Decimal;
  readonly at: number;
}

export type WarningDecision =
  | { readonly warn: true; readonly level: Decimal }
  | { readonly warn: false; readonly reason: 'below_threshold' }
  | { readonly warn: false; readonly reason: 'cooling_down'; readonly level: Decimal };

export interface WarningPolicy {
  /** Ascending utilisation levels; the first is the warning threshold (0.8, 0.9, 1 by default). */
  readonly levels: readonly Decimal[];
  readonly cooldownMs: number;
}

/** The highest level `utilization` reaches (at or above counts), or undefined below the first. */
export function bandLevel(
  utilization: MarginUtilization,
  levels: readonly Decimal[],
): Decimal | undefined {
  if (utilization === 'infinite') return levels.at(-1);
  let reached: Decimal | undefined;
  for (const level of levels) if (utilization.gte(level)) reached = level;
  return reached;
}

/**
 * Whether to warn now: at or above the threshold, unless the account was warned within the
 * cool-down at the same band or a higher one. Crossing into a higher band warns again at once.
 */
export function decideWarning(
  utilization: MarginUtilization,
  last: LastWarning | undefined,
  now: number,
  policy: WarningPolicy,
): WarningDecision {
  const level = bandLevel(utilization, policy.levels);
  if (level === undefined) return { warn: false, reason: 'below_threshold' };
  if (last === undefined || now - last.at >= policy.cooldownMs || level.gt(last.level))
    return { warn: true, level };
  return { warn: false, reason: 'cooling_down', level };
}
