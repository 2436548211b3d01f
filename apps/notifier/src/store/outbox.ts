import {
  deliveryMode,
  isDeliveryMode,
  renderNotification,
  type Notification,
} from '@perp/notifications';
import type { Kysely } from 'kysely';
import type { NotifierDatabase } from '../db/schema.ts';

export interface OutboxEntry {
  readonly accountId: string;
  /** Unique per account for the event: the same key twice is the same notification. */
  readonly dedupeKey: string;
  readonly notification: Notification;
}

/**
 * One row per active chat linked to the account that has not turned the type off; a key seen
 * before for a chat adds nothing. Resolves with the rows added.
 */
export async function enqueueNotification(
  db: Kysely<NotifierDatabase>,
  entry: OutboxEntry,
): Promise<number> {
  const { type } = entry.notification;
  const chats = await db
    .selectFrom('account_links as l')
    .innerJoin('telegram_chats as c', 'c.chat_id', 'l.chat_id')
    .leftJoin('notification_settings as s', (join) =>
      join.onRef('s.chat_id', '=', 'l.chat_id').on('s.notification_type', '=', type),
    )
    .select(['l.chat_id as chatId', 's.mode as mode'])
    .where('l.account_id', '=', entry.accountId)
    .where('c.status', '=', 'active')
    .execute();
  const html = renderNotification(entry.notification);
  const rows = chats.flatMap(({ chatId, mode: stored }) => {
    const mode = deliveryMode(type, stored !== null && isDeliveryMode(stored) ? stored : undefined);
    if (mode === 'off') return [];
    return [
      {
        chat_id: chatId,
        account_id: entry.accountId,
        dedupe_key: entry.dedupeKey,
        notification_type: type,
        html,
        silent: mode === 'silent',
      },
    ];
  });
  if (rows.length === 0) return 0;
  const added = await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((c) => c.columns(['chat_id', 'account_id', 'dedupe_key']).doNothing())
    .returning('outbox_id')
    .execute();
  return added.length;
}

export interface PendingMessage {
  readonly outboxId: string;
  readonly chatId: string;
  readonly html: string;
  readonly silent: boolean;
  readonly attempts: number;
}

/**
 * The oldest pending row of each chat, where it is due by `now`, oldest first. Only a chat's head
 * is ever sent, so its messages arrive in the order they were written even across retries.
 */
export async function pendingHeads(
  db: Kysely<NotifierDatabase>,
  now: Date,
  limit: number,
): Promise<readonly PendingMessage[]> {
  const heads = db
    .selectFrom('outbox')
    .distinctOn('chat_id')
    .select(['outbox_id', 'chat_id', 'html', 'silent', 'attempts', 'next_attempt_at'])
    .where('status', '=', 'pending')
    .orderBy('chat_id')
    .orderBy('outbox_id')
    .as('heads');
  const rows = await db
    .selectFrom(heads)
    .selectAll()
    .where('next_attempt_at', '<=', now)
    .orderBy('outbox_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    outboxId: row.outbox_id,
    chatId: row.chat_id,
    html: row.html,
    silent: row.silent,
    attempts: row.attempts,
  }));
}

export async function markSent(
  db: Kysely<NotifierDatabase>,
  outboxId: string,
  messageId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: now,
      telegram_message_id: messageId,
      attempts: eb('attempts', '+', 1),
      last_error: null,
    }))
    .where('outbox_id', '=', outboxId)
    .execute();
}

/** Tried and failed in a way that may pass later; counts the attempt. */
export async function markRetry(
  db: Kysely<NotifierDatabase>,
  outboxId: string,
  error: string,
  nextAttemptAt: Date,
  counted = true,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      next_attempt_at: nextAttemptAt,
      last_error: error,
      attempts: counted ? eb('attempts', '+', 1) : eb.ref('attempts'),
    }))
    .where('outbox_id', '=', outboxId)
    .execute();
}

/** Never to be sent: Telegram refused it for good, or the chat is gone. */
export async function markDropped(
  db: Kysely<NotifierDatabase>,
  outboxId: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'dropped', last_error: error, attempts: eb('attempts', '+', 1) }))
    .where('outbox_id', '=', outboxId)
    .execute();
}

/** A chat that blocked the bot or is gone gets nothing more: its pending rows are dropped. */
export async function dropPendingOfChat(
  db: Kysely<NotifierDatabase>,
  chatId: string,
  error: string,
): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'dropped', last_error: error })
    .where('chat_id', '=', chatId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface OutboxDepth {
  readonly pending: number;
  /** Age of the oldest pending row, 0 when none. */
  readonly oldestPendingAgeMs: number;
}

export async function outboxDepth(db: Kysely<NotifierDatabase>, now: Date): Promise<OutboxDepth> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<string>().as('pending'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const oldest = row.oldest === null ? undefined : new Date(row.oldest as Date | string);
  return {
    pending: Number(row.pending),
    oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : 0,
  };
}
