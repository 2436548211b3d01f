import { describe, expect, it } from 'vitest';
import {
  OrderError,
  applyOrderEvent,
  cancelRejectedReport,
  createOrder,
  parseVenueOrderId,
  unwrap,
  type Order,
} from './index.ts';
import { accept, d, fill, newOrder, orderIn, replay } from './test-support/fixtures.ts';

function errorOf(fn: () => unknown): { code?: string } | undefined {
  try {
    fn();
  } catch (error) {
    return error as { code?: string };
  }
  return undefined;
}

describe('createOrder', () => {
  it('starts submitted with nothing filled', () => {
    const order = createOrder(newOrder());
    expect(order.status).toBe('submitted');
    expect(order.filledQuantity.isZero()).toBe(true);
    expect(order.remainingQuantity.eq(order.quantity)).toBe(true);
    expect(order.avgFillPrice).toBeNull();
    expect(order.venueOrderId).toBeNull();
    expect(order.acceptedAt).toBeNull();
    expect(order.updatedAt).toBe(order.createdAt);
  });

  it.each([
    ['a zero quantity', { quantity: d('0') }],
    ['a negative quantity', { quantity: d('-1') }],
    ['a limit order without price', { price: null }],
    ['a limit order with a zero price', { price: d('0') }],
    ['a market order with a price', { type: 'market' as const }],
    ['a post-only market order', { type: 'market' as const, price: null, postOnly: true }],
  ])('refuses %s with ORDER_INVALID', (_, overrides) => {
    expect(errorOf(() => createOrder(newOrder(overrides)))).toMatchObject({
      code: 'ORDER_INVALID',
    });
  });

  it('accepts a market order without price', () => {
    expect(
      createOrder(newOrder({ type: 'market', price: null, timeInForce: 'ioc' })).price,
    ).toBeNull();
  });
});

describe('fills', () => {
  it('computes the average fill price exactly from the filled notional', () => {
    const order = replay(orderIn('accepted', { quantity: d('3') }), [
      fill('1', '60000', 3_000),
      fill('2', '60000.5', 3_001),
    ]);
    expect(order.filledNotional.toString()).toBe('180001');
    // 180001 / 3 = 60000.333..., rounded half-even at 18 digits.
    expect(order.avgFillPrice?.toString()).toBe('60000.333333333333333333');
    expect(order.status).toBe('filled');
  });

  it('reports the last fill, the order totals and the fee', () => {
    const { order, report } = applyOrderEvent(orderIn('accepted'), fill('0.25', '59999.5'));
    expect(report).toMatchObject({
      execType: 'trade',
      status: 'partially_filled',
      accountId: order.accountId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      tradeId: 't-3000',
      reason: null,
      ts: 3_000,
    });
    expect(report?.lastFillPrice?.toString()).toBe('59999.5');
    expect(report?.lastFillQuantity?.toString()).toBe('0.25');
    expect(report?.fee?.toString()).toBe('0.5');
    expect(report?.filledQuantity.toString()).toBe('0.25');
    expect(report?.remainingQuantity.toString()).toBe('0.75');
    expect(report?.avgFillPrice?.toString()).toBe('59999.5');
    expect(report?.price?.toString()).toBe('60000');
  });

  it('refuses an overfill with ORDER_OVERFILL and leaves the order as it was', () => {
    const before = orderIn('partially_filled');
    expect(errorOf(() => applyOrderEvent(before, fill('0.76')))).toMatchObject({
      code: 'ORDER_OVERFILL',
    });
    expect(errorOf(() => applyOrderEvent(orderIn('canceled'), fill('1.001')))).toMatchObject({
      code: 'ORDER_OVERFILL',
    });
    expect(before.filledQuantity.toString()).toBe('0.25');
    expect(() => applyOrderEvent(before, fill('0.75'))).not.toThrow();
  });

  it.each(['0', '-0.1'])('refuses a fill quantity of %s with ORDER_INVALID_FILL', (quantity) => {
    expect(errorOf(() => applyOrderEvent(orderIn('accepted'), fill(quantity)))).toMatchObject({
      code: 'ORDER_INVALID_FILL',
    });
  });

  it('refuses a non-positive fill price with ORDER_INVALID_FILL', () => {
    expect(errorOf(() => applyOrderEvent(orderIn('accepted'), fill('0.1', '0')))).toMatchObject({
      code: 'ORDER_INVALID_FILL',
    });
  });

  it('books a fill that arrives before the acknowledgement, then takes the late acknowledgement', () => {
    const filled = applyOrderEvent(orderIn('submitted'), fill('0.5')).order;
    expect(filled.status).toBe('partially_filled');
    expect(filled.acceptedAt).toBeNull();
    const { order, report } = applyOrderEvent(filled, accept(4_000));
    expect(order.status).toBe('partially_filled');
    expect(order.acceptedAt).toBe(4_000);
    expect(order.venueOrderId).toBe('venue-1');
    expect(report?.execType).toBe('accepted');
  });

  it('books a late fill after a cancel and keeps the quantity identity', () => {
    const canceled = replay(orderIn('partially_filled'), [
      { type: 'cancel', reason: 'USER_CANCELED', ts: 5_000 },
    ]);
    expect(canceled.remainingQuantity.toString()).toBe('0.75');
    const late = applyOrderEvent(canceled, fill('0.5', '60000', 5_001)).order;
    expect(late.status).toBe('canceled');
    expect(late.filledQuantity.toString()).toBe('0.75');
    expect(late.remainingQuantity.toString()).toBe('0.25');
    expect(late.reason).toBe('USER_CANCELED');
  });

  it('books fills racing a cancel request: partial stays pending, the last one fills', () => {
    let order: Order = orderIn('pending_cancel');
    order = applyOrderEvent(order, fill('0.5')).order;
    expect(order.status).toBe('pending_cancel');
    order = applyOrderEvent(order, fill('0.5', '60000', 3_001)).order;
    expect(order.status).toBe('filled');
  });
});

describe('other events', () => {
  it('records the venue order id once and keeps the first acceptance time', () => {
    const venueOrderId = unwrap(parseVenueOrderId('venue-2'));
    const pending = replay(orderIn('submitted'), [{ type: 'request_cancel', ts: 1_500 }]);
    const { order } = applyOrderEvent(pending, { type: 'accept', venueOrderId, ts: 1_600 });
    expect(order).toMatchObject({
      status: 'pending_cancel',
      venueOrderId: 'venue-2',
      acceptedAt: 1_600,
    });
    const again = applyOrderEvent(replay(createOrder(newOrder()), [accept(1_000), fill('0.1')]), {
      type: 'accept',
      venueOrderId: null,
      ts: 9_000,
    }).order;
    expect(again).toMatchObject({ venueOrderId: 'venue-1', acceptedAt: 1_000 });
  });

  it('carries the reason of denials, rejections, cancels and expiries into order and report', () => {
    const denied = applyOrderEvent(orderIn('submitted'), {
      type: 'deny',
      reason: 'MAX_NOTIONAL',
      ts: 1_100,
    });
    expect(denied.order.reason).toBe('MAX_NOTIONAL');
    expect(denied.report).toMatchObject({
      execType: 'denied',
      status: 'denied',
      reason: 'MAX_NOTIONAL',
    });
    const expired = applyOrderEvent(orderIn('partially_filled'), {
      type: 'expire',
      reason: 'IOC_REMAINDER',
      ts: 4_000,
    });
    expect(expired.report).toMatchObject({ execType: 'expired', reason: 'IOC_REMAINDER' });
    expect(expired.order.remainingQuantity.toString()).toBe('0.75');
    const accepted = applyOrderEvent(orderIn('submitted'), accept());
    expect(accepted.report?.reason).toBeNull();
  });

  it('produces no report for a cancel request (ws-api has no execType for it)', () => {
    const { order, report } = applyOrderEvent(orderIn('accepted'), {
      type: 'request_cancel',
      ts: 2_100,
    });
    expect(order.status).toBe('pending_cancel');
    expect(report).toBeNull();
  });

  it('never mutates its input', () => {
    const before = orderIn('accepted');
    const frozen = Object.freeze({ ...before });
    expect(() => applyOrderEvent(frozen, fill('0.5'))).not.toThrow();
    expect(frozen.filledQuantity.isZero()).toBe(true);
  });
});

describe('cancelRejectedReport', () => {
  it('reports the unchanged order of a cancel refused by the OMS', () => {
    const order = orderIn('filled');
    const report = cancelRejectedReport(order, 'ORDER_NOT_OPEN', 7_000);
    expect(report).toMatchObject({
      execType: 'cancel_rejected',
      status: 'filled',
      reason: 'ORDER_NOT_OPEN',
      ts: 7_000,
    });
    expect(report.lastFillPrice).toBeNull();
    expect(report.tradeId).toBeNull();
  });
});

describe('OrderError', () => {
  it('is an Error with a stable code', () => {
    const error = new OrderError('ORDER_OVERFILL', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OrderError');
  });
});
