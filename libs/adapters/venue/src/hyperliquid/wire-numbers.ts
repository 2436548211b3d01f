// Hyperliquid's price and size rules, checked and applied in exact decimals: a price has at most
// 5 significant figures and at most (6 - szDecimals) decimals on perps (8 on spot), an integer
// price is always allowed; a size has at most szDecimals decimals. On the wire both are strings
// without trailing zeros: "100" and "100.0" hash differently, and only one is what the venue signs.

import type { Decimal } from '@perp/decimal';
import { type RoundingMode } from '@perp/decimal';

export interface HyperliquidAssetRules {
  readonly szDecimals: number;
  readonly market: 'perp' | 'spot';
}

const SIGNIFICANT_FIGURES = 5;
const MAX_DECIMALS = { perp: 6, spot: 8 } as const;

/** floor(log10(|value|)) of a non-zero decimal: 2 for 123.4, -3 for 0.00123. */
function magnitude(value: Decimal): number {
  const [integer = '0', fraction = ''] = value.abs().toString().split('.');
  if (integer !== '0') return integer.length - 1;
  return -(fraction.length - fraction.replace(/^0+/, '').length + 1);
}

function maxPriceDecimals(price: Decimal, rules: HyperliquidAssetRules): number {
  const bySignificance = Math.max(0, SIGNIFICANT_FIGURES - 1 - magnitude(price));
  return Math.max(0, Math.min(bySignificance, MAX_DECIMALS[rules.market] - rules.szDecimals));
}

/** Why the venue would refuse this price, or null when it takes it as is. */
export function priceViolation(price: Decimal, rules: HyperliquidAssetRules): string | null {
  if (!price.isPositive()) return 'price must be positive';
  if (price.isInteger()) return null;
  const allowed = maxPriceDecimals(price, rules);
  return price.decimalPlaces() > allowed
    ? `price ${price.toString()} has more than ${SIGNIFICANT_FIGURES} significant figures or ${allowed} decimals`
    : null;
}

/** A price brought within the rules (an IOC at a slippage bound, never a trader's limit). */
export function roundPrice(
  price: Decimal,
  rules: HyperliquidAssetRules,
  rounding: RoundingMode,
): Decimal {
  if (!price.isPositive()) throw new RangeError('price must be positive');
  if (price.isInteger()) return price;
  const rounded = price.round(maxPriceDecimals(price, rules), rounding);
  // Rounding up can cross a power of ten (9.99995 -> 10.0000), which allows one decimal fewer.
  return priceViolation(rounded, rules) === null
    ? rounded
    : rounded.round(maxPriceDecimals(rounded, rules), rounding);
}

export function sizeViolation(size: Decimal, rules: HyperliquidAssetRules): string | null {
  if (!size.isPositive()) return 'size must be positive';
  return size.decimalPlaces() > rules.szDecimals
    ? `size ${size.toString()} has more than ${rules.szDecimals} decimals`
    : null;
}

/** The wire's text of a number: canonical, no trailing zeros, no exponent. */
export const wireNumber = (value: Decimal): string => value.toString();
