// What Binance accepts for a symbol (its exchangeInfo filters), checked in exact decimals before
// an order is signed: a price or size the venue would refuse is refused here, never rounded.

import { Decimal } from '@perp/decimal';
import type { z } from 'zod';
import type { BinanceExchangeInfo } from './protocol/rest.ts';

export interface BinanceSymbolRules {
  readonly symbol: string;
  readonly tickSize: Decimal;
  readonly minPrice: Decimal;
  readonly maxPrice: Decimal;
  readonly stepSize: Decimal;
  readonly minQty: Decimal;
  readonly maxQty: Decimal;
  /** Smallest price × quantity of an order that does not only reduce a position. */
  readonly minNotional: Decimal;
}

type ExchangeInfo = z.infer<typeof BinanceExchangeInfo>;

/** The rules of every trading symbol in an exchangeInfo answer. */
export function symbolRulesOf(info: ExchangeInfo): Map<string, BinanceSymbolRules> {
  const rules = new Map<string, BinanceSymbolRules>();
  for (const entry of info.symbols) {
    if (entry.status !== 'TRADING') continue;
    const filter = (type: string) =>
      entry.filters.find((f) => f.filterType === type) as Record<string, string> | undefined;
    const price = filter('PRICE_FILTER');
    const lot = filter('LOT_SIZE');
    if (!price || !lot) continue;
    rules.set(entry.symbol, {
      symbol: entry.symbol,
      tickSize: Decimal.parse(price['tickSize'] ?? '0'),
      minPrice: Decimal.parse(price['minPrice'] ?? '0'),
      maxPrice: Decimal.parse(price['maxPrice'] ?? '0'),
      stepSize: Decimal.parse(lot['stepSize'] ?? '0'),
      minQty: Decimal.parse(lot['minQty'] ?? '0'),
      maxQty: Decimal.parse(lot['maxQty'] ?? '0'),
      minNotional: Decimal.parse(filter('MIN_NOTIONAL')?.['notional'] ?? '0'),
    });
  }
  return rules;
}

const multipleOf = (value: Decimal, step: Decimal) => step.isZero() || value.isMultipleOf(step);

/** Why the venue would refuse this price (its own words), or null. `0` bounds mean none. */
export function binancePriceViolation(price: Decimal, rules: BinanceSymbolRules): string | null {
  if (!multipleOf(price, rules.tickSize))
    return `Price not increased by tick size (${rules.tickSize}).`;
  if (!rules.minPrice.isZero() && price.lt(rules.minPrice))
    return `Price less than min price (${rules.minPrice}).`;
  if (!rules.maxPrice.isZero() && price.gt(rules.maxPrice))
    return `Price greater than max price (${rules.maxPrice}).`;
  return null;
}

export function binanceQuantityViolation(
  quantity: Decimal,
  rules: BinanceSymbolRules,
): string | null {
  if (!multipleOf(quantity, rules.stepSize))
    return `Precision is over the maximum defined for this asset (step ${rules.stepSize}).`;
  if (quantity.lt(rules.minQty)) return `Quantity less than min quantity (${rules.minQty}).`;
  if (!rules.maxQty.isZero() && quantity.gt(rules.maxQty))
    return `Quantity greater than max quantity (${rules.maxQty}).`;
  return null;
}
