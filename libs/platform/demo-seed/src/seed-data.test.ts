// The demo seed's instruments as the sim-venue and the config table each read them.
import { describe, expect, it } from 'vitest';
import { SEED_INSTRUMENTS, TEST_INSTRUMENTS, listedInstrument, simVenueSymbols } from './index.ts';

describe('the seed', () => {
  it('formats the sim-venue symbols from the same ticks and lots the config table lists', () => {
    expect(simVenueSymbols(SEED_INSTRUMENTS)).toBe(
      'BTC-PERP:0.5:0.001:60000,ETH-PERP:0.05:0.01:3000',
    );
    const listed = listedInstrument(SEED_INSTRUMENTS[0] as (typeof SEED_INSTRUMENTS)[0]);
    expect(listed.status).toBe('trading');
    expect(listed.tickSize.toString()).toBe('0.5');
    expect(listed).not.toHaveProperty('startPrice');
  });

  it('test instruments differ from the seed only in ETH-PERP’s minimum, above its lot', () => {
    const eth = TEST_INSTRUMENTS.find((i) => i.symbol === 'ETH-PERP');
    expect(eth?.minQuantity).toBe('0.05');
    expect(TEST_INSTRUMENTS.map((i) => ({ ...i, minQuantity: '' }))).toEqual(
      SEED_INSTRUMENTS.map((i) => ({ ...i, minQuantity: '' })),
    );
  });
});
