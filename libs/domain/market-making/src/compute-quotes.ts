import type { Decimal } from '@perp/decimal';
import type { OrderSide } from '@perp/trading-domain';
import type { AllowedSides } from './allowed-sides.ts';
import type { DesiredQuote } from './desired-quote.ts';
import { halfSpread } from './half-spread.ts';
import { ladderSizes } from './ladder-sizes.ts';
import { MarketMakingError } from './market-making-error.ts';
import type { QuoteInstrument } from './quote-instrument.ts';
import { quoteLadders, type LadderPrice } from './quote-ladder.ts';
import { InvalidQuoteParamsError, validateQuoteParams, type QuoteParams } from './quote-params.ts';
import { inventoryRisk, reservationPrice } from './reservation-price.ts';
import { sideBudget } from './side-budget.ts';

export interface QuoteInputs {
  /** Reference (fair) price s, in quote currency per base unit, > 0. */
  readonly reference: Decimal;
  /** Variance of the reference σ², in price units² per second, ≥ 0 (see `VarianceWindow`). */
  readonly variancePerSecond: Decimal;
  /** Signed position, in base units (long > 0). */
  readonly position: Decimal;
  /** Sides the risk rules allow (see `allowedSides`). */
  readonly sides: AllowedSides;
}

/**
 * The full set of orders the bot wants for one symbol: bids level 0..n−1, then asks level 0..n−1.
 * Prices from the reservation price and half spread on the tick grid; sizes tapered, within the
 * inventory-skewed notional budget and the position limit, on the lot and within the instrument's
 * quantity limits. Pure and deterministic: the same inputs give the same quotes.
 */
export function computeQuotes(
  instrument: QuoteInstrument,
  params: QuoteParams,
  inputs: QuoteInputs,
): DesiredQuote[] {
  const problems = validateQuoteParams(params);
  if (problems.length > 0) throw new InvalidQuoteParamsError(problems);
  const { reference, variancePerSecond, position, sides } = inputs;
  if (!reference.isPositive()) {
    throw new MarketMakingError(
      'QUOTE_INPUT_INVALID',
      `reference must be positive, got ${reference}`,
    );
  }
  if (variancePerSecond.isNegative()) {
    throw new MarketMakingError(
      'QUOTE_INPUT_INVALID',
      `variancePerSecond must be at least 0, got ${variancePerSecond}`,
    );
  }
  if (!sides.buy && !sides.sell) return [];

  const risk = inventoryRisk(params.riskAversion, variancePerSecond, params.horizonSeconds);
  const ladders = quoteLadders({
    reservation: reservationPrice({ ...params, reference, position, variancePerSecond }),
    halfSpread: halfSpread(reference, params.minSpreadBps, risk),
    tickSize: instrument.tickSize,
    levels: params.levels,
    levelSpacingTicks: params.levelSpacingTicks,
  });
  const side = (which: OrderSide, prices: readonly LadderPrice[]): DesiredQuote[] => {
    const sizes = ladderSizes(instrument, {
      side: which,
      prices,
      baseSize: params.baseSize,
      sizeTaper: params.sizeTaper,
      budget: sideBudget(which, { ...params, position }),
      position,
      maxPosition: params.maxPosition,
    });
    const quotes: DesiredQuote[] = [];
    prices.forEach(({ level, price }, i) => {
      const quantity = sizes[i];
      if (quantity !== undefined && !quantity.isZero()) {
        quotes.push({ side: which, level, price, quantity });
      }
    });
    return quotes;
  };
  return [
    ...(sides.buy ? side('buy', ladders.bids) : []),
    ...(sides.sell ? side('sell', ladders.asks) : []),
  ];
}
