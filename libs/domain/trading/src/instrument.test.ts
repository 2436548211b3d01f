import { describe, expect, it } from 'vitest';
import { InvalidInstrumentError, defineInstrument, type Instrument } from './index.ts';
import { btcInstrument, d } from './test-support/fixtures.ts';

function problemsOf(overrides: Partial<Instrument>): readonly string[] {
  try {
    defineInstrument({ ...btcInstrument(), ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInstrumentError);
    expect((error as InvalidInstrumentError).code).toBe('INSTRUMENT_INVALID');
    return (error as InvalidInstrumentError).problems;
  }
  return [];
}

describe('defineInstrument', () => {
  it('returns a frozen copy of a consistent instrument', () => {
    const instrument = btcInstrument();
    expect(Object.isFrozen(instrument)).toBe(true);
    expect(instrument.symbol).toBe('BTC-PERP');
    expect(instrument.tickSize.toString()).toBe('0.5');
  });

  it.each([
    [{ tickSize: d('0') }, 'tickSize must be positive'],
    [{ lotSize: d('-0.001') }, 'lotSize must be positive'],
    [{ minQuantity: d('0') }, 'minQuantity must be positive'],
    [{ maxQuantity: d('0.0005') }, 'maxQuantity must be at least minQuantity'],
    [{ maxNotional: d('0') }, 'maxNotional must be positive'],
    [{ minQuantity: d('0.0015') }, 'minQuantity must be a multiple of lotSize'],
    [{ maxQuantity: d('100.0005') }, 'maxQuantity must be a multiple of lotSize'],
    [
      { tickSize: d('0.0000000001'), lotSize: d('0.000000001') },
      'tickSize and lotSize together may have at most 18 decimal places',
    ],
    [{ initialMarginRate: d('1.5') }, 'initialMarginRate must be in (0, 1]'],
    [{ initialMarginRate: d('0') }, 'initialMarginRate must be in (0, 1]'],
    [
      { maintenanceMarginRate: d('0.2') },
      'maintenanceMarginRate must be in (0, initialMarginRate]',
    ],
    [{ maintenanceMarginRate: d('0') }, 'maintenanceMarginRate must be in (0, initialMarginRate]'],
    [{ priceBandRate: d('1') }, 'priceBandRate must be in (0, 1)'],
    [{ priceBandRate: d('0') }, 'priceBandRate must be in (0, 1)'],
    [
      { status: 'paused' as Instrument['status'] },
      'status must be one of trading, reducing, halted, delisted',
    ],
  ])('refuses %o: %s', (overrides, problem) => {
    expect(problemsOf(overrides)).toContain(problem);
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf({ tickSize: d('0'), maxNotional: d('0'), priceBandRate: d('2') }),
    ).toHaveLength(3);
  });

  it('allows maintenance equal to initial margin rate', () => {
    expect(problemsOf({ initialMarginRate: d('0.05'), maintenanceMarginRate: d('0.05') })).toEqual(
      [],
    );
  });
});
