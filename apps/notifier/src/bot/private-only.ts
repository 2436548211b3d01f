import { Composer } from 'grammy';
import type { BotContext } from './bot-context.ts';
import { PRIVATE_ONLY } from './texts.ts';

/**
 * Groups and channels get a polite refusal to a command, and nothing else: account data is only
 * ever shown in the private chat of the person who linked it.
 */
export function refuseNonPrivate(botUsername: string): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const shared = composer.chatType(['group', 'supergroup', 'channel']);
  shared.on('message:entities:bot_command', (ctx) =>
    ctx.reply(PRIVATE_ONLY(botUsername), { parse_mode: 'HTML' }),
  );
  shared.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
