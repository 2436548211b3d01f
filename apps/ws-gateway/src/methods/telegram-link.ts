import { DependencyUnavailableError } from '../dependency-error.ts';
import type { MethodHandler } from '../rpc/method-handler.ts';
import type { TelegramLinks } from '../telegram/telegram-links.ts';

export interface TelegramLinkContext {
  /** Absent when the gateway runs without a notifier (NOTIFIER_URL unset). */
  readonly telegramLinks?: TelegramLinks | undefined;
}

/** telegram.link: a code that links a Telegram chat to the caller's account, and its deep link. */
export const telegramLink: MethodHandler<'telegram.link', TelegramLinkContext> = async (
  ctx,
  { caller },
) => {
  if (!ctx.telegramLinks)
    throw new DependencyUnavailableError('the notifier (not configured on this gateway)');
  return ctx.telegramLinks.issue(caller.accountId);
};
