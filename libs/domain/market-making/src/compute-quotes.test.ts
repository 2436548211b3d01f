import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import {
  computeQuotes,
  InvalidQuoteParamsError,
  MarketMakingError,
  reservationPrice,
  type QuoteInputs,
} from './index.ts';
import {
  asksOf,
  bidsOf,
  BOTH,
  btc,
  d,
  notional,
  params,
  shown,
  totalQuantity,
} from './test-support/fixtures.ts';

const flat = (overrides: Partial<QuoteInputs> = {}): QuoteInputs => ({
  reference: d('50000'),
  variancePerSecond: d('0'),
  position: d('0'),
  sides: BOTH,
  ...overrides,
});

describe('computeQuotes: price grid', () => {
  it('puts n levels per side, spaced by levelSpacingTicks, around the min spread', () => {
    // h = 50000 × 10 / 20000 = 25; spacing 2 ticks of 0.5 = 1.
    expect(shown(computeQuotes(btc(), params(), flat()))).toEqual([
      'buy 0 0.1 @ 49975',
      'buy 1 0.05 @ 49974',
      'buy 2 0.025 @ 49973',
      'sell 0 0.1 @ 50025',
      'sell 1 0.05 @ 50026',
      'sell 2 0.025 @ 50027',
    ]);
  });

  it('rounds the inner bid down and the inner ask up onto the tick', () => {
    // h = 50000.3 × 10 / 20000 = 25.00015: r − h = 49975.29985, r + h = 50025.30015.
    const quotes = computeQuotes(btc(), params({ levels: 1 }), flat({ reference: d('50000.3') }));
    expect(shown(quotes)).toEqual(['buy 0 0.1 @ 49975', 'sell 0 0.1 @ 50025.5']);
  });

  it('keeps the inner spread at least minSpreadBps of the reference', () => {
    for (const bps of ['0.5', '3', '10', '25', '100']) {
      const reference = d('61234.5');
      const quotes = computeQuotes(btc(), params({ minSpreadBps: d(bps) }), flat({ reference }));
      const spread = (asksOf(quotes)[0]?.price ?? Decimal.ZERO).sub(
        bidsOf(quotes)[0]?.price ?? Decimal.ZERO,
      );
      const minimum = reference.mulDiv(d(bps), d('10000'), 'ceil');
      expect(spread.gte(minimum), `${bps} bps`).toBe(true);
      // Rounding widens each side by less than a tick.
      expect(spread.lt(minimum.add(d('1'))), `${bps} bps`).toBe(true);
    }
  });

  it('widens by the inventory term γσ²T/2 when it exceeds the minimum', () => {
    // γσ²T = 0.001 × 1000 × 60 = 60, so h = max(25, 30) = 30.
    const quotes = computeQuotes(
      btc(),
      params({ levels: 1, riskAversion: d('0.001') }),
      flat({ variancePerSecond: d('1000') }),
    );
    expect(shown(quotes)).toEqual(['buy 0 0.1 @ 49970', 'sell 0 0.1 @ 50030']);
  });

  it('never lets its own bid touch its ask: a zero spread on a tick gets one tick', () => {
    const quotes = computeQuotes(btc(), params({ levels: 1, minSpreadBps: d('0') }), flat());
    expect(shown(quotes)).toEqual(['buy 0 0.1 @ 50000', 'sell 0 0.1 @ 50000.5']);
  });

  it('drops levels whose price would not be positive, keeping the others their level number', () => {
    // h = 1 × 10000 / 20000 = 0.5: bids 0.5, −0.5, −1.5; asks 1.5, 2.5, 3.5.
    const quotes = computeQuotes(
      btc(),
      params({ minSpreadBps: d('10000'), baseSize: d('1'), sizeTaper: d('1') }),
      flat({ reference: d('1') }),
    );
    expect(shown(quotes)).toEqual([
      'buy 0 1 @ 0.5',
      'sell 0 1 @ 1.5',
      'sell 1 1 @ 2.5',
      'sell 2 1 @ 3.5',
    ]);
  });
});

describe('computeQuotes: sizes', () => {
  it('tapers sizes geometrically level by level', () => {
    const quotes = computeQuotes(
      btc(),
      params({ levels: 4, baseSize: d('0.8'), sizeTaper: d('0.75') }),
      flat(),
    );
    // 0.8, 0.6, 0.45, 0.3375 on both sides.
    expect(bidsOf(quotes).map((q) => q.quantity.toString())).toEqual([
      '0.8',
      '0.6',
      '0.45',
      '0.337',
    ]);
    expect(asksOf(quotes).map((q) => q.quantity.toString())).toEqual([
      '0.8',
      '0.6',
      '0.45',
      '0.337',
    ]);
  });

  it('rounds sizes down to the lot and drops levels below minQuantity', () => {
    // 0.0237 → 0.023; 0.01185 → 0.011; 0.005925 → 0.005 < 0.01: dropped.
    const quotes = computeQuotes(
      btc({ minQuantity: d('0.01') }),
      params({ baseSize: d('0.0237') }),
      flat(),
    );
    expect(bidsOf(quotes).map((q) => `${q.level}:${q.quantity.toString()}`)).toEqual([
      '0:0.023',
      '1:0.011',
    ]);
  });

  it('caps a level at the instrument maxQuantity', () => {
    const quotes = computeQuotes(
      btc(),
      params({ baseSize: d('25'), maxPosition: d('1000') }),
      flat(),
    );
    expect(bidsOf(quotes).map((q) => q.quantity.toString())).toEqual(['10', '10', '6.25']);
  });

  it('scales a ladder over its notional budget down proportionally', () => {
    // Budget per side 100 × 1 / 2 = 50. h = 100 × 100 / 20000 = 0.5: bids 99.5 + 99.49 = 198.99
    // per unit, so each bid is 50 / 198.99 = 0.25126… → 0.251; asks 50 / 201.01 = 0.24874… → 0.248.
    const instrument = btc({ tickSize: d('0.01') });
    const quotes = computeQuotes(
      instrument,
      params({
        levels: 2,
        levelSpacingTicks: 1,
        minSpreadBps: d('100'),
        baseSize: d('1'),
        sizeTaper: d('1'),
        floatAmount: d('100'),
      }),
      flat({ reference: d('100') }),
    );
    expect(shown(quotes)).toEqual([
      'buy 0 0.251 @ 99.5',
      'buy 1 0.251 @ 99.49',
      'sell 0 0.248 @ 100.5',
      'sell 1 0.248 @ 100.51',
    ]);
    expect(notional(bidsOf(quotes)).lte(d('50'))).toBe(true);
    expect(notional(asksOf(quotes)).lte(d('50'))).toBe(true);
  });

  it('keeps the taper shape when scaling and never scales up', () => {
    const scaled = computeQuotes(btc(), params({ floatAmount: d('5000') }), flat());
    // Unscaled notional ≈ 50000 × 0.175 = 8750 per side against a budget of 2500.
    const bids = bidsOf(scaled).map((q) => q.quantity);
    expect(notional(bidsOf(scaled)).lte(d('2500'))).toBe(true);
    expect(notional(bidsOf(scaled)).gt(d('2400'))).toBe(true);
    // Halving per level survives scaling, to within a lot.
    expect(
      bids[0]
        ?.sub((bids[1] ?? Decimal.ZERO).mul(d('2')))
        .abs()
        .lte(d('0.002')),
    ).toBe(true);
    const roomy = computeQuotes(btc(), params({ floatAmount: d('1000000') }), flat());
    expect(bidsOf(roomy).map((q) => q.quantity.toString())).toEqual(['0.1', '0.05', '0.025']);
  });

  it('caps each side so a full fill stays within maxPosition, trimming the outer levels', () => {
    const taperless = params({ sizeTaper: d('1') });
    const near = computeQuotes(btc(), taperless, flat({ position: d('9.8') }));
    expect(bidsOf(near).map((q) => `${q.level}:${q.quantity.toString()}`)).toEqual([
      '0:0.1',
      '1:0.1',
    ]);
    expect(asksOf(near).map((q) => q.quantity.toString())).toEqual(['0.1', '0.1', '0.1']);

    const partial = computeQuotes(btc(), taperless, flat({ position: d('-9.95') }));
    expect(asksOf(partial).map((q) => `${q.level}:${q.quantity.toString()}`)).toEqual(['0:0.05']);
    expect(totalQuantity(asksOf(partial)).lte(d('0.05'))).toBe(true);

    const beyond = computeQuotes(btc(), taperless, flat({ position: d('10.5') }));
    expect(bidsOf(beyond)).toEqual([]);
    expect(asksOf(beyond)).toHaveLength(3);
  });

  it('quotes only the sides allowed', () => {
    expect(
      computeQuotes(btc(), params(), flat({ sides: { buy: false, sell: true } })).map(
        (q) => q.side,
      ),
    ).toEqual(['sell', 'sell', 'sell']);
    expect(
      computeQuotes(btc(), params(), flat({ sides: { buy: true, sell: false } })).map(
        (q) => q.side,
      ),
    ).toEqual(['buy', 'buy', 'buy']);
    expect(computeQuotes(btc(), params(), flat({ sides: { buy: false, sell: false } }))).toEqual(
      [],
    );
  });
});

describe('computeQuotes: inventory skew', () => {
  // γσ²T = 0.0001 × 100 × 60 = 0.6 per BTC of excess; budget per side 15000.
  const skewed = params({ riskAversion: d('0.0001'), floatAmount: d('30000') });
  const at = (position: string) =>
    computeQuotes(btc(), skewed, flat({ variancePerSecond: d('100'), position: d(position) }));

  it('long: quotes lower and bids less than it asks', () => {
    const long = at('5');
    const neutral = at('0');
    // r = 50000 − 5 × 0.6 = 49997.
    expect(bidsOf(long)[0]?.price.toString()).toBe('49972');
    expect(asksOf(long)[0]?.price.toString()).toBe('50022');
    expect(bidsOf(long)[0]?.price.lt(bidsOf(neutral)[0]?.price ?? Decimal.ZERO)).toBe(true);
    // inv = 0.5: the bid budget halves to 7500 below the unscaled ≈ 8745; the asks are unscaled.
    expect(notional(bidsOf(long)).lte(d('7500'))).toBe(true);
    expect(totalQuantity(bidsOf(long)).lt(totalQuantity(asksOf(long)))).toBe(true);
    expect(totalQuantity(asksOf(long)).eq(totalQuantity(asksOf(neutral)))).toBe(true);
  });

  it('short: quotes higher and asks less than it bids', () => {
    const short = at('-5');
    const neutral = at('0');
    expect(asksOf(short)[0]?.price.toString()).toBe('50028');
    expect(asksOf(short)[0]?.price.gt(asksOf(neutral)[0]?.price ?? Decimal.ZERO)).toBe(true);
    expect(notional(asksOf(short)).lte(d('7500'))).toBe(true);
    expect(totalQuantity(asksOf(short)).lt(totalQuantity(bidsOf(short)))).toBe(true);
  });

  it('steers to the inventory target, not to flat', () => {
    const targeted = params({ ...skewed, inventoryTarget: d('5') });
    const quotes = computeQuotes(
      btc(),
      targeted,
      flat({ variancePerSecond: d('100'), position: d('5') }),
    );
    expect(shown(quotes)).toEqual(shown(at('0')));
    expect(
      reservationPrice({
        ...targeted,
        reference: d('50000'),
        position: d('5'),
        variancePerSecond: d('100'),
      }).toString(),
    ).toBe('50000');
  });
});

describe('computeQuotes: contract', () => {
  it('refuses invalid params, naming the field', () => {
    expect(() => computeQuotes(btc(), params({ sizeTaper: d('1.5') }), flat())).toThrow(
      InvalidQuoteParamsError,
    );
    expect(() => computeQuotes(btc(), params({ levels: 0 }), flat())).toThrow(/levels/);
  });

  it('refuses a non-positive reference or a negative variance', () => {
    expect(() => computeQuotes(btc(), params(), flat({ reference: d('0') }))).toThrow(
      MarketMakingError,
    );
    expect(() => computeQuotes(btc(), params(), flat({ variancePerSecond: d('-1') }))).toThrow(
      /variancePerSecond/,
    );
  });
});
