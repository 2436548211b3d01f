import { describe, expect, it } from 'vitest';
import { depthOf, fillSummary, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { limit } from '../test-support/matching-commands.ts';

describe('time in force', () => {
  it('IOC trades what it can and expires the remainder without resting', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 3));

    const events = engine.placeOrder(limit('taker', 'buy', 100, 5, { timeInForce: 'ioc' }));

    expect(ofKind(events, 'fill').map((f) => f.quantityLots)).toEqual([3, 3]);
    expect(ofKind(events, 'expired')).toEqual([
      expect.objectContaining({ reason: 'IOC_REMAINDER', filledLots: 3, remainingLots: 2 }),
    ]);
    expect(book.openOrderCount).toBe(0);
    expect(depthOf(book)).toEqual({ bids: [], asks: [] });
  });

  it('IOC that fills completely does not expire', () => {
    const { engine } = newEngine();
    place(engine, limit('maker', 'sell', 100, 5));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 5, { timeInForce: 'ioc' }));
    expect(ofKind(events, 'expired')).toEqual([]);
  });

  it('FOK fills entirely when enough liquidity crosses its limit', () => {
    const { engine, book } = newEngine();
    const a = place(engine, limit('maker', 'sell', 100, 2));
    const b = place(engine, limit('maker', 'sell', 101, 3));
    place(engine, limit('maker', 'sell', 102, 9));

    const events = engine.placeOrder(limit('taker', 'buy', 101, 5, { timeInForce: 'fok' }));
    const taker = ofKind(events, 'accepted')[0]?.venueOrderId;

    expect(fillSummary(events)).toEqual([
      [a, 'maker', 100, 2, 0],
      [taker, 'taker', 100, 2, 3],
      [b, 'maker', 101, 3, 0],
      [taker, 'taker', 101, 3, 0],
    ]);
    expect(ofKind(events, 'expired')).toEqual([]);
    expect(depthOf(book)).toEqual({ bids: [], asks: [[102, 9]] });
  });

  it('FOK does nothing at all when it cannot fill entirely', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 2));
    place(engine, limit('maker', 'sell', 101, 3));
    place(engine, limit('maker', 'sell', 102, 9));
    const seqBefore = book.seq;

    // 14 lots exist, but only 5 within the limit.
    const events = engine.placeOrder(limit('taker', 'buy', 101, 6, { timeInForce: 'fok' }));

    expect(events.map((e) => e.kind)).toEqual(['accepted', 'expired']);
    expect(ofKind(events, 'expired')[0]).toMatchObject({
      reason: 'FOK_NOT_FILLABLE',
      filledLots: 0,
      remainingLots: 6,
    });
    expect(depthOf(book)).toEqual({
      bids: [],
      asks: [
        [100, 2],
        [101, 3],
        [102, 9],
      ],
    });
    expect(book.seq).toBe(seqBefore);
  });

  it('FOK does not count the own account’s resting orders as liquidity', () => {
    const { engine, book } = newEngine();
    place(engine, limit('alice', 'sell', 100, 5));
    place(engine, limit('bob', 'sell', 100, 2));

    const events = engine.placeOrder(limit('alice', 'buy', 100, 3, { timeInForce: 'fok' }));

    expect(events.map((e) => e.kind)).toEqual(['accepted', 'expired']);
    expect(depthOf(book)).toEqual({ bids: [], asks: [[100, 7]] });
  });

  it('GTC rests the remainder', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 4));
    expect(ofKind(events, 'expired')).toEqual([]);
    expect(depthOf(book)).toEqual({ bids: [[100, 3]], asks: [] });
  });
});
