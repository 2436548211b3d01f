import { Api } from 'grammy';
import type { TelegramMessages } from './outbox-sender.ts';

/**
 * sendMessage through an Api of its own, without auto-retry: the sender decides what a 429 or a
 * 5xx means for a row (wait, back off, drop), and the outbox keeps the row meanwhile.
 */
export function telegramMessages(token: string, apiRoot: string): TelegramMessages {
  const api = new Api(token, { apiRoot, timeoutSeconds: 20 });
  return {
    async sendMessage(chatId, html, { silent }) {
      const message = await api.sendMessage(chatId, html, {
        parse_mode: 'HTML',
        disable_notification: silent,
        link_preview_options: { is_disabled: true },
      });
      return message.message_id;
    },
  };
}
