import type { Kysely } from 'kysely';
import type { NotifierDatabase } from '../db/schema.ts';

/** The accounts a chat follows, in the order they were linked. */
export async function linkedAccounts(
  db: Kysely<NotifierDatabase>,
  chatId: string,
): Promise<readonly string[]> {
  const rows = await db
    .selectFrom('account_links')
    .select('account_id')
    .where('chat_id', '=', chatId)
    .orderBy('linked_at')
    .orderBy('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

/**
 * Removes one link, or every link of the chat, with what the chat still had pending about those
 * accounts; answers the accounts unlinked.
 */
export async function unlink(
  db: Kysely<NotifierDatabase>,
  chatId: string,
  accountId?: string,
): Promise<readonly string[]> {
  return db.transaction().execute(async (tx) => {
    let query = tx.deleteFrom('account_links').where('chat_id', '=', chatId);
    if (accountId !== undefined) query = query.where('account_id', '=', accountId);
    const removed = (await query.returning('account_id').execute()).map((row) => row.account_id);
    if (removed.length > 0)
      await tx
        .updateTable('outbox')
        .set({ status: 'dropped', last_error: 'unlinked' })
        .where('chat_id', '=', chatId)
        .where('account_id', 'in', removed)
        .where('status', '=', 'pending')
        .execute();
    return removed.sort();
  });
}

/** Every account some chat follows: who hears of a global or a symbol's trading state. */
export async function followedAccounts(db: Kysely<NotifierDatabase>): Promise<readonly string[]> {
  const rows = await db.selectFrom('account_links').select('account_id').distinct().execute();
  return rows.map((row) => row.account_id).sort();
}
