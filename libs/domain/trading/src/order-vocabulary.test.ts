import { describe, expect, it } from 'vitest';
import { OrderStatuses, isImmediateOrder, isOpenStatus, signedQuantity } from './index.ts';
import { d } from './test-support/fixtures.ts';

describe('order vocabulary', () => {
  it('treats submitted, accepted, partially filled and pending cancel as open', () => {
    expect(OrderStatuses.filter(isOpenStatus)).toEqual([
      'submitted',
      'accepted',
      'partially_filled',
      'pending_cancel',
    ]);
  });

  it('market, ioc and fok orders never rest; a gtc limit order does', () => {
    expect(isImmediateOrder({ type: 'limit', timeInForce: 'gtc' })).toBe(false);
    expect(isImmediateOrder({ type: 'limit', timeInForce: 'ioc' })).toBe(true);
    expect(isImmediateOrder({ type: 'limit', timeInForce: 'fok' })).toBe(true);
    expect(isImmediateOrder({ type: 'market', timeInForce: 'gtc' })).toBe(true);
  });

  it('signs quantities by side', () => {
    expect(signedQuantity('buy', d('1.5')).toString()).toBe('1.5');
    expect(signedQuantity('sell', d('1.5')).toString()).toBe('-1.5');
  });
});
