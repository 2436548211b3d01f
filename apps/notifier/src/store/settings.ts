import {
  chooseDeliveryMode,
  deliveryMode,
  isDeliveryMode,
  isNotificationType,
  NotificationTypes,
  type DeliveryMode,
  type NotificationType,
} from '@perp/notifications';
import type { Kysely } from 'kysely';
import type { NotifierDatabase } from '../db/schema.ts';

/** How each type is delivered to the chat: its choices, the defaults for the rest. */
export async function deliveryModes(
  db: Kysely<NotifierDatabase>,
  chatId: string,
): Promise<Readonly<Record<NotificationType, DeliveryMode>>> {
  const rows = await db
    .selectFrom('notification_settings')
    .select(['notification_type', 'mode'])
    .where('chat_id', '=', chatId)
    .execute();
  const chosen = new Map<NotificationType, DeliveryMode>();
  for (const row of rows)
    if (isNotificationType(row.notification_type) && isDeliveryMode(row.mode))
      chosen.set(row.notification_type, row.mode);
  return Object.fromEntries(
    NotificationTypes.map((type) => [type, deliveryMode(type, chosen.get(type))]),
  ) as Record<NotificationType, DeliveryMode>;
}

/** Stores the chat's choice; a mandatory type refuses `off` (NotificationError). */
export async function setDeliveryMode(
  db: Kysely<NotifierDatabase>,
  chatId: string,
  type: NotificationType,
  mode: DeliveryMode,
): Promise<void> {
  const checked = chooseDeliveryMode(type, mode);
  await db
    .insertInto('notification_settings')
    .values({ chat_id: chatId, notification_type: type, mode: checked })
    .onConflict((c) =>
      c
        .columns(['chat_id', 'notification_type'])
        .doUpdateSet({ mode: checked, updated_at: new Date() }),
    )
    .execute();
}
