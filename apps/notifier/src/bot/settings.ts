import {
  deliveryMode,
  isNotificationType,
  nextDeliveryMode,
  NotificationTypeRules,
  NotificationTypes,
  type DeliveryMode,
  type NotificationType,
} from '@perp/notifications';
import { Composer, InlineKeyboard } from 'grammy';
import { upsertChat } from '../store/chats.ts';
import { deliveryModes, setDeliveryMode } from '../store/settings.ts';
import { privateChatOf, type BotContext, type BotDeps } from './bot-context.ts';

const MODE_LABEL: Record<DeliveryMode, string> = {
  on: '🔔 on',
  silent: '🔕 silent',
  off: '⛔ off',
};
const PREFIX = 'mode:';

export const SETTINGS_TEXT =
  '<b>Notifications</b>: tap one to change it (on → silent → off). Margin warnings and margin ' +
  'calls are always delivered: they can be silenced, not turned off.';

export function settingsKeyboard(
  modes: Readonly<Record<NotificationType, DeliveryMode>>,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const type of NotificationTypes) {
    const rule = NotificationTypeRules[type];
    const label = `${rule.label}: ${MODE_LABEL[modes[type]]}${rule.mandatory ? ' (always)' : ''}`;
    keyboard.text(label, `${PREFIX}${type}`).row();
  }
  return keyboard;
}

/** `/settings`: one button per notification type; a tap cycles its mode and redraws the keyboard. */
export function settings(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('settings', async (ctx) => {
    const chat = privateChatOf(ctx);
    if (!chat) return;
    await upsertChat(deps.db, chat);
    const modes = await deliveryModes(deps.db, chat.chatId);
    await ctx.reply(SETTINGS_TEXT, { parse_mode: 'HTML', reply_markup: settingsKeyboard(modes) });
  });

  composer.callbackQuery(/^mode:(.+)$/, async (ctx) => {
    const chat = privateChatOf(ctx);
    const type = ctx.match[1] ?? '';
    if (!chat || !isNotificationType(type)) return void (await ctx.answerCallbackQuery());
    await upsertChat(deps.db, chat);
    const current = await deliveryModes(deps.db, chat.chatId);
    const next = nextDeliveryMode(type, deliveryMode(type, current[type]));
    await setDeliveryMode(deps.db, chat.chatId, type, next);
    await ctx.answerCallbackQuery({ text: `${NotificationTypeRules[type].label}: ${next}` });
    await ctx.editMessageText(SETTINGS_TEXT, {
      parse_mode: 'HTML',
      reply_markup: settingsKeyboard({ ...current, [type]: next }),
    });
  });

  return composer;
}
