import { Decimal } from '@perp/decimal';
import type { Notification, PositionClosed } from '@perp/notifications';
import type { NotificationRequest, PositionCloseData } from '../notifier/notification-request.ts';

/** The domain's notification for a request of the notifier's internal API. */
export function notificationOfRequest(request: NotificationRequest): Notification {
  const { accountId } = request;
  switch (request.type) {
    case 'marginWarning':
    case 'marginCall': {
      const { data } = request;
      return {
        type: request.type,
        accountId,
        marginUtilization:
          data.marginUtilization === null ? null : Decimal.parse(data.marginUtilization),
        equity: Decimal.parse(data.equity),
        maintenanceMargin: Decimal.parse(data.maintenanceMargin),
        threshold: Decimal.parse(data.threshold),
        ...(data.remedy === undefined
          ? {}
          : {
              remedy: {
                deposit: Decimal.parse(data.remedy.deposit),
                close: data.remedy.close.map(closeOf),
              },
            }),
        ...(data.actions === undefined
          ? {}
          : {
              actions: {
                ordersCanceled: data.actions.ordersCanceled,
                closed: data.actions.closed.map(closeOf),
              },
            }),
        ts: data.ts,
      };
    }
    case 'tradingState': {
      const { data } = request;
      return {
        type: 'tradingState',
        accountId,
        scope: data.scope,
        target: data.target ?? null,
        state: data.state,
        ts: data.ts,
      };
    }
  }
}

function closeOf(close: PositionCloseData): PositionClosed {
  return {
    symbol: close.symbol as PositionClosed['symbol'],
    side: close.side,
    quantity: Decimal.parse(close.quantity),
  };
}
