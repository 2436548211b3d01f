import { Composer } from 'grammy';
import { setChatStatus, upsertChat } from '../store/chats.ts';
import { dropPendingOfChat } from '../store/outbox.ts';
import { privateChatOf, type BotContext, type BotDeps } from './bot-context.ts';

/**
 * `my_chat_member` in a private chat is Telegram saying the user blocked the bot (`kicked`) or
 * unblocked it (`member`): a blocked chat is sent nothing, and its pending messages are dropped.
 */
export function chatMembers(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked' || status === 'left') {
      await upsertChat(deps.db, chat);
      await setChatStatus(deps.db, chat.chatId, 'blocked');
      const dropped = await dropPendingOfChat(deps.db, chat.chatId, 'blocked by the user');
      deps.logger.info({ chatId: chat.chatId, dropped }, 'chat blocked the bot');
      deps.onChatGone?.(chat.chatId);
    } else if (status === 'member') {
      await upsertChat(deps.db, chat);
      deps.logger.info({ chatId: chat.chatId }, 'chat unblocked the bot');
    }
  });
  return composer;
}
