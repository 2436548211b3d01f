import { describe, expect, it } from 'vitest';
import type { Channel } from '@perp/contracts';
import { HeldSubscriptions } from './held-subscriptions.ts';

const report = (seq: number) => ({ seq, execType: 'accepted' });

describe('HeldSubscriptions', () => {
  it('resumes orders after the snapshot seq, then after the last report delivered', () => {
    const held = new HeldSubscriptions();
    held.add(['orders', 'ticker.BTC-PERP']);
    expect(held.resubscribeRequests()).toEqual([{ channels: ['orders', 'ticker.BTC-PERP'] }]);
    expect(held.admit('orders', { snapshot: true, orders: [], seq: 4 })).toBe(true);
    expect(held.admit('orders', report(5))).toBe(true);
    expect(held.resubscribeRequests()).toEqual([
      { channels: ['orders', 'ticker.BTC-PERP'], since: { orders: 5 } },
    ]);
  });

  it('drops a report at or before the cursor: the overlap of a replay', () => {
    const held = new HeldSubscriptions();
    held.add(['orders'], 7);
    expect(held.admit('orders', report(6))).toBe(false);
    expect(held.admit('orders', report(7))).toBe(false);
    expect(held.admit('orders', report(8))).toBe(true);
    expect(held.admit('orders', report(8))).toBe(false);
    expect(held.ordersSeq).toBe(8);
  });

  it('leaves other channels alone', () => {
    const held = new HeldSubscriptions();
    held.add(['fills'], 3);
    expect(held.admit('fills', { seq: 1 })).toBe(true);
    expect(held.admit('book.BTC-PERP', { seq: 1 })).toBe(true);
  });

  it('forgets the cursor with the orders channel', () => {
    const held = new HeldSubscriptions();
    held.add(['orders', 'fills'], 9);
    held.remove(['orders']);
    expect(held.ordersSeq).toBeUndefined();
    expect(held.resubscribeRequests()).toEqual([{ channels: ['fills'] }]);
  });

  it('splits a restore into requests of at most 50 channels, orders resumed in its own', () => {
    const held = new HeldSubscriptions();
    const tickers = Array.from({ length: 60 }, (_, i) => `ticker.S${i}-PERP` as Channel);
    held.add(['orders', ...tickers], 2);
    const requests = held.resubscribeRequests();
    expect(requests.map((r) => r.channels.length)).toEqual([50, 11]);
    expect(requests[0]?.since).toEqual({ orders: 2 });
    expect(requests[1]?.since).toBeUndefined();
  });
});
