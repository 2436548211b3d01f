import { describe, expect, it } from 'vitest';
import { SIM_VENUE_ENV } from './config.ts';
import { loadConfig } from '@perp/config';
import { DEFAULT_INSTRUMENTS, parseInstrumentList } from './instruments.ts';

describe('SIM_VENUE_SYMBOLS', () => {
  it('takes built-in defaults for bare symbols and full specs for others', () => {
    expect(parseInstrumentList('BTC-PERP, SOL-PERP:0.01:0.1:150')).toEqual([
      DEFAULT_INSTRUMENTS[0],
      { symbol: 'SOL-PERP', tickSize: '0.01', lotSize: '0.1', startPrice: '150' },
    ]);
  });

  it.each([
    ['', 'at least one'],
    ['DOGE-PERP', 'no defaults'],
    ['SOL-PERP:0.01:0.1', 'SYMBOL:TICK:LOT:START'],
    ['SOL-PERP:0:0.1:150', 'tick size'],
    ['SOL-PERP:0.5:0.1:150.25', 'not on the tick'],
    ['sol:0.5:0.1:150', 'not a symbol'],
    ['BTC-PERP,BTC-PERP', 'twice'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => parseInstrumentList(text)).toThrow(message);
  });
});

describe('the sim-venue config', () => {
  it('has the documented defaults', () => {
    const config = loadConfig(SIM_VENUE_ENV, {});
    expect(config).toMatchObject({
      SIM_VENUE_HOST: '127.0.0.1',
      SIM_VENUE_PORT: 9100,
      SIM_VENUE_DATA_DIR: '.local/sim-venue',
      SIM_VENUE_SYMBOLS: DEFAULT_INSTRUMENTS,
      SIM_VENUE_SEED: 1,
      SIM_VENUE_VOLATILITY: '0.0002',
      SIM_VENUE_MAKER_FEE_RATE: '0.0002',
      SIM_VENUE_TAKER_FEE_RATE: '0.0005',
    });
  });

  it('names every variable that is wrong', () => {
    expect(() =>
      loadConfig(SIM_VENUE_ENV, {
        SIM_VENUE_SYMBOLS: 'DOGE-PERP',
        SIM_VENUE_TAKER_FEE_RATE: '1.5',
        SIM_VENUE_PORT: 'x',
      }),
    ).toThrow(/SIM_VENUE_PORT[\s\S]*SIM_VENUE_SYMBOLS[\s\S]*SIM_VENUE_TAKER_FEE_RATE/);
  });
});
