import type { Kysely } from 'kysely';
import type { ChatStatus, NotifierDatabase } from '../db/schema.ts';

/** Who the bot talks to: a private chat, as Telegram last described it. */
export interface TelegramChat {
  readonly chatId: string;
  readonly userId: string;
  readonly username?: string | undefined;
  readonly firstName?: string | undefined;
}

/** Records the chat (or refreshes its names); a chat that writes to the bot is active again. */
export async function upsertChat(db: Kysely<NotifierDatabase>, chat: TelegramChat): Promise<void> {
  const names = { username: chat.username ?? null, first_name: chat.firstName ?? null };
  await db
    .insertInto('telegram_chats')
    .values({ chat_id: chat.chatId, user_id: chat.userId, ...names })
    .onConflict((c) =>
      c.column('chat_id').doUpdateSet({ ...names, status: 'active', updated_at: new Date() }),
    )
    .execute();
}

export async function setChatStatus(
  db: Kysely<NotifierDatabase>,
  chatId: string,
  status: ChatStatus,
): Promise<void> {
  await db
    .updateTable('telegram_chats')
    .set({ status, updated_at: new Date() })
    .where('chat_id', '=', chatId)
    .execute();
}

export async function chatStatus(
  db: Kysely<NotifierDatabase>,
  chatId: string,
): Promise<ChatStatus | undefined> {
  const row = await db
    .selectFrom('telegram_chats')
    .select('status')
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row?.status;
}
