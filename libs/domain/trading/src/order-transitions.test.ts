import { describe, expect, it } from 'vitest';
import {
  IllegalTransitionError,
  ORDER_TRANSITIONS,
  OrderEventTypes,
  OrderStatuses,
  applyOrderEvent,
  canApply,
  type OrderEventType,
  type OrderStatus,
} from './index.ts';
import { d, fill, orderIn, replay, sampleEvents } from './test-support/fixtures.ts';

// The intended machine, written independently of the table: status -> event -> outcome.
// `fill:X` books the fill (X while something remains, filled otherwise); `resume` goes back to
// the working status; a missing entry is illegal.
const EXPECTED: Record<OrderStatus, Partial<Record<OrderEventType, string>>> = {
  submitted: {
    accept: 'accepted',
    deny: 'denied',
    reject: 'rejected',
    fill: 'fill:partially_filled',
    request_cancel: 'pending_cancel',
    cancel: 'canceled',
    expire: 'expired',
  },
  accepted: {
    fill: 'fill:partially_filled',
    request_cancel: 'pending_cancel',
    cancel: 'canceled',
    expire: 'expired',
  },
  partially_filled: {
    accept: 'partially_filled',
    fill: 'fill:partially_filled',
    request_cancel: 'pending_cancel',
    cancel: 'canceled',
    expire: 'expired',
  },
  pending_cancel: {
    accept: 'pending_cancel',
    reject: 'rejected',
    fill: 'fill:pending_cancel',
    cancel: 'canceled',
    cancel_reject: 'resume',
    expire: 'expired',
  },
  filled: {},
  canceled: { fill: 'fill:canceled' },
  denied: {},
  rejected: {},
  expired: { fill: 'fill:expired' },
};

const EXEC_TYPE: Record<OrderEventType, string | null> = {
  accept: 'accepted',
  deny: 'denied',
  reject: 'rejected',
  fill: 'trade',
  request_cancel: null,
  cancel: 'canceled',
  cancel_reject: 'cancel_rejected',
  expire: 'expired',
};

const pairs = OrderStatuses.flatMap((status) =>
  OrderEventTypes.map((event) => [status, event] as const),
);
const legal = pairs.filter(([status, event]) => EXPECTED[status][event] !== undefined);
const illegal = pairs.filter(([status, event]) => EXPECTED[status][event] === undefined);

describe('ORDER_TRANSITIONS', () => {
  it('is exhaustive: every status has a rule for every event', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...OrderStatuses].sort());
    for (const status of OrderStatuses) {
      expect(Object.keys(ORDER_TRANSITIONS[status]).sort()).toEqual([...OrderEventTypes].sort());
    }
    expect(legal.length + illegal.length).toBe(9 * 8);
  });

  it.each(pairs)('%s + %s matches the intended machine', (status, event) => {
    const rule = ORDER_TRANSITIONS[status][event];
    const expected = EXPECTED[status][event];
    expect(canApply(status, event)).toBe(expected !== undefined);
    if (expected === undefined) expect(rule.kind).toBe('illegal');
    else if (expected === 'resume') expect(rule).toEqual({ kind: 'resume' });
    else if (expected.startsWith('fill:'))
      expect(rule).toEqual({ kind: 'fill', whilePartial: expected.slice(5) });
    else expect(rule).toEqual({ kind: 'to', status: expected });
  });
});

describe('every legal transition', () => {
  it.each(legal.filter(([, event]) => event !== 'fill' && event !== 'cancel_reject'))(
    '%s + %s moves to the table status and reports it',
    (status, event) => {
      const before = orderIn(status);
      const { order, report } = applyOrderEvent(before, sampleEvents[event]);
      expect(order.status).toBe(EXPECTED[status][event]);
      expect(order.quantity.eq(order.filledQuantity.add(order.remainingQuantity))).toBe(true);
      expect(order.filledQuantity.eq(before.filledQuantity)).toBe(true);
      expect(order.updatedAt).toBe(sampleEvents[event].ts);
      if (EXEC_TYPE[event] === null) {
        expect(report).toBeNull();
      } else {
        expect(report?.execType).toBe(EXEC_TYPE[event]);
        expect(report?.status).toBe(order.status);
        expect(report?.ts).toBe(sampleEvents[event].ts);
      }
    },
  );

  it.each(legal.filter(([, event]) => event === 'fill'))('%s + partial %s', (status) => {
    const before = orderIn(status);
    const { order, report } = applyOrderEvent(before, fill('0.125'));
    const whilePartial = (EXPECTED[status].fill as string).slice(5);
    expect(order.status).toBe(whilePartial);
    expect(order.filledQuantity.eq(before.filledQuantity.add(d('0.125')))).toBe(true);
    expect(order.remainingQuantity.eq(before.remainingQuantity.sub(d('0.125')))).toBe(true);
    expect(report?.execType).toBe('trade');
    expect(report?.lastFillQuantity?.toString()).toBe('0.125');
  });

  it.each(legal.filter(([, event]) => event === 'fill'))('%s + full %s ends filled', (status) => {
    const before = orderIn(status);
    const { order, report } = applyOrderEvent(before, fill(before.remainingQuantity.toString()));
    expect(order.status).toBe('filled');
    expect(order.remainingQuantity.isZero()).toBe(true);
    expect(order.filledQuantity.eq(order.quantity)).toBe(true);
    expect(report?.execType).toBe('trade');
    expect(report?.status).toBe('filled');
  });

  it.each([
    ['accepted', [sampleEvents.accept, sampleEvents.request_cancel]],
    ['submitted', [sampleEvents.request_cancel]],
    ['accepted', [sampleEvents.request_cancel, sampleEvents.accept]],
    ['partially_filled', [sampleEvents.accept, fill('0.5'), sampleEvents.request_cancel]],
    ['partially_filled', [fill('0.5'), sampleEvents.request_cancel]],
  ] as const)('pending_cancel + cancel_reject resumes to %s', (expected, path) => {
    const before = replay(orderIn('submitted'), path);
    expect(before.status).toBe('pending_cancel');
    const { order, report } = applyOrderEvent(before, sampleEvents.cancel_reject);
    expect(order.status).toBe(expected);
    expect(report?.execType).toBe('cancel_rejected');
    expect(report?.reason).toBe('VENUE_CANCEL_REJECTED');
  });
});

describe('every illegal transition', () => {
  it.each(illegal)('%s + %s throws IllegalTransitionError and changes nothing', (status, event) => {
    const before = orderIn(status);
    const snapshot = { ...before };
    let caught: unknown;
    try {
      applyOrderEvent(before, sampleEvents[event]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect(caught).toMatchObject({ code: 'ORDER_ILLEGAL_TRANSITION', status, event });
    expect(before).toEqual(snapshot);
  });
});
