import {
  hashLinkCode,
  LINK_CODE_TTL_MS,
  newLinkCode,
  normalizeLinkCode,
} from '@perp/notifications';
import type { Kysely } from 'kysely';
import type { NotifierDatabase } from '../db/schema.ts';
import { upsertChat, type TelegramChat } from './chats.ts';

export interface IssuedLinkCode {
  readonly code: string;
  readonly expiresAt: Date;
}

// Expired codes are kept a day (a user who reports "my code did not work" can be told why), then
// forgotten when the account asks for its next one.
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** A new single-use code for `accountId`; only its hash is stored. */
export async function issueLinkCode(
  db: Kysely<NotifierDatabase>,
  accountId: string,
  now: Date,
): Promise<IssuedLinkCode> {
  const code = newLinkCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await db
    .deleteFrom('link_codes')
    .where('account_id', '=', accountId)
    .where('expires_at', '<', new Date(now.getTime() - KEEP_EXPIRED_MS))
    .execute();
  await db
    .insertInto('link_codes')
    .values({
      code_hash: hashLinkCode(code),
      account_id: accountId,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { code, expiresAt };
}

/** What presenting a code did; every outcome but `linked` leaves everything as it was. */
export type RedeemOutcome =
  | { readonly outcome: 'linked'; readonly accountId: string }
  | { readonly outcome: 'alreadyLinked'; readonly accountId: string }
  | { readonly outcome: 'malformed' | 'unknown' | 'expired' | 'used' };

/**
 * Links the chat to the code's account, once: the code row is locked, so two chats presenting
 * the same code at once link one of them. Whoever holds the code may link: it is the account's
 * bearer secret for ten minutes, handed to its owner by the gateway.
 */
export async function redeemLinkCode(
  db: Kysely<NotifierDatabase>,
  input: string,
  chat: TelegramChat,
  now: Date,
): Promise<RedeemOutcome> {
  const code = normalizeLinkCode(input);
  if (code === undefined) return { outcome: 'malformed' };
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('link_codes')
      .selectAll()
      .where('code_hash', '=', hashLinkCode(code))
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { outcome: 'unknown' };
    if (row.used_at !== null) return { outcome: 'used' };
    if (row.expires_at.getTime() <= now.getTime()) return { outcome: 'expired' };
    await tx
      .updateTable('link_codes')
      .set({ used_at: now, used_by_chat_id: chat.chatId })
      .where('code_hash', '=', row.code_hash)
      .execute();
    await upsertChat(tx, chat);
    const inserted = await tx
      .insertInto('account_links')
      .values({ chat_id: chat.chatId, account_id: row.account_id, linked_at: now })
      .onConflict((c) => c.columns(['chat_id', 'account_id']).doNothing())
      .returning('account_id')
      .executeTakeFirst();
    return { outcome: inserted ? 'linked' : 'alreadyLinked', accountId: row.account_id };
  });
}
