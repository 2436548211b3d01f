import { describe, expect, it } from 'vitest';
import { depthOf, newEngine, ofKind, place } from '../test-support/engine-harness.ts';
import { limit, market } from '../test-support/matching-commands.ts';

describe('post-only', () => {
  it('is rejected, not repriced, when it would cross', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));

    const events = engine.placeOrder(limit('mm', 'buy', 100, 1, { postOnly: true }));

    expect(events).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        reason: 'POST_ONLY_WOULD_CROSS',
        accountId: 'mm',
      }),
    ]);
    expect(depthOf(book)).toEqual({ bids: [], asks: [[100, 1]] });
  });

  it('rests when it would not cross', () => {
    const { engine, book } = newEngine();
    place(engine, limit('maker', 'sell', 100, 1));

    const events = engine.placeOrder(limit('mm', 'buy', 99, 2, { postOnly: true }));

    expect(ofKind(events, 'accepted')).toEqual([expect.objectContaining({ postOnly: true })]);
    expect(depthOf(book)).toEqual({ bids: [[99, 2]], asks: [[100, 1]] });
  });

  it('rests on an empty book and as a sell below no bids', () => {
    const { engine, book } = newEngine();
    place(engine, limit('mm', 'sell', 100, 1, { postOnly: true }));
    place(engine, limit('mm', 'buy', 99, 1, { postOnly: true }));
    expect(depthOf(book)).toEqual({ bids: [[99, 1]], asks: [[100, 1]] });
    expect(
      ofKind(engine.placeOrder(limit('mm', 'sell', 99, 1, { postOnly: true })), 'rejected'),
    ).toHaveLength(1);
  });

  it('is only valid on GTC limit orders', () => {
    const { engine } = newEngine();
    for (const command of [
      limit('mm', 'buy', 99, 1, { postOnly: true, timeInForce: 'ioc' }),
      limit('mm', 'buy', 99, 1, { postOnly: true, timeInForce: 'fok' }),
      market('mm', 'buy', 1, { postOnly: true }),
    ]) {
      expect(engine.placeOrder(command)).toEqual([
        expect.objectContaining({ kind: 'rejected', reason: 'INVALID_POST_ONLY' }),
      ]);
    }
  });
});
