import { Decimal, type RoundingMode } from '@perp/decimal';

// Products of several Decimals (γ·σ²·T·q, Σ Δp²) would round once per `mul`; these work on the raw
// units as bigints and round once at the end, through Decimal's own division so there is a single
// rounding implementation in the workspace.

const ONE_UNITS = Decimal.ONE.units;

/** `numerator / denominator` (raw bigints) as the Decimal with that many units, rounded once. */
export function unitsQuotient(
  numerator: bigint,
  denominator: bigint,
  rounding: RoundingMode,
): Decimal {
  // div computes a.units × 10^18 / b.units: scaling the denominator by 10^18 cancels that factor.
  return Decimal.fromUnits(numerator).div(Decimal.fromUnits(denominator * ONE_UNITS), rounding);
}

/** The exact product of `factors`, rounded once to 18 fractional digits. */
export function productRounded(factors: readonly Decimal[], rounding: RoundingMode): Decimal {
  let units = 1n;
  for (const factor of factors) units *= factor.units;
  // Each factor carries 10^18; the result keeps one of them.
  const scale = ONE_UNITS ** BigInt(Math.max(factors.length - 1, 0));
  return factors.length === 0 ? Decimal.ONE : unitsQuotient(units, scale, rounding);
}
