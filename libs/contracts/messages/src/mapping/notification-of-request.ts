import { Decimal } from '@perp/decimal';
import type { Notification } from '@perp/notifications';
import type { NotificationRequest } from '../notifier/notification-request.ts';

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
