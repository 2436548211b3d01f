import type { ExecutionReportFields } from '@perp/trading-domain';
import type { Notification, OrderEndedNotification } from './notification.ts';

const ENDED_TYPES = {
  canceled: 'orderCanceled',
  denied: 'orderDenied',
  rejected: 'orderRejected',
  expired: 'orderExpired',
} as const satisfies Partial<Record<ExecutionReportFields['execType'], string>>;

/**
 * What a chat is told about an execution report, or null when it says nothing worth a message
 * (accepted, cancel rejected: the trader's own program sees those on its socket).
 */
export function notificationOfReport(report: ExecutionReportFields): Notification | null {
  const common = {
    accountId: report.accountId,
    orderId: report.orderId,
    clientOrderId: report.clientOrderId,
    symbol: report.symbol,
    side: report.side,
    ts: report.ts,
  };
  if (report.execType === 'trade') {
    const { lastFillPrice, lastFillQuantity, fee, tradeId } = report;
    // A trade report always carries its fill (the contract refuses one without).
    if (lastFillPrice === null || lastFillQuantity === null || fee === null || tradeId === null)
      return null;
    return {
      type: 'fill',
      ...common,
      tradeId,
      price: lastFillPrice,
      quantity: lastFillQuantity,
      fee,
      filledQuantity: report.filledQuantity,
      orderQuantity: report.quantity,
    };
  }
  if (!(report.execType in ENDED_TYPES)) return null;
  const type: OrderEndedNotification['type'] =
    ENDED_TYPES[report.execType as keyof typeof ENDED_TYPES];
  return {
    type,
    ...common,
    orderType: report.type,
    price: report.price,
    orderQuantity: report.quantity,
    filledQuantity: report.filledQuantity,
    reason: report.reason,
  };
}

/**
 * The key that makes a notification unique per account: an event delivered twice (a stream
 * redelivery, an API retry) gets the same key, so the outbox holds it once per chat.
 */
export function reportDedupeKey(notification: Notification): string | null {
  switch (notification.type) {
    case 'fill':
      return `fill:${notification.orderId}:${notification.tradeId}`;
    case 'orderCanceled':
    case 'orderDenied':
    case 'orderRejected':
    case 'orderExpired':
      // An order ends once.
      return `${notification.type}:${notification.orderId}`;
    default:
      return null;
  }
}
