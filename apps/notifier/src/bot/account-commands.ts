import {
  lastReportSeq,
  readAccountSnapshot,
  readOpenOrders,
  readPositions,
  type AccountReaders,
} from '@perp/account-views';
import { wireFill } from '@perp/contracts';
import { escapeHtml } from '@perp/notifications';
import type { AccountId } from '@perp/trading-domain';
import { Composer } from 'grammy';
import { linkedAccounts } from '../store/account-links.ts';
import { fillsText, ordersText, positionsText, statusText } from './account-texts.ts';
import { privateChatOf, type BotContext, type BotDeps } from './bot-context.ts';
import { NOT_LINKED } from './texts.ts';

const FILLS_SHOWN = 10;

type View = (accounts: AccountReaders, accountId: AccountId) => Promise<string>;

const VIEWS: Readonly<Record<'status' | 'positions' | 'orders' | 'fills', View>> = {
  async status(accounts, accountId) {
    const snapshot = await readAccountSnapshot(accounts, accountId);
    return snapshot
      ? statusText(accountId, snapshot)
      : `<b>${escapeHtml(accountId)}</b>: no such account`;
  },
  async positions(accounts, accountId) {
    return positionsText(accountId, await readPositions(accounts, accountId));
  },
  async orders(accounts, accountId) {
    const seq = await lastReportSeq(accounts, accountId);
    return ordersText(accountId, await readOpenOrders(accounts, accountId, seq));
  },
  async fills(accounts, accountId) {
    const fills = await accounts.store.listFills(accountId, { limit: FILLS_SHOWN });
    return fillsText(accountId, fills.map(wireFill));
  },
};

/**
 * `/status`, `/positions`, `/orders` and `/fills`: for every account linked to the chat, what the
 * gateway's account.get, positions.list, orders.open and fills.list answer (the same reads). Read
 * only: the bot never trades.
 */
export function accountCommands(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const [command, view] of Object.entries(VIEWS)) {
    composer.command(command, async (ctx) => {
      const chat = privateChatOf(ctx);
      if (!chat) return;
      const accounts = await linkedAccounts(deps.db, chat.chatId);
      if (accounts.length === 0) return void (await ctx.reply(NOT_LINKED, { parse_mode: 'HTML' }));
      const { accounts: readers } = deps;
      const parts = await Promise.all(
        accounts.map(async (accountId) => {
          if (!readers)
            return `<b>${escapeHtml(accountId)}</b>: account data is not available here`;
          try {
            return await view(readers, accountId as AccountId);
          } catch (error) {
            deps.logger.warn({ err: error, accountId, command }, 'account read failed');
            return `<b>${escapeHtml(accountId)}</b>: could not be read just now, try again in a moment`;
          }
        }),
      );
      await ctx.reply(parts.join('\n\n'), { parse_mode: 'HTML' });
    });
  }
  return composer;
}
