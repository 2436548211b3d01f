import { Decimal, Rounding } from '@perp/decimal';
import { describe, expect, it } from 'vitest';
import { priceViolation, roundPrice, sizeViolation, wireNumber } from './wire-numbers.ts';

const d = Decimal.parse;
const BTC = { szDecimals: 5, market: 'perp' } as const; // 1 decimal of price at most
const ETH = { szDecimals: 4, market: 'perp' } as const;
const SMALL = { szDecimals: 0, market: 'perp' } as const;

describe('Hyperliquid price rules', () => {
  it('takes 5 significant figures within 6 - szDecimals decimals, and any integer', () => {
    expect(priceViolation(d('1670.1'), ETH)).toBeNull();
    expect(priceViolation(d('60123'), BTC)).toBeNull();
    expect(priceViolation(d('123456'), BTC)).toBeNull(); // integers always
    expect(priceViolation(d('0.012345'), SMALL)).toBeNull();
    expect(priceViolation(d('12345.6'), BTC)).toMatch(/significant figures/);
    expect(priceViolation(d('1.2345'), BTC)).toMatch(/1 decimals/);
    expect(priceViolation(d('0.0123456'), SMALL)).toMatch(/6 decimals/);
    expect(priceViolation(d('0'), BTC)).toMatch(/positive/);
    expect(priceViolation(d('-1'), BTC)).toMatch(/positive/);
  });

  it('rounds a slippage bound into the rules in the direction asked', () => {
    expect(roundPrice(d('60123.456'), BTC, Rounding.Up).toString()).toBe('60124');
    expect(roundPrice(d('60123.456'), BTC, Rounding.Down).toString()).toBe('60123');
    expect(roundPrice(d('1670.1234'), ETH, Rounding.HalfEven).toString()).toBe('1670.1');
    expect(roundPrice(d('0.000123456'), SMALL, Rounding.Down).toString()).toBe('0.000123');
    // Crossing a power of ten leaves one decimal fewer: 9.99996 -> 10.000 -> 10
    const crossed = roundPrice(d('9.999996'), SMALL, Rounding.Up);
    expect(crossed.toString()).toBe('10');
    expect(priceViolation(crossed, SMALL)).toBeNull();
  });

  it('takes sizes of szDecimals decimals at most', () => {
    expect(sizeViolation(d('0.00001'), BTC)).toBeNull();
    expect(sizeViolation(d('0.000001'), BTC)).toMatch(/5 decimals/);
    expect(sizeViolation(d('0'), BTC)).toMatch(/positive/);
  });

  it('writes numbers without trailing zeros or exponents', () => {
    expect(wireNumber(d('100.000'))).toBe('100');
    expect(wireNumber(d('0.0000001'))).toBe('0.0000001');
    expect(wireNumber(d('1670.10'))).toBe('1670.1');
  });
});
