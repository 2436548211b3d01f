import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGIN_THRESHOLDS, marginStatus, marginUtilization } from './index.ts';
import { d } from './test-support/fixtures.ts';

describe('marginUtilization', () => {
  it('is maintenance margin over equity, rounded up', () => {
    expect(marginUtilization(d('800'), d('1000'))).toEqual(d('0.8'));
    expect(String(marginUtilization(d('1'), d('3')))).toBe('0.333333333333333334');
    expect(marginUtilization(d('1500'), d('1000'))).toEqual(d('1.5'));
  });

  it.each(['0', '-1', '-1000000'])('is infinite with exposure and equity %s', (equity) => {
    expect(marginUtilization(d('1'), d(equity))).toBe('infinite');
  });

  it('is zero without exposure, whatever the equity', () => {
    expect(marginUtilization(d('0'), d('1000'))).toEqual(d('0'));
    expect(marginUtilization(d('0'), d('0'))).toEqual(d('0'));
    expect(marginUtilization(d('0'), d('-5'))).toEqual(d('0'));
  });
});

describe('marginStatus', () => {
  it('defaults to warning at 80 % and liquidation at 100 %', () => {
    expect(DEFAULT_MARGIN_THRESHOLDS.warning.toString()).toBe('0.8');
    expect(DEFAULT_MARGIN_THRESHOLDS.liquidation.toString()).toBe('1');
    expect(Object.isFrozen(DEFAULT_MARGIN_THRESHOLDS)).toBe(true);
  });

  it.each([
    ['0', 'healthy'],
    ['0.799999999999999999', 'healthy'],
    ['0.8', 'warning'],
    ['0.999999999999999999', 'warning'],
    ['1', 'liquidation'],
    ['7.5', 'liquidation'],
  ] as const)('utilisation %s is %s', (utilisation, status) => {
    expect(marginStatus(d(utilisation))).toBe(status);
  });

  it('treats infinite utilisation as liquidation', () => {
    expect(marginStatus('infinite')).toBe('liquidation');
  });

  it('takes configured thresholds', () => {
    const thresholds = { warning: d('0.5'), liquidation: d('0.9') };
    expect(marginStatus(d('0.49'), thresholds)).toBe('healthy');
    expect(marginStatus(d('0.5'), thresholds)).toBe('warning');
    expect(marginStatus(d('0.9'), thresholds)).toBe('liquidation');
  });
});
