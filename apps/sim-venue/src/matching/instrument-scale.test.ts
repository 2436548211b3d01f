import { describe, expect, it } from 'vitest';
import { InstrumentScale } from './index.ts';

describe('InstrumentScale', () => {
  const btc = new InstrumentScale({ tickSize: '0.5', lotSize: '0.001' });

  it('turns prices into ticks exactly', () => {
    expect(btc.priceToTicks('61234.5')).toEqual({ ok: true, value: 122_469 });
    expect(btc.priceToTicks('61234.50000')).toEqual({ ok: true, value: 122_469 });
    expect(btc.priceToTicks('0')).toEqual({ ok: true, value: 0 });
    expect(btc.priceToTicks('61234.25')).toEqual({ ok: false, reason: 'TICK_SIZE' });
  });

  it('turns quantities into lots exactly, where a float would not be', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floating point.
    const tenths = new InstrumentScale({ tickSize: '0.1', lotSize: '0.1' });
    expect(tenths.quantityToLots('0.3')).toEqual({ ok: true, value: 3 });
    expect(tenths.priceToTicks('0.3')).toEqual({ ok: true, value: 3 });
    expect(btc.quantityToLots('0.125')).toEqual({ ok: true, value: 125 });
    expect(btc.quantityToLots('12')).toEqual({ ok: true, value: 12_000 });
    expect(btc.quantityToLots('0.0005')).toEqual({ ok: false, reason: 'LOT_SIZE' });
  });

  it('handles steps that are not powers of ten and steps above one', () => {
    const scale = new InstrumentScale({ tickSize: '0.25', lotSize: '5' });
    expect(scale.priceToTicks('1.75')).toEqual({ ok: true, value: 7 });
    expect(scale.priceToTicks('1.8')).toEqual({ ok: false, reason: 'TICK_SIZE' });
    expect(scale.quantityToLots('35')).toEqual({ ok: true, value: 7 });
    expect(scale.quantityToLots('36')).toEqual({ ok: false, reason: 'LOT_SIZE' });
    expect(scale.lotsToQuantity(7)).toBe('35');
    expect(scale.ticksToPrice(7)).toBe('1.75');
  });

  it('formats ticks and lots back without trailing zeros', () => {
    expect(btc.ticksToPrice(122_469)).toBe('61234.5');
    expect(btc.ticksToPrice(122_468)).toBe('61234');
    expect(btc.ticksToPrice(1)).toBe('0.5');
    expect(btc.ticksToPrice(0)).toBe('0');
    expect(btc.lotsToQuantity(125)).toBe('0.125');
    expect(btc.lotsToQuantity(1)).toBe('0.001');
    expect(btc.lotsToQuantity(12_000)).toBe('12');
  });

  it('round-trips every value up to the largest safe count', () => {
    const fine = new InstrumentScale({ tickSize: '0.00000001', lotSize: '0.000001' });
    for (const ticks of [1, 7, 10, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      expect(fine.priceToTicks(fine.ticksToPrice(ticks))).toEqual({ ok: true, value: ticks });
      expect(fine.quantityToLots(fine.lotsToQuantity(ticks))).toEqual({ ok: true, value: ticks });
    }
    expect(fine.ticksToPrice(Number.MAX_SAFE_INTEGER)).toBe('90071992.54740991');
  });

  it('refuses counts beyond 2^53 - 1 instead of rounding them', () => {
    const unit = new InstrumentScale({ tickSize: '1', lotSize: '1' });
    expect(unit.priceToTicks('9007199254740991')).toEqual({
      ok: true,
      value: 9_007_199_254_740_991,
    });
    expect(unit.priceToTicks('9007199254740993')).toEqual({ ok: false, reason: 'OUT_OF_RANGE' });
    expect(() => unit.ticksToPrice(2 ** 53)).toThrow(RangeError);
    expect(() => unit.lotsToQuantity(-1)).toThrow(RangeError);
    expect(() => unit.lotsToQuantity(1.5)).toThrow(RangeError);
  });

  it('accepts only plain unsigned decimals', () => {
    for (const text of [
      '',
      '-1',
      '+1',
      '1e3',
      '.5',
      '5.',
      ' 1',
      '1,5',
      '0x10',
      'NaN',
      'Infinity',
    ]) {
      expect(btc.priceToTicks(text)).toEqual({ ok: false, reason: 'INVALID_DECIMAL' });
    }
  });

  it('refuses a zero or malformed step size', () => {
    expect(() => new InstrumentScale({ tickSize: '0', lotSize: '1' })).toThrow(/tickSize/);
    expect(() => new InstrumentScale({ tickSize: '1', lotSize: '0.000' })).toThrow(/lotSize/);
    expect(() => new InstrumentScale({ tickSize: '-1', lotSize: '1' })).toThrow(/tickSize/);
  });
});
