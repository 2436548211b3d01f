import { describe, expect, it } from 'vitest';
import { notificationOfReport, reportDedupeKey } from './notification-of-report.ts';
import { d, report, tradeReport } from './test-support/reports.ts';

describe('notificationOfReport', () => {
  it('a trade report is a fill with its own price, quantity and fee', () => {
    const fill = notificationOfReport(tradeReport('0.25', '0.25'));
    expect(fill).toMatchObject({
      type: 'fill',
      accountId: 'alice',
      symbol: 'BTC-PERP',
      side: 'buy',
      tradeId: 't-1',
      clientOrderId: 'c-1',
    });
    if (fill?.type !== 'fill') throw new Error('not a fill');
    expect(fill.price.eq(d('60000.5'))).toBe(true);
    expect(fill.quantity.eq(d('0.25'))).toBe(true);
    expect(fill.fee.eq(d('0.0300003'))).toBe(true);
    expect(fill.filledQuantity.eq(d('0.25'))).toBe(true);
  });

  it('canceled, denied, rejected and expired are their own types; accepted says nothing', () => {
    expect(
      notificationOfReport(
        report({ execType: 'canceled', status: 'canceled', reason: 'USER_CANCELED' }),
      )?.type,
    ).toBe('orderCanceled');
    expect(
      notificationOfReport(
        report({ execType: 'denied', status: 'denied', reason: 'INSUFFICIENT_MARGIN' }),
      )?.type,
    ).toBe('orderDenied');
    expect(
      notificationOfReport(
        report({ execType: 'rejected', status: 'rejected', reason: 'VENUE_REJECTED' }),
      )?.type,
    ).toBe('orderRejected');
    expect(
      notificationOfReport(
        report({ execType: 'expired', status: 'expired', reason: 'IOC_REMAINDER' }),
      )?.type,
    ).toBe('orderExpired');
    expect(notificationOfReport(report())).toBeNull();
    expect(
      notificationOfReport(report({ execType: 'cancel_rejected', reason: 'UNKNOWN_ORDER' })),
    ).toBeNull();
  });

  it('the dedupe key names the event, not its delivery', () => {
    const a = notificationOfReport(tradeReport('0.25', '0.25', 't-1'));
    const again = notificationOfReport(tradeReport('0.25', '0.25', 't-1'));
    const next = notificationOfReport(tradeReport('0.75', '1', 't-2'));
    if (!a || !again || !next) throw new Error('no notification');
    expect(reportDedupeKey(a)).toBe('fill:ord-1:t-1');
    expect(reportDedupeKey(again)).toBe(reportDedupeKey(a));
    expect(reportDedupeKey(next)).not.toBe(reportDedupeKey(a));
    const canceled = notificationOfReport(
      report({ execType: 'canceled', status: 'canceled', reason: 'USER_CANCELED' }),
    );
    if (!canceled) throw new Error('no notification');
    expect(reportDedupeKey(canceled)).toBe('orderCanceled:ord-1');
  });
});
