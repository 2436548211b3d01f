import { describe, expect, it } from 'vitest';
import { depthOf, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { limit, market } from '../test-support/matching-commands.ts';

describe('self-trade prevention (expire maker)', () => {
  it('cancels the own resting order and keeps matching behind it', () => {
    const { engine, book } = newEngine();
    const own = place(engine, limit('alice', 'sell', 100, 2));
    const other = place(engine, limit('bob', 'sell', 100, 3));

    const events = engine.placeOrder(limit('alice', 'buy', 100, 3));

    expect(ofKind(events, 'canceled')).toEqual([
      expect.objectContaining({
        venueOrderId: own,
        accountId: 'alice',
        reason: 'SELF_TRADE_PREVENTION',
        filledLots: 0,
        remainingLots: 2,
      }),
    ]);
    const fills = ofKind(events, 'fill');
    expect(fills.map((f) => [f.accountId, f.liquidity, f.quantityLots])).toEqual([
      ['bob', 'maker', 3],
      ['alice', 'taker', 3],
    ]);
    expect(fills[0]?.venueOrderId).toBe(other);
    expect(book.openOrder(own)).toBeUndefined();
    expect(depthOf(book)).toEqual({ bids: [], asks: [] });
  });

  it('never lets an account trade with itself, across levels', () => {
    const { engine, book } = newEngine();
    place(engine, limit('alice', 'sell', 100, 1));
    place(engine, limit('alice', 'sell', 101, 1));
    place(engine, limit('bob', 'sell', 102, 1));

    const events = engine.placeOrder(market('alice', 'buy', 5));

    expect(ofKind(events, 'canceled').map((e) => e.reason)).toEqual([
      'SELF_TRADE_PREVENTION',
      'SELF_TRADE_PREVENTION',
    ]);
    expect(ofKind(events, 'trade')).toEqual([
      expect.objectContaining({ priceTicks: 102, quantityLots: 1 }),
    ]);
    expect(ofKind(events, 'expired')).toEqual([
      expect.objectContaining({ reason: 'MARKET_NO_LIQUIDITY', filledLots: 1, remainingLots: 4 }),
    ]);
    expect(book.openOrderCount).toBe(0);
  });

  it('reports the canceled level in the book update', () => {
    const { engine, book } = newEngine();
    place(engine, limit('alice', 'sell', 100, 2));

    const events = engine.placeOrder(limit('alice', 'buy', 100, 1));

    expect(ofKind(events, 'book_update')[0]?.changes).toEqual([
      { side: 'sell', priceTicks: 100, quantityLots: 0 },
      { side: 'buy', priceTicks: 100, quantityLots: 1 },
    ]);
    expect(depthOf(book)).toEqual({ bids: [[100, 1]], asks: [] });
  });
});
