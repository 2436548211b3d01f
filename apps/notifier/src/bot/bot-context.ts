import type { AccountReaders } from '@perp/account-views';
import type { Logger } from '@perp/logger';
import type { Context } from 'grammy';
import type { Kysely } from 'kysely';
import type { NotifierDatabase } from '../db/schema.ts';
import type { ChatPacer } from '../delivery/chat-pacer.ts';
import type { TelegramChat } from '../store/chats.ts';

/** What the bot's handlers need besides the update. */
export interface BotDeps {
  readonly db: Kysely<NotifierDatabase>;
  readonly logger: Logger;
  readonly clock: () => number;
  /** The bot's replies count against each chat's limit, as the outbox's messages do. */
  readonly pacer?: ChatPacer;
  /** The accounts' balances, positions, orders and fills (the gateway's reads). */
  readonly accounts?: AccountReaders;
  /** A chat stopped receiving (blocked the bot): the sender drops what it had pending. */
  readonly onChatGone?: (chatId: string) => void;
}

export type BotContext = Context;

/** The private chat of the update as the store records it; undefined outside private chats. */
export function privateChatOf(ctx: BotContext): TelegramChat | undefined {
  const chat = ctx.chat;
  if (chat?.type !== 'private') return undefined;
  return {
    chatId: String(chat.id),
    userId: String(ctx.from?.id ?? chat.id),
    username: chat.username,
    firstName: chat.first_name,
  };
}
