import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './index.ts';
import { depthOf, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { cancel, limit, market, symbol } from '../test-support/matching-commands.ts';

describe('book data', () => {
  it('aggregates depth per level, best first, limited to N levels', () => {
    const { engine, book } = newEngine();
    place(engine, limit('a', 'buy', 99, 1));
    place(engine, limit('b', 'buy', 99, 2));
    place(engine, limit('c', 'buy', 97, 4));
    place(engine, limit('d', 'buy', 98, 8));
    place(engine, limit('a', 'sell', 103, 5));
    place(engine, limit('b', 'sell', 101, 6));
    place(engine, limit('c', 'sell', 101, 7));

    expect(depthOf(book, 10)).toEqual({
      bids: [
        [99, 3],
        [98, 8],
        [97, 4],
      ],
      asks: [
        [101, 13],
        [103, 5],
      ],
    });
    expect(depthOf(book, 1)).toEqual({ bids: [[99, 3]], asks: [[101, 13]] });
    expect(depthOf(book, 0)).toEqual({ bids: [], asks: [] });
    expect(book.depth(2)).toMatchObject({ symbol: 'BTC-PERP', seq: 7 });
  });

  it('keeps best bid and ask current', () => {
    const { engine, book } = newEngine();
    expect(book.bestBid()).toBeUndefined();
    const high = place(engine, limit('a', 'buy', 99, 1));
    place(engine, limit('a', 'buy', 95, 1));
    place(engine, limit('a', 'buy', 97, 1));
    place(engine, limit('a', 'sell', 105, 1));
    place(engine, limit('a', 'sell', 102, 1));
    expect([book.bestBid()?.priceTicks, book.bestAsk()?.priceTicks]).toEqual([99, 102]);
    engine.cancelOrder(cancel('a', high));
    expect(book.bestBid()).toMatchObject({ priceTicks: 97, totalLots: 1, orderCount: 1 });
    engine.placeOrder(market('b', 'buy', 1));
    expect(book.bestAsk()?.priceTicks).toBe(105);
  });

  it('numbers book updates 1, 2, 3… and only when the book changed', () => {
    const { engine, book } = newEngine();
    const seqs: number[] = [];
    const record = (events: ReturnType<typeof engine.process>) =>
      seqs.push(...ofKind(events, 'book_update').map((u) => u.seq));

    record(engine.process(limit('a', 'sell', 100, 2)));
    record(engine.process(limit('b', 'buy', 90, 1)));
    record(engine.process(limit('b', 'buy', 100, 1)));
    record(engine.process(limit('b', 'buy', 0, 1))); // rejected: no change
    record(engine.process(market('b', 'sell', 0))); // rejected: no change
    record(engine.process(cancel('a', 'O404'))); // unknown: no change
    record(engine.process(limit('b', 'buy', 100, 5, { timeInForce: 'fok' }))); // no change
    record(engine.process(market('c', 'buy', 1)));

    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(book.seq).toBe(4);
    expect(book.depth(5).seq).toBe(4);
  });

  it('reports each changed level once per command with its final quantity', () => {
    const { engine } = newEngine();
    place(engine, limit('a', 'sell', 100, 1));
    place(engine, limit('b', 'sell', 100, 1));
    place(engine, limit('c', 'sell', 100, 5));
    place(engine, limit('d', 'sell', 101, 5));

    const update = ofKind(engine.placeOrder(limit('e', 'buy', 101, 9)), 'book_update')[0];

    expect(update?.changes).toEqual([
      { side: 'sell', priceTicks: 100, quantityLots: 0 },
      { side: 'sell', priceTicks: 101, quantityLots: 3 },
    ]);
  });

  it('keeps books apart per symbol and shares the id counters', () => {
    let now = 0;
    const engine = new MatchingEngine({
      symbols: [symbol('BTC-PERP'), symbol('ETH-PERP')],
      clock: () => now++,
      venueOrderIdPrefix: 'sim-',
      tradeIdPrefix: 'sim-t-',
    });
    const btc = engine.placeOrder({ ...limit('a', 'sell', 100, 1), symbol: symbol('BTC-PERP') });
    const eth = engine.placeOrder({ ...limit('b', 'buy', 100, 1), symbol: symbol('ETH-PERP') });
    expect(ofKind(btc, 'accepted')[0]?.venueOrderId).toBe('sim-1');
    expect(ofKind(eth, 'accepted')[0]?.venueOrderId).toBe('sim-2');
    expect(ofKind(eth, 'fill')).toEqual([]);
    expect(engine.symbols).toEqual(['BTC-PERP', 'ETH-PERP']);
    expect(() => engine.addSymbol(symbol('BTC-PERP'))).toThrow(/already/);
  });
});

describe('order validation', () => {
  it('rejects bad quantities and prices and unknown symbols, with no venue order id', () => {
    const { engine, book } = newEngine();
    const cases = [
      [limit('a', 'buy', 100, 0), 'INVALID_QUANTITY'],
      [limit('a', 'buy', 100, 1.5), 'INVALID_QUANTITY'],
      [limit('a', 'buy', 100, 2 ** 53), 'INVALID_QUANTITY'],
      [market('a', 'buy', -1), 'INVALID_QUANTITY'],
      [limit('a', 'buy', 0, 1), 'INVALID_PRICE'],
      [limit('a', 'buy', 99.5, 1), 'INVALID_PRICE'],
      [limit('a', 'buy', Number.NaN, 1), 'INVALID_PRICE'],
      [{ ...limit('a', 'buy', 100, 1), symbol: symbol('DOGE-PERP') }, 'UNKNOWN_SYMBOL'],
    ] as const;
    for (const [command, reason] of cases) {
      expect(engine.placeOrder(command)).toEqual([
        expect.objectContaining({ kind: 'rejected', reason, orderId: command.orderId }),
      ]);
    }
    expect(book.seq).toBe(0);
    expect(ofKind(engine.placeOrder(limit('a', 'buy', 100, 1)), 'accepted')[0]?.venueOrderId).toBe(
      'O1',
    );
  });

  it('refuses to rest an order that would overflow a level total past 2^53', () => {
    const { engine, book } = newEngine();
    const max = Number.MAX_SAFE_INTEGER;
    place(engine, limit('a', 'buy', 100, max - 1));
    expect(ofKind(engine.placeOrder(limit('b', 'buy', 100, 2)), 'rejected')[0]?.reason).toBe(
      'LEVEL_QUANTITY_OVERFLOW',
    );
    place(engine, limit('b', 'buy', 100, 1));
    expect(book.bestBid()?.totalLots).toBe(max);
    // Trading against it stays exact at the bound.
    const events = engine.placeOrder(market('c', 'sell', max));
    expect(ofKind(events, 'trade').map((t) => t.quantityLots)).toEqual([max - 1, 1]);
    expect(book.openOrderCount).toBe(0);
  });
});
