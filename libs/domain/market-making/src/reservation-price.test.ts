import { describe, expect, it } from 'vitest';
import { inventoryRisk, reservationPrice, type ReservationPriceInput } from './index.ts';
import { d } from './test-support/fixtures.ts';

const input = (overrides: Partial<ReservationPriceInput> = {}): ReservationPriceInput => ({
  reference: d('100'),
  position: d('2'),
  inventoryTarget: d('0.5'),
  riskAversion: d('0.1'),
  variancePerSecond: d('0.04'),
  horizonSeconds: d('60'),
  ...overrides,
});

describe('reservationPrice', () => {
  it('is s − (q − target)·γ·σ²·T', () => {
    // (2 − 0.5) × 0.1 × 0.04 × 60 = 0.36.
    expect(reservationPrice(input()).toString()).toBe('99.64');
  });

  it('is below the reference when long of the target, above when short, equal at it', () => {
    expect(reservationPrice(input({ position: d('3') })).lt(d('100'))).toBe(true);
    expect(reservationPrice(input({ position: d('-3') })).gt(d('100'))).toBe(true);
    expect(reservationPrice(input({ position: d('0.5') })).toString()).toBe('100');
  });

  it('ignores inventory without risk aversion or volatility', () => {
    expect(reservationPrice(input({ riskAversion: d('0') })).toString()).toBe('100');
    expect(reservationPrice(input({ variancePerSecond: d('0') })).toString()).toBe('100');
  });

  it('multiplies exactly and rounds once, half-even, at the 18th digit', () => {
    const tiny = (variance: string) =>
      reservationPrice(
        input({
          position: d('1'),
          inventoryTarget: d('0'),
          riskAversion: d('0.000000001'),
          variancePerSecond: d(variance),
          horizonSeconds: d('1'),
        }),
      ).toString();
    // Skews of 0.5, 1.5 and 2.5 × 10^-18 round to the even 0, 2 and 2 × 10^-18.
    expect(tiny('0.0000000005')).toBe('100');
    expect(tiny('0.0000000015')).toBe('99.999999999999999998');
    expect(tiny('0.0000000025')).toBe('99.999999999999999998');
  });

  it('inventoryRisk is γ·σ²·T', () => {
    expect(inventoryRisk(d('0.1'), d('0.04'), d('60')).toString()).toBe('0.24');
  });
});
