import { describe, expect, it } from 'vitest';
import {
  CancelReasons,
  OrderReasons,
  RequestedCancelReasons,
  RiskRejectReasons,
  isCancelReason,
} from './order-reason.ts';

describe('order reasons', () => {
  it('lists every reason once, each list within the whole', () => {
    expect(new Set(OrderReasons).size).toBe(OrderReasons.length);
    for (const reason of [...CancelReasons, ...RiskRejectReasons])
      expect(OrderReasons).toContain(reason);
    for (const reason of RequestedCancelReasons) expect(CancelReasons).toContain(reason);
  });

  it('tells a cancel reason from other reasons and from no reason', () => {
    expect(isCancelReason('USER_CANCELED')).toBe(true);
    expect(isCancelReason('VENUE_CANCELED')).toBe(true);
    expect(isCancelReason('VENUE_INSUFFICIENT_BALANCE')).toBe(false);
    expect(isCancelReason(null)).toBe(false);
  });
});
