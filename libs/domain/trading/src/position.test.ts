import { describe, expect, it } from 'vitest';
import { Decimal } from '@perp/decimal';
import {
  PositionError,
  applyFill,
  entryPrice,
  flatPosition,
  reducesPosition,
  unrealizedPnl,
  type OrderSide,
  type Position,
  type PositionFill,
} from './index.ts';
import { ALICE, BTC_PERP, ETH_PERP, d } from './test-support/fixtures.ts';

const f = (side: OrderSide, quantity: string, price: string, fee = '0'): PositionFill => ({
  symbol: BTC_PERP,
  side,
  quantity: d(quantity),
  price: d(price),
  fee: d(fee),
});

function run(fills: readonly PositionFill[], start: Position = flatPosition(ALICE, BTC_PERP)) {
  let position = start;
  const realized: string[] = [];
  for (const fill of fills) {
    const change = applyFill(position, fill);
    position = change.position;
    realized.push(change.realizedPnl.toString());
  }
  return { position, realized };
}

const view = (position: Position) => ({
  quantity: position.quantity.toString(),
  costBasis: position.costBasis.toString(),
  entryPrice: entryPrice(position)?.toString() ?? null,
  realizedPnl: position.realizedPnl.toString(),
  fees: position.fees.toString(),
});

describe('applyFill', () => {
  it('opens a long at the fill price', () => {
    const { position, realized } = run([f('buy', '1', '60000', '30')]);
    expect(view(position)).toEqual({
      quantity: '1',
      costBasis: '60000',
      entryPrice: '60000',
      realizedPnl: '0',
      fees: '30',
    });
    expect(realized).toEqual(['0']);
  });

  it('adds at a weighted average entry price', () => {
    const { position } = run([f('buy', '1', '60000', '30'), f('buy', '1', '62000', '31')]);
    expect(view(position)).toEqual({
      quantity: '2',
      costBasis: '122000',
      entryPrice: '61000',
      realizedPnl: '0',
      fees: '61',
    });
  });

  it('reduces, realising PnL against the entry price and keeping it', () => {
    const { position, realized } = run([
      f('buy', '1', '60000'),
      f('buy', '1', '62000'),
      f('sell', '0.5', '63000', '15.75'),
    ]);
    // 0.5 x (63000 - 61000) = 1000
    expect(realized).toEqual(['0', '0', '1000']);
    expect(view(position)).toEqual({
      quantity: '1.5',
      costBasis: '91500',
      entryPrice: '61000',
      realizedPnl: '1000',
      fees: '15.75',
    });
  });

  it('closes to flat: cost basis zero, no entry price, PnL realised in total', () => {
    const { position, realized } = run([
      f('buy', '1', '60000'),
      f('buy', '1', '62000'),
      f('sell', '0.5', '63000'),
      f('sell', '1.5', '60000'),
    ]);
    // 1.5 x (60000 - 61000) = -1500; total 1000 - 1500
    expect(realized.at(-1)).toBe('-1500');
    expect(view(position)).toEqual({
      quantity: '0',
      costBasis: '0',
      entryPrice: null,
      realizedPnl: '-500',
      fees: '0',
    });
  });

  it('flips: closes the whole long, opens the rest short at the fill price', () => {
    const { position, realized } = run([f('buy', '1', '60000'), f('sell', '3', '61000', '9.15')]);
    expect(realized).toEqual(['0', '1000']);
    expect(view(position)).toEqual({
      quantity: '-2',
      costBasis: '122000',
      entryPrice: '61000',
      realizedPnl: '1000',
      fees: '9.15',
    });
  });

  it('flips a short into a long', () => {
    const { position, realized } = run([f('sell', '2', '50000'), f('buy', '5', '49000')]);
    // short 2 closed at 49000: 2 x (50000 - 49000) = 2000; long 3 opened at 49000
    expect(realized).toEqual(['0', '2000']);
    expect(view(position)).toEqual({
      quantity: '3',
      costBasis: '147000',
      entryPrice: '49000',
      realizedPnl: '2000',
      fees: '0',
    });
  });

  it('realises short PnL with the opposite sign', () => {
    const { position, realized } = run([
      f('sell', '2', '50000'),
      f('buy', '1', '48000'),
      f('buy', '0.5', '51000'),
    ]);
    // 1 x (50000 - 48000) = 2000; 0.5 x (50000 - 51000) = -500
    expect(realized).toEqual(['0', '2000', '-500']);
    expect(view(position)).toEqual({
      quantity: '-0.5',
      costBasis: '25000',
      entryPrice: '50000',
      realizedPnl: '1500',
      fees: '0',
    });
  });

  it('keeps the cost basis exact when a reduce share does not divide evenly', () => {
    const { position, realized } = run([
      f('buy', '1', '3'),
      f('buy', '1', '3'),
      f('buy', '1', '4'),
      f('sell', '1', '5'),
      f('sell', '2', '5'),
    ]);
    // Removed cost 10/3 rounds once; the remainder stays in the basis, so the total is exact.
    expect(realized.slice(3)).toEqual(['1.666666666666666667', '3.333333333333333333']);
    expect(position.realizedPnl.toString()).toBe('5');
    expect(position.costBasis.isZero()).toBe(true);
  });

  it('accumulates fees including rebates, separately from PnL', () => {
    const { position } = run([f('buy', '1', '60000', '30'), f('sell', '1', '60100', '-6.01')]);
    expect(position.fees.toString()).toBe('23.99');
    expect(position.realizedPnl.toString()).toBe('100');
  });

  it('never mutates the position it is given', () => {
    const start = Object.freeze(flatPosition(ALICE, BTC_PERP));
    applyFill(start, f('buy', '1', '60000'));
    expect(start.quantity.isZero()).toBe(true);
  });

  it('refuses a fill of another symbol', () => {
    expect(() =>
      applyFill(flatPosition(ALICE, BTC_PERP), { ...f('buy', '1', '1'), symbol: ETH_PERP }),
    ).toThrowError(expect.objectContaining({ code: 'POSITION_SYMBOL_MISMATCH' }));
  });

  it.each([
    ['zero quantity', f('buy', '0', '1')],
    ['negative quantity', f('buy', '-1', '1')],
    ['zero price', f('buy', '1', '0')],
  ])('refuses a fill with %s', (_, fill) => {
    expect(() => applyFill(flatPosition(ALICE, BTC_PERP), fill)).toThrow(PositionError);
    expect(() => applyFill(flatPosition(ALICE, BTC_PERP), fill)).toThrowError(
      expect.objectContaining({ code: 'POSITION_INVALID_FILL' }),
    );
  });
});

describe('unrealizedPnl', () => {
  it('is what closing at the mark would realise', () => {
    const long = run([f('buy', '1', '60000'), f('buy', '1', '62000')]).position;
    expect(unrealizedPnl(long, d('65000')).toString()).toBe('8000');
    expect(unrealizedPnl(long, d('60000')).toString()).toBe('-2000');
    const short = run([f('sell', '2', '50000'), f('buy', '1', '48000')]).position;
    expect(unrealizedPnl(short, d('49000')).toString()).toBe('1000');
    expect(unrealizedPnl(short, d('51000')).toString()).toBe('-1000');
    expect(unrealizedPnl(flatPosition(ALICE, BTC_PERP), d('1')).toString()).toBe('0');
  });

  it('agrees with applyFill: realising at the mark moves unrealised into realised', () => {
    const long = run([f('buy', '0.3', '60000.5'), f('buy', '0.7', '61000')]).position;
    const mark = d('61234.5');
    const closed = applyFill(long, f('sell', '1', mark.toString()));
    expect(closed.realizedPnl.eq(unrealizedPnl(long, mark))).toBe(true);
  });
});

describe('reducesPosition', () => {
  it.each([
    ['1', 'sell', '1', true],
    ['1', 'sell', '0.5', true],
    ['1', 'sell', '1.001', false],
    ['1', 'buy', '0.5', false],
    ['-2', 'buy', '2', true],
    ['-2', 'sell', '1', false],
    ['0', 'buy', '1', false],
    ['0', 'sell', '1', false],
  ] as const)('position %s, %s %s -> %s', (position, side, quantity, expected) => {
    expect(reducesPosition(d(position), side, d(quantity))).toBe(expected);
  });
});

describe('entryPrice', () => {
  it('rounds half-even at 18 digits', () => {
    const position = run([f('buy', '1', '1'), f('buy', '2', '1.5')]).position;
    // cost 4 / 3
    expect(entryPrice(position)?.toString()).toBe('1.333333333333333333');
    expect(Decimal.SCALE).toBe(18);
  });
});
