import { Decimal } from '@perp/decimal';
import { describe, expect, it } from 'vitest';
import { feeInUsd } from './fee-in-usd.ts';

const d = Decimal.parse;
const usd = (sats: string, price: string) => feeInUsd(d(sats), d(price)).toString();

describe('feeInUsd', () => {
  it('is sats x 10^-8 x price, exact where it fits 18 digits', () => {
    expect(usd('169', '59000.5')).toBe('0.099710845');
    expect(usd('100000000', '60000')).toBe('60000');
    expect(usd('0', '59000.5')).toBe('0');
  });

  it('rounds toward +infinity at the 18th digit: a fee up, a rebate toward zero', () => {
    // 0.0997836851228529455 exactly.
    expect(usd('169.1234567891', '59000.5')).toBe('0.099783685122852946');
    expect(usd('-169.1234567891', '59000.5')).toBe('-0.099783685122852945');
    // 10^-18 sats is far below 10^-18 USD: still never less than the venue charged.
    expect(usd('0.000000000000000001', '59000.5')).toBe('0.000000000000000001');
    expect(usd('-0.000000000000000001', '59000.5')).toBe('0');
  });
});
