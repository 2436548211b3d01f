import { Decimal } from '@perp/decimal';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../instruments.ts';
import { IndexPriceFeed } from './index-price-feed.ts';
import { IndexPriceWalk } from './index-price-walk.ts';

function path(seed: number, steps: number, volatility = '0.0002'): string[] {
  const walk = new IndexPriceWalk({
    start: Decimal.parse('60000'),
    tick: Decimal.parse('0.5'),
    volatility: Decimal.parse(volatility),
    seed,
  });
  return Array.from({ length: steps }, () => walk.step().toString());
}

describe('IndexPriceWalk', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(path(42, 200)).toEqual(path(42, 200));
    expect(path(42, 200)).not.toEqual(path(43, 200));
  });

  it('publishes exact prices on the tick, moving at most the volatility per step', () => {
    let previous = Decimal.parse('60000');
    for (const text of path(7, 1_000, '0.001')) {
      const price = Decimal.parse(text);
      expect(price.isMultipleOf(Decimal.parse('0.5'))).toBe(true);
      // The raw walk moves ≤ 0.1 %; rounding both ends to the tick adds at most one tick.
      const bound = previous.mul(Decimal.parse('0.001'), 'up').add(Decimal.parse('0.5'));
      expect(price.sub(previous).abs().lte(bound)).toBe(true);
      previous = price;
    }
  });

  it('never falls below one tick', () => {
    const walk = new IndexPriceWalk({
      start: Decimal.parse('1'),
      tick: Decimal.parse('0.5'),
      volatility: Decimal.parse('0.4'),
      seed: 3,
    });
    for (let i = 0; i < 500; i += 1) expect(walk.step().gte(Decimal.parse('0.5'))).toBe(true);
  });
});

describe('IndexPriceFeed', () => {
  it('walks each symbol from its start price with its own seed', () => {
    const feed = new IndexPriceFeed({
      instruments: DEFAULT_INSTRUMENTS,
      seed: 1,
      volatility: Decimal.parse('0.0002'),
      intervalMs: 0,
    });
    expect(feed.price('BTC-PERP')?.toString()).toBe('60000');
    expect(feed.price('ETH-PERP')?.toString()).toBe('3000');
    feed.step();
    const eth = feed.price('ETH-PERP') as Decimal;
    expect(eth.isMultipleOf(Decimal.parse('0.05'))).toBe(true);
    expect(feed.price('SOL-PERP')).toBeUndefined();
  });
});
