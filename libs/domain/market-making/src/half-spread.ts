import { Decimal } from '@perp/decimal';

const BPS_OF_HALF_SPREAD = Decimal.fromInt(20_000);
const TWO = Decimal.fromInt(2);

/**
 * Distance from the reservation price to each innermost quote, in price units: the larger of the
 * configured floor (reference × minSpreadBps / 20000, half of the full spread in bps) and the
 * Avellaneda–Stoikov inventory term γ·σ²·T / 2, so quotes widen when volatility or risk aversion
 * is high. The order-arrival term (2/γ)·ln(1 + γ/k) of the paper is left to the floor: it needs
 * a fitted book-depth parameter k, and the minimum spread is what operators tune in practice.
 * Rounded up at the 18th digit so the spread is never narrower than configured.
 */
export function halfSpread(
  reference: Decimal,
  minSpreadBps: Decimal,
  inventoryRisk: Decimal,
): Decimal {
  const floor = reference.mulDiv(minSpreadBps, BPS_OF_HALF_SPREAD, 'ceil');
  return floor.max(inventoryRisk.div(TWO, 'ceil'));
}
