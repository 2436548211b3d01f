import { Composer } from 'grammy';
import { linkedAccounts, unlink } from '../store/account-links.ts';
import { upsertChat } from '../store/chats.ts';
import { redeemLinkCode } from '../store/link-codes.ts';
import { privateChatOf, type BotContext, type BotDeps } from './bot-context.ts';
import { HOW_TO_LINK, LINK_OUTCOME, NOT_LINKED, WELCOME } from './texts.ts';
import { escapeHtml } from '@perp/notifications';

const html = { parse_mode: 'HTML' } as const;

/** `/start [code]` (what the deep link sends), `/link code` and `/unlink [account]`. */
export function linking(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  async function redeem(ctx: BotContext, code: string): Promise<void> {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    const result = await redeemLinkCode(deps.db, code, chat, new Date(deps.clock()));
    deps.logger.info({ chatId: chat.chatId, outcome: result.outcome }, 'link code presented');
    const text =
      result.outcome === 'linked' || result.outcome === 'alreadyLinked'
        ? LINK_OUTCOME[result.outcome](result.accountId)
        : LINK_OUTCOME[result.outcome];
    await ctx.reply(text, html);
  }

  composer.command('start', async (ctx) => {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    const code = ctx.match.trim();
    if (code !== '') return redeem(ctx, code);
    await upsertChat(deps.db, chat);
    const accounts = await linkedAccounts(deps.db, chat.chatId);
    const linked =
      accounts.length === 0
        ? HOW_TO_LINK
        : `Linked: ${accounts.map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')}. /help lists what I can do.`;
    await ctx.reply(`${WELCOME}\n\n${linked}`, html);
  });

  composer.command('link', async (ctx) => {
    const code = ctx.match.trim();
    if (code === '')
      return void (await ctx.reply(
        `Send the code with it: <code>/link CODE</code>.\n\n${HOW_TO_LINK}`,
        html,
      ));
    await redeem(ctx, code);
  });

  composer.command('unlink', async (ctx) => {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    const account = ctx.match.trim();
    const removed = await unlink(deps.db, chat.chatId, account === '' ? undefined : account);
    if (removed.length === 0) {
      const accounts = await linkedAccounts(deps.db, chat.chatId);
      return void (await ctx.reply(
        accounts.length === 0
          ? NOT_LINKED
          : `<code>${escapeHtml(account)}</code> is not linked here. Linked: ${accounts.map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')}.`,
        html,
      ));
    }
    await ctx.reply(
      `Unlinked ${removed.map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')}: nothing more about ${removed.length === 1 ? 'it' : 'them'} comes here.`,
      html,
    );
  });

  return composer;
}
