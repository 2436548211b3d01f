import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import {
  allowedSides,
  computeQuotes,
  sideBudget,
  type QuoteInstrument,
  type QuoteParams,
} from './index.ts';
import { asksOf, bidsOf, BTC_PERP, d, notional, totalQuantity } from './test-support/fixtures.ts';
import { prng, SEEDS, type Prng } from './test-support/prng.ts';

const CASES = 300;
const TICKS = ['0.01', '0.1', '0.5', '1', '5', '0.0001'].map(d);
const LOTS = ['0.001', '0.01', '0.1', '1', '0.00001'].map(d);

/** A decimal `int × 10^-places` with int drawn from [min, max]. */
const randomDecimal = (random: Prng, min: number, max: number, places: number) =>
  Decimal.fromInt(random.int(min, max)).div(Decimal.fromInt(10 ** places), 'down');

function randomInstrument(random: Prng): QuoteInstrument {
  const lotSize = random.pick(LOTS);
  const minQuantity = lotSize.mul(Decimal.fromInt(random.int(1, 20)));
  return {
    symbol: BTC_PERP,
    tickSize: random.pick(TICKS),
    lotSize,
    minQuantity,
    maxQuantity: minQuantity.mul(Decimal.fromInt(random.int(1, 5_000))),
  };
}

function randomParams(random: Prng): QuoteParams {
  const maxPosition = randomDecimal(random, 1, 100_000, 3);
  return {
    levels: random.int(1, 8),
    // Zero spread and zero risk aversion often: the touching-quotes edge needs h = 0.
    minSpreadBps: random.chance(0.2) ? Decimal.ZERO : randomDecimal(random, 0, 5_000, 2),
    levelSpacingTicks: random.int(1, 20),
    baseSize: randomDecimal(random, 1, 1_000_000, 4),
    sizeTaper: randomDecimal(random, 1, 100, 2),
    floatAmount: randomDecimal(random, 1, 100_000_000, 1),
    activeRatio: randomDecimal(random, 1, 100, 2),
    riskAversion: random.chance(0.2) ? Decimal.ZERO : randomDecimal(random, 1, 10_000, 6),
    horizonSeconds: randomDecimal(random, 1, 3_600, 0),
    inventoryTarget: maxPosition.mul(randomDecimal(random, -99, 99, 2), 'down'),
    maxPosition,
  };
}

describe.each(SEEDS)('quote properties (seed %i)', (seed) => {
  it('every quote is on tick and lot, within the quantity limits; bids < asks; limits hold', () => {
    const random = prng(seed);
    let quoted = 0;
    for (let i = 0; i < CASES; i += 1) {
      const instrument = randomInstrument(random);
      const params = randomParams(random);
      const reference = randomDecimal(random, 1, 10_000_000, random.int(0, 4));
      const position = params.maxPosition.mul(randomDecimal(random, -120, 120, 2), 'down');
      const sides = allowedSides({
        position,
        maxPosition: params.maxPosition,
        marginUtilization: randomDecimal(random, 0, 100, 2),
        maxMarginUtilization: d('0.9'),
        tradingState: random.pick(['active', 'active', 'active', 'reducing'] as const),
        halted: random.chance(0.05),
      });
      const variancePerSecond = random.chance(0.2)
        ? Decimal.ZERO
        : randomDecimal(random, 0, 1_000_000, random.int(0, 8));
      const quotes = computeQuotes(instrument, params, {
        reference,
        variancePerSecond,
        position,
        sides,
      });
      const context = `case ${i}: ${JSON.stringify({ instrument, params, reference, position, variancePerSecond })}`;
      quoted += quotes.length;

      for (const q of quotes) {
        expect(q.price.isPositive(), context).toBe(true);
        expect(q.price.isMultipleOf(instrument.tickSize), context).toBe(true);
        expect(q.quantity.isMultipleOf(instrument.lotSize), context).toBe(true);
        expect(q.quantity.gte(instrument.minQuantity), context).toBe(true);
        expect(q.quantity.lte(instrument.maxQuantity), context).toBe(true);
        expect(q.side === 'buy' ? sides.buy : sides.sell, context).toBe(true);
      }
      const bids = bidsOf(quotes);
      const asks = asksOf(quotes);
      // Bids first, then asks, each by level; prices move outwards.
      expect(quotes, context).toEqual([...bids, ...asks]);
      for (const side of [bids, asks]) {
        for (let k = 1; k < side.length; k += 1) {
          expect((side[k]?.level ?? 0) > (side[k - 1]?.level ?? 0), context).toBe(true);
        }
      }
      const highestBid = bids[0]?.price;
      const lowestAsk = asks[0]?.price;
      if (highestBid !== undefined && lowestAsk !== undefined) {
        expect(highestBid.lt(lowestAsk), context).toBe(true);
      }
      expect(
        bids.every((b) => asks.every((a) => b.price.lt(a.price))),
        context,
      ).toBe(true);
      // A full fill of either side stays within the position limit.
      expect(position.add(totalQuantity(bids)).lte(params.maxPosition.max(position)), context).toBe(
        true,
      );
      expect(
        position.sub(totalQuantity(asks)).gte(params.maxPosition.neg().min(position)),
        context,
      ).toBe(true);
      // Neither side's notional exceeds its skewed budget.
      const budget = { ...params, position };
      expect(notional(bids).lte(sideBudget('buy', budget)), context).toBe(true);
      expect(notional(asks).lte(sideBudget('sell', budget)), context).toBe(true);
    }
    // The generator must exercise the model, not just produce empty books.
    expect(quoted).toBeGreaterThan(CASES);
  });
});
