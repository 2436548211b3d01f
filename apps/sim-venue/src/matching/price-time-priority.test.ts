import type { VenueOrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { depthOf, fillSummary, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { limit } from '../test-support/matching-commands.ts';

describe('price-time priority', () => {
  it('fills the better price first, whatever the arrival order', () => {
    const { engine } = newEngine();
    const worse = place(engine, limit('maker-a', 'sell', 101, 5));
    const better = place(engine, limit('maker-b', 'sell', 100, 5));

    const events = engine.placeOrder(limit('taker', 'buy', 101, 5));

    expect(ofKind(events, 'fill').filter((f) => f.liquidity === 'maker')).toEqual([
      expect.objectContaining({ venueOrderId: better, priceTicks: 100, quantityLots: 5 }),
    ]);
    expect(ofKind(events, 'fill').some((f) => f.venueOrderId === worse)).toBe(false);
  });

  it('fills the older order first within a level', () => {
    const { engine, book } = newEngine();
    const first = place(engine, limit('maker-a', 'buy', 100, 3));
    const second = place(engine, limit('maker-b', 'buy', 100, 3));
    const third = place(engine, limit('maker-c', 'buy', 100, 3));

    const events = engine.placeOrder(limit('taker', 'sell', 100, 4));

    const makers = ofKind(events, 'fill').filter((f) => f.liquidity === 'maker');
    expect(makers.map((f) => [f.venueOrderId, f.quantityLots, f.remainingLots])).toEqual([
      [first, 3, 0],
      [second, 1, 2],
    ]);
    expect(book.openOrder(first)).toBeUndefined();
    expect(book.openOrder(second)?.remainingLots).toBe(2);
    expect(book.openOrder(third)?.remainingLots).toBe(3);
  });

  it('trades at the resting price, not the taker limit', () => {
    const { engine } = newEngine();
    place(engine, limit('maker', 'sell', 100, 2));
    const events = engine.placeOrder(limit('taker', 'buy', 105, 2));
    expect(ofKind(events, 'trade')).toEqual([
      expect.objectContaining({ priceTicks: 100, quantityLots: 2, aggressorSide: 'buy' }),
    ]);
  });

  it('partially fills across levels and rests the remainder at its limit', () => {
    const { engine, book } = newEngine();
    const a = place(engine, limit('maker', 'sell', 100, 2));
    const b = place(engine, limit('maker', 'sell', 101, 3));
    const c = place(engine, limit('maker', 'sell', 102, 4));
    place(engine, limit('maker', 'sell', 104, 1));

    const events = engine.placeOrder(limit('taker', 'buy', 102, 12, { orderId: 'big' }));
    const taker = ofKind(events, 'accepted')[0]?.venueOrderId as VenueOrderId;

    expect(fillSummary(events)).toEqual([
      [a, 'maker', 100, 2, 0],
      [taker, 'taker', 100, 2, 10],
      [b, 'maker', 101, 3, 0],
      [taker, 'taker', 101, 3, 7],
      [c, 'maker', 102, 4, 0],
      [taker, 'taker', 102, 4, 3],
    ]);
    expect(book.openOrder(taker)).toMatchObject({
      priceTicks: 102,
      filledLots: 9,
      remainingLots: 3,
    });
    expect(depthOf(book)).toEqual({ bids: [[102, 3]], asks: [[104, 1]] });
  });

  it('gives maker and taker fills of one trade the same trade id, and ids from a counter', () => {
    const { engine } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));
    place(engine, limit('maker', 'sell', 100, 1));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 2));
    expect(ofKind(events, 'fill').map((f) => f.tradeId)).toEqual(['T1', 'T1', 'T2', 'T2']);
    expect(ofKind(events, 'trade').map((t) => t.tradeId)).toEqual(['T1', 'T2']);
    expect(ofKind(events, 'accepted')[0]?.venueOrderId).toBe('O3');
  });

  it('reports events in the order they happen, book update last', () => {
    const { engine } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 2));
    expect(events.map((e) => (e.kind === 'fill' ? `fill:${e.liquidity}` : e.kind))).toEqual([
      'accepted',
      'fill:maker',
      'fill:taker',
      'trade',
      'book_update',
    ]);
  });

  it('does not trade when the limits do not cross', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 101, 1));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 1));
    expect(ofKind(events, 'fill')).toEqual([]);
    expect(depthOf(book)).toEqual({ bids: [[100, 1]], asks: [[101, 1]] });
  });

  it('uses the injected clock for every event of a command', () => {
    const { engine } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));
    const events = engine.placeOrder(limit('taker', 'buy', 100, 1));
    expect(new Set(events.map((e) => e.ts))).toEqual(new Set([1_700_000_000_001]));
  });
});
