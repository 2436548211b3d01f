import { describe, expect, it } from 'vitest';
import { depthOf, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { limit, market } from '../test-support/matching-commands.ts';

describe('market orders', () => {
  it('sweep levels best first until filled, with no price limit', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'buy', 100, 2));
    place(engine, limit('maker', 'buy', 98, 2));
    place(engine, limit('maker', 'buy', 50, 2));

    const events = engine.placeOrder(market('taker', 'sell', 5));

    expect(ofKind(events, 'trade').map((t) => [t.priceTicks, t.quantityLots])).toEqual([
      [100, 2],
      [98, 2],
      [50, 1],
    ]);
    expect(ofKind(events, 'accepted')[0]).toMatchObject({ orderType: 'market', priceTicks: null });
    expect(ofKind(events, 'expired')).toEqual([]);
    expect(depthOf(book)).toEqual({ bids: [[50, 1]], asks: [] });
  });

  it('expire the remainder when liquidity runs out', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 2));

    const events = engine.placeOrder(market('taker', 'buy', 5));

    expect(ofKind(events, 'expired')).toEqual([
      expect.objectContaining({ reason: 'MARKET_NO_LIQUIDITY', filledLots: 2, remainingLots: 3 }),
    ]);
    expect(book.openOrderCount).toBe(0);
  });

  it('on an empty book are accepted and expire whole, leaving the book untouched', () => {
    const { engine, book } = newEngine();
    const events = engine.placeOrder(market('taker', 'buy', 5, { timeInForce: 'gtc' }));
    expect(events.map((e) => e.kind)).toEqual(['accepted', 'expired']);
    expect(book.seq).toBe(0);
  });

  it('with FOK fill all or nothing', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 2));
    place(engine, limit('maker', 'sell', 200, 2));

    const refused = engine.placeOrder(market('taker', 'buy', 5, { timeInForce: 'fok' }));
    expect(ofKind(refused, 'expired')[0]?.reason).toBe('FOK_NOT_FILLABLE');
    expect(ofKind(refused, 'fill')).toEqual([]);

    const filled = engine.placeOrder(market('taker', 'buy', 4, { timeInForce: 'fok' }));
    expect(ofKind(filled, 'trade').map((t) => t.priceTicks)).toEqual([100, 200]);
    expect(book.openOrderCount).toBe(0);
  });
});
