import { NotificationError, NotificationErrorCodes } from './notification-error.ts';

/**
 * What the notifier tells a chat about. Order outcomes other than fills are each their own type
 * (a trader may want denials but not cancels); margin alerts cannot be turned off, only silenced.
 */
export const NotificationTypes = [
  'fill',
  'orderCanceled',
  'orderDenied',
  'orderRejected',
  'orderExpired',
  'marginWarning',
  'marginCall',
  'tradingState',
] as const;
export type NotificationType = (typeof NotificationTypes)[number];

/** `silent` delivers without sound (Telegram's disable_notification). */
export const DeliveryModes = ['on', 'silent', 'off'] as const;
export type DeliveryMode = (typeof DeliveryModes)[number];

interface NotificationTypeRule {
  readonly defaultMode: DeliveryMode;
  /** Mandatory types are always delivered: `off` is refused, `silent` allowed. */
  readonly mandatory: boolean;
  /** What the settings keyboard calls it. */
  readonly label: string;
}

export const NotificationTypeRules: Readonly<Record<NotificationType, NotificationTypeRule>> = {
  fill: { defaultMode: 'on', mandatory: false, label: 'Fills' },
  orderCanceled: { defaultMode: 'off', mandatory: false, label: 'Orders canceled' },
  orderDenied: { defaultMode: 'off', mandatory: false, label: 'Orders denied' },
  orderRejected: { defaultMode: 'off', mandatory: false, label: 'Orders rejected' },
  orderExpired: { defaultMode: 'off', mandatory: false, label: 'Orders expired' },
  marginWarning: { defaultMode: 'on', mandatory: true, label: 'Margin warnings' },
  marginCall: { defaultMode: 'on', mandatory: true, label: 'Margin calls' },
  tradingState: { defaultMode: 'on', mandatory: false, label: 'Trading state' },
};

export function isNotificationType(value: string): value is NotificationType {
  return (NotificationTypes as readonly string[]).includes(value);
}

export function isDeliveryMode(value: string): value is DeliveryMode {
  return (DeliveryModes as readonly string[]).includes(value);
}

/** The modes a chat may choose for `type`. */
export function allowedModes(type: NotificationType): readonly DeliveryMode[] {
  return NotificationTypeRules[type].mandatory ? ['on', 'silent'] : DeliveryModes;
}

/** How `type` is delivered given what the chat chose (nothing: the default). */
export function deliveryMode(
  type: NotificationType,
  chosen: DeliveryMode | undefined,
): DeliveryMode {
  const rule = NotificationTypeRules[type];
  if (chosen === undefined) return rule.defaultMode;
  // A stored `off` for a type that became mandatory must not silence a margin call.
  return rule.mandatory && chosen === 'off' ? 'on' : chosen;
}

/** A chat's choice, checked: `off` is refused for a mandatory type. */
export function chooseDeliveryMode(type: NotificationType, mode: DeliveryMode): DeliveryMode {
  if (!allowedModes(type).includes(mode))
    throw new NotificationError(
      NotificationErrorCodes.ModeNotAllowed,
      `${NotificationTypeRules[type].label} cannot be turned off, only silenced`,
    );
  return mode;
}

/** The mode after `current`, for a settings button that cycles: on → silent → off → on. */
export function nextDeliveryMode(type: NotificationType, current: DeliveryMode): DeliveryMode {
  const modes = allowedModes(type);
  return modes[(modes.indexOf(current) + 1) % modes.length] ?? 'on';
}
