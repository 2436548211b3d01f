import { Composer } from 'grammy';
import { linkedAccounts } from '../store/account-links.ts';
import { privateChatOf, type BotContext, type BotDeps } from './bot-context.ts';
import { HELP, NOT_LINKED } from './texts.ts';

/** `/help`, and the answer to anything the bot does not understand. */
export function help(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => ctx.reply(HELP, { parse_mode: 'HTML' }));
  composer.on('message', async (ctx) => {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    const linked = (await linkedAccounts(deps.db, chat.chatId)).length > 0;
    await ctx.reply(linked ? `I did not understand that.\n\n${HELP}` : NOT_LINKED, {
      parse_mode: 'HTML',
    });
  });
  return composer;
}
