import type { AccountId, ClientOrderId, OrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { RecentOrders } from './recent-orders.ts';

const alice = 'alice' as AccountId;
const bob = 'bob' as AccountId;
const c1 = 'c-1' as ClientOrderId;

describe('RecentOrders', () => {
  it('knows the order of a client order id per account', () => {
    const recent = new RecentOrders();
    recent.placed(alice, c1, 'o-1' as OrderId);
    expect(recent.orderIdOf(alice, c1)).toBe('o-1');
    expect(recent.orderIdOf(bob, c1)).toBeUndefined();
  });

  it('answers a repeated answer once, then forgets it', () => {
    const recent = new RecentOrders();
    recent.answered('sim:accepted:o-1');
    expect(recent.takeAnswered('sim:accepted:o-1')).toBe(true);
    expect(recent.takeAnswered('sim:accepted:o-1')).toBe(false);
    expect(recent.takeAnswered('sim:canceled:o-1')).toBe(false);
  });

  it('drops the oldest entries beyond its capacity', () => {
    const recent = new RecentOrders(2);
    for (const n of [1, 2, 3]) {
      recent.placed(alice, `c-${n}` as ClientOrderId, `o-${n}` as OrderId);
      recent.answered(`sim:accepted:o-${n}`);
    }
    expect(recent.orderIdOf(alice, 'c-1' as ClientOrderId)).toBeUndefined();
    expect(recent.orderIdOf(alice, 'c-3' as ClientOrderId)).toBe('o-3');
    expect(recent.takeAnswered('sim:accepted:o-1')).toBe(false);
    expect(recent.takeAnswered('sim:accepted:o-2')).toBe(true);
  });
});
