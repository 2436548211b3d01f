import { describe, expect, it } from 'vitest';
import { fillFee, type FeeSchedule } from './index.ts';
import { d } from './test-support/fixtures.ts';

const schedule: FeeSchedule = { makerRate: d('0.0002'), takerRate: d('0.0005') };

describe('fillFee', () => {
  it('is quantity x price x the taker rate, exactly', () => {
    // 0.123 x 61234.5 = 7531.8435; x 0.0005 = 3.76592175
    expect(fillFee(d('0.123'), d('61234.5'), 'taker', schedule).toString()).toBe('3.76592175');
  });

  it('uses the maker rate for resting fills', () => {
    expect(fillFee(d('2'), d('60000'), 'maker', schedule).toString()).toBe('24');
  });

  it('pays a rebate for a negative maker rate', () => {
    const rebate = { ...schedule, makerRate: d('-0.0001') };
    expect(fillFee(d('1'), d('60000.5'), 'maker', rebate).toString()).toBe('-6.00005');
  });

  it('is zero at a zero rate', () => {
    expect(
      fillFee(d('1'), d('60000'), 'maker', { makerRate: d('0'), takerRate: d('0') }).isZero(),
    ).toBe(true);
  });

  it('rounds towards +infinity only past 18 digits (never undercharges)', () => {
    const fine = { makerRate: d('0.000000001'), takerRate: d('0.000000001') };
    expect(fillFee(d('0.000000001'), d('0.000000001'), 'taker', fine).toString()).toBe(
      '0.000000000000000001',
    );
  });
});
