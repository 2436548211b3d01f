import { describe, expect, it } from 'vitest';
import { depthOf, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { SYMBOL, cancel, limit, symbol } from '../test-support/matching-commands.ts';

describe('cancel', () => {
  it('takes the order off the book, from the middle of its queue', () => {
    const { engine, book } = newEngine();
    const first = place(engine, limit('a', 'buy', 100, 1));
    const middle = place(engine, limit('b', 'buy', 100, 2));
    const last = place(engine, limit('c', 'buy', 100, 3));

    const events = engine.cancelOrder(cancel('b', middle));

    expect(events).toEqual([
      expect.objectContaining({
        kind: 'canceled',
        venueOrderId: middle,
        reason: 'USER_CANCELED',
        filledLots: 0,
        remainingLots: 2,
      }),
      expect.objectContaining({
        kind: 'book_update',
        changes: [{ side: 'buy', priceTicks: 100, quantityLots: 4 }],
      }),
    ]);
    expect(book.openOrder(middle)).toBeUndefined();
    const queue = [...(book.bestBid()?.orders() ?? [])].map((o) => o.venueOrderId);
    expect(queue).toEqual([first, last]);
  });

  it('reports what was filled before the cancel', () => {
    const { engine } = newEngine();
    const resting = place(engine, limit('a', 'sell', 100, 5));
    engine.placeOrder(limit('b', 'buy', 100, 2));
    expect(ofKind(engine.cancelOrder(cancel('a', resting)), 'canceled')[0]).toMatchObject({
      filledLots: 2,
      remainingLots: 3,
    });
  });

  it('drops the level when its last order goes', () => {
    const { engine, book } = newEngine();
    const only = place(engine, limit('a', 'sell', 101, 1));
    place(engine, limit('a', 'sell', 102, 1));
    engine.cancelOrder(cancel('a', only));
    expect(book.bestAsk()?.priceTicks).toBe(102);
    expect(depthOf(book)).toEqual({ bids: [], asks: [[102, 1]] });
  });

  it('answers cancel_rejected for an unknown, finished or foreign order', () => {
    const { engine, book } = newEngine();
    const filled = place(engine, limit('a', 'sell', 100, 1));
    engine.placeOrder(limit('b', 'buy', 100, 1));
    const resting = place(engine, limit('a', 'sell', 100, 1));
    const seqBefore = book.seq;

    for (const command of [
      cancel('a', 'O999'),
      cancel('a', filled),
      cancel('mallory', resting),
      { ...cancel('a', resting), symbol: symbol('ETH-PERP') },
    ]) {
      expect(engine.cancelOrder(command)).toEqual([
        expect.objectContaining({
          kind: 'cancel_rejected',
          reason: 'UNKNOWN_ORDER',
          venueOrderId: command.venueOrderId,
        }),
      ]);
    }
    expect(book.openOrder(resting)).toBeDefined();
    expect(book.seq).toBe(seqBefore);
  });

  it('rejects a second cancel of the same order', () => {
    const { engine } = newEngine();
    const resting = place(engine, limit('a', 'sell', 100, 1));
    expect(ofKind(engine.process(cancel('a', resting)), 'canceled')).toHaveLength(1);
    expect(engine.process(cancel('a', resting)).map((e) => e.kind)).toEqual(['cancel_rejected']);
    expect(SYMBOL).toBe('BTC-PERP');
  });
});
