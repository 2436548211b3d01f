export const NotificationErrorCodes = {
  ModeNotAllowed: 'NOTIFICATION_MODE_NOT_ALLOWED',
} as const;
export type NotificationErrorCode =
  (typeof NotificationErrorCodes)[keyof typeof NotificationErrorCodes];

/** A rule of the notification domain was broken by its input. */
export class NotificationError extends Error {
  readonly code: NotificationErrorCode;

  constructor(code: NotificationErrorCode, message: string) {
    super(message);
    this.name = 'NotificationError';
    this.code = code;
  }
}
