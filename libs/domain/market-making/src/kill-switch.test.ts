import { describe, expect, it } from 'vitest';
import { killSwitch, utcDayOf } from './index.ts';
import { d } from './test-support/fixtures.ts';

describe('killSwitch', () => {
  it('trips on drawdown when equity falls below the floor', () => {
    expect(killSwitch({ equity: d('8999.99'), equityFloor: d('9000') })).toBe('drawdown');
    expect(killSwitch({ equity: d('9000'), equityFloor: d('9000') })).toBeUndefined();
  });

  it('trips on daily loss when the day lost at least the limit', () => {
    const day = { dayStartEquity: d('10000'), maxDailyLoss: d('500') };
    expect(killSwitch({ ...day, equity: d('9500') })).toBe('daily_loss');
    expect(killSwitch({ ...day, equity: d('9000') })).toBe('daily_loss');
    expect(killSwitch({ ...day, equity: d('9500.01') })).toBeUndefined();
    expect(killSwitch({ ...day, equity: d('12000') })).toBeUndefined();
  });

  it('reports drawdown first when both trip', () => {
    expect(
      killSwitch({
        equity: d('100'),
        equityFloor: d('1000'),
        dayStartEquity: d('10000'),
        maxDailyLoss: d('500'),
      }),
    ).toBe('drawdown');
  });

  it('turns a check off when its limit or baseline is absent', () => {
    expect(killSwitch({ equity: d('-1') })).toBeUndefined();
    expect(killSwitch({ equity: d('1'), dayStartEquity: d('10000') })).toBeUndefined();
    expect(killSwitch({ equity: d('1'), maxDailyLoss: d('500') })).toBeUndefined();
  });
});

describe('utcDayOf', () => {
  it('changes exactly at UTC midnight', () => {
    const midnight = Date.UTC(2024, 1, 29); // a leap day
    expect(utcDayOf(midnight - 1)).toBe('2024-02-28');
    expect(utcDayOf(midnight)).toBe('2024-02-29');
    expect(utcDayOf(midnight + 86_399_999)).toBe('2024-02-29');
    expect(utcDayOf(midnight + 86_400_000)).toBe('2024-03-01');
    expect(utcDayOf(0)).toBe('1970-01-01');
  });

  it('refuses what is not a timestamp', () => {
    expect(() => utcDayOf(Number.NaN)).toThrow(RangeError);
    expect(() => utcDayOf(Date.UTC(10_000, 0, 1))).toThrow(RangeError);
  });
});
