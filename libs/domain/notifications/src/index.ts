export { escapeHtml, raw, RawHtml, tgHtml } from './html.ts';
export { hashLinkCode, LINK_CODE_TTL_MS, newLinkCode, normalizeLinkCode } from './link-code.ts';
export type {
  FillNotification,
  MarginNotification,
  Notification,
  OrderEndedNotification,
  PositionClosed,
  TradingStateNotification,
} from './notification.ts';
export {
  NotificationError,
  NotificationErrorCodes,
  type NotificationErrorCode,
} from './notification-error.ts';
export { notificationOfReport, reportDedupeKey } from './notification-of-report.ts';
export {
  allowedModes,
  chooseDeliveryMode,
  deliveryMode,
  DeliveryModes,
  isDeliveryMode,
  isNotificationType,
  nextDeliveryMode,
  NotificationTypeRules,
  NotificationTypes,
  type DeliveryMode,
  type NotificationType,
} from './notification-type.ts';
export { percent, renderNotification } from './render-notification.ts';
