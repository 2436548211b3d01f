import { describe, expect, it } from 'vitest';
import { InvalidInstrumentError } from './instrument.ts';
import { instrumentFromText, type InstrumentText } from './instrument-text.ts';

const btc: InstrumentText = {
  symbol: 'BTC-PERP',
  baseAsset: 'BTC',
  quoteAsset: 'USD',
  tickSize: '0.5',
  lotSize: '0.001',
  minQuantity: '0.001',
  maxQuantity: '100',
  maxNotional: '5000000',
  initialMarginRate: '0.1',
  maintenanceMarginRate: '0.05',
  priceBandRate: '0.05',
  status: 'trading',
};

describe('instrumentFromText', () => {
  it('parses every decimal exactly', () => {
    const instrument = instrumentFromText(btc);
    expect(instrument.tickSize.toString()).toBe('0.5');
    expect(instrument.lotSize.toString()).toBe('0.001');
    expect(instrument.maintenanceMarginRate.toString()).toBe('0.05');
    expect(instrument.symbol).toBe('BTC-PERP');
  });
  it('refuses a malformed decimal', () => {
    expect(() => instrumentFromText({ ...btc, tickSize: '0,5' })).toThrow();
  });
  it('applies the instrument rules', () => {
    expect(() => instrumentFromText({ ...btc, minQuantity: '0.0015' })).toThrow(
      InvalidInstrumentError,
    );
  });
});
