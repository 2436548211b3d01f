import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotConfig } from 'grammy';
import { accountCommands } from './account-commands.ts';
import { type BotContext, type BotDeps } from './bot-context.ts';
import { chatMembers } from './chat-members.ts';
import { help } from './help.ts';
import { linking } from './linking.ts';
import { refuseNonPrivate } from './private-only.ts';
import { settings } from './settings.ts';

// Calls that put a message into a chat (and count against its limit).
const SENDS: ReadonlySet<string> = new Set(['sendMessage', 'editMessageText']);

export interface BotOptions {
  readonly token: string;
  /** Telegram's (https://api.telegram.org) or the local stand-in's. */
  readonly apiRoot: string;
  readonly botInfo: NonNullable<BotConfig<BotContext>['botInfo']>;
}

/**
 * The bot: composers in the order an update meets them. Replies to a command wait out a 429 in
 * process (auto-retry: the user is waiting for that answer); notifications never go this way but
 * through the outbox, whose rows survive a restart.
 */
export function createBot(options: BotOptions, deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot },
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const { pacer } = deps;
  if (pacer)
    bot.api.config.use((prev, method, payload, signal) => {
      const chatId = (payload as { chat_id?: unknown }).chat_id;
      if (SENDS.has(method) && chatId !== undefined) pacer.sent(String(chatId));
      return prev(method, payload, signal);
    });
  // The runner handles updates concurrently; one chat's are handled in the order they came.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(chatMembers(deps));
  bot.use(refuseNonPrivate(options.botInfo.username));
  const priv = bot.chatType('private');
  priv.use(linking(deps));
  priv.use(settings(deps));
  priv.use(accountCommands(deps));
  priv.use(help(deps));
  bot.catch((error) => {
    // The error's context holds the update, never the token; its cause may quote a URL, so only
    // its name and Telegram's own description are logged.
    const cause = error.error;
    deps.logger.error(
      {
        updateId: error.ctx.update.update_id,
        error: cause instanceof Error ? cause.name : typeof cause,
        description: (cause as { description?: unknown }).description,
      },
      'update handling failed',
    );
  });
  return bot;
}
