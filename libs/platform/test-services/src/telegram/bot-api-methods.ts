// The Bot API methods the stand-in implements, other than getUpdates (which holds the request and
// lives with the server). Each validates like Telegram, in Telegram's words, then acts on the state.
import { badRequest, reject, tooManyRequests } from './bot-api-errors.ts';
import type { BotApiParams } from './bot-api-params.ts';
import type {
  BotCommand,
  BotUser,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
} from './bot-api-types.ts';
import { formatMessageText } from './html-entities.ts';
import type { BotMessageContent, StandInState } from './stand-in-state.ts';

export type BotApiMethod = (params: BotApiParams) => unknown;

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;
const MAX_CALLBACK_DATA_BYTES = 64;
const MARKUP_INVALID = "can't parse reply keyboard markup JSON object";

const required = (name: string): never => reject(badRequest(`parameter "${name}" is required`));

export function botApiMethods(state: StandInState): Readonly<Record<string, BotApiMethod>> {
  const getMe = (): BotUser => ({
    ...state.botUser,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  });

  const sendMessage = (params: BotApiParams) => {
    const chatId = params.chatId();
    const content = messageContent(params);
    const preview = params.json('link_preview_options', "can't parse link preview options");
    state.deliverableChat(chatId);
    // Only sends count (not edits): the documented limits are about messages a chat receives.
    const retryAfter = state.limiter.admit(chatId);
    if (retryAfter !== undefined) reject(tooManyRequests(retryAfter));
    return state.sendBotMessage(chatId, content, {
      disableNotification: params.boolean('disable_notification') ?? false,
      linkPreviewDisabled:
        params.boolean('disable_web_page_preview') ??
        (isRecord(preview) && preview['is_disabled'] === true),
    });
  };

  const editMessageText = (params: BotApiParams) => {
    // The stand-in sends no inline-mode messages, so there is nothing such an id could name.
    if (params.has('inline_message_id')) reject(badRequest('MESSAGE_ID_INVALID'));
    const chatId = params.chatId();
    const messageId = params.integer('message_id');
    if (messageId === undefined) reject(badRequest('message identifier is not specified'));
    const content = messageContent(params);
    state.deliverableChat(chatId);
    return state.editBotMessage(chatId, messageId as number, content);
  };

  const answerCallbackQuery = (params: BotApiParams) => {
    const id = params.string('callback_query_id') ?? required('callback_query_id');
    state.answerCallbackQuery(id, {
      showAlert: params.boolean('show_alert') ?? false,
      ...optionalField('text', params.string('text')),
      ...optionalField('url', params.string('url')),
      ...optionalField('cacheTime', params.integer('cache_time')),
    });
    return true;
  };

  const setMyCommands = (params: BotApiParams) => {
    const raw = params.json('commands', "can't parse commands JSON object");
    if (raw === undefined) required('commands');
    if (!Array.isArray(raw)) return reject(badRequest('field "commands" must be an Array'));
    if (raw.length > MAX_COMMANDS) reject(badRequest('BOT_COMMANDS_TOO_MUCH'));
    const commands = raw.map((item: unknown): BotCommand => {
      if (!isRecord(item)) return reject(badRequest('expected BotCommand to be an Object'));
      const { command, description } = item;
      if (typeof command !== 'string') return required('command');
      if (typeof description !== 'string') return required('description');
      if (!COMMAND_NAME.test(command)) reject(badRequest('BOT_COMMAND_INVALID'));
      if (description.trim().length === 0 || description.length > 256)
        reject(badRequest('BOT_COMMAND_DESCRIPTION_INVALID'));
      return { command, description };
    });
    state.setCommands(commandScopeKey(params), commands);
    return true;
  };

  const getMyCommands = (params: BotApiParams) => state.commands(commandScopeKey(params));

  const deleteMyCommands = (params: BotApiParams) => {
    state.setCommands(commandScopeKey(params), []);
    return true;
  };

  const deleteWebhook = (params: BotApiParams) => {
    if (params.boolean('drop_pending_updates') === true) state.updates.dropPending();
    return true;
  };

  const getWebhookInfo = () => ({
    url: '',
    has_custom_certificate: false,
    pending_update_count: state.updates.pending().length,
  });

  // Telegram's method names are case-insensitive; the table is keyed in lower case.
  return {
    getme: getMe,
    sendmessage: sendMessage,
    editmessagetext: editMessageText,
    answercallbackquery: answerCallbackQuery,
    setmycommands: setMyCommands,
    getmycommands: getMyCommands,
    deletemycommands: deleteMyCommands,
    deletewebhook: deleteWebhook,
    getwebhookinfo: getWebhookInfo,
  };
}

function messageContent(params: BotApiParams): BotMessageContent {
  const html = params.string('text');
  const parseMode = params.has('parse_mode') ? params.string('parse_mode') : undefined;
  const formatted = formatMessageText(html, parseMode);
  if (!formatted.ok) return reject(badRequest(formatted.description));
  const replyMarkup = inlineKeyboard(params);
  return {
    text: formatted.text,
    entities: formatted.entities,
    html: html ?? '',
    ...optionalField('parseMode', parseMode),
    ...optionalField('replyMarkup', replyMarkup),
  };
}

function inlineKeyboard(params: BotApiParams): InlineKeyboardMarkup | undefined {
  const raw = params.json('reply_markup', MARKUP_INVALID);
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return reject(badRequest(MARKUP_INVALID));
  if (!('inline_keyboard' in raw))
    // Reply keyboards need a client-side keyboard the web chat does not draw; say so plainly.
    return reject(badRequest('the Telegram stand-in supports only inline_keyboard reply markup'));
  const rows = raw['inline_keyboard'];
  if (!Array.isArray(rows) || !rows.every(Array.isArray))
    return reject(
      badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'),
    );
  return {
    inline_keyboard: rows.map((row: unknown[]) => row.map(inlineButton)),
  };
}

function inlineButton(raw: unknown): InlineKeyboardButton {
  const cantParse = (why: string): never =>
    reject(badRequest(`can't parse inline keyboard button: ${why}`));
  if (!isRecord(raw)) return cantParse('InlineKeyboardButton must be an Object');
  const { text, callback_data: data, url } = raw;
  if (typeof text !== 'string') return cantParse('Field "text" must be of type String');
  if (data !== undefined) {
    if (typeof data !== 'string') return cantParse('Field "callback_data" must be of type String');
    const bytes = new TextEncoder().encode(data).length;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) reject(badRequest('BUTTON_DATA_INVALID'));
    return { text, callback_data: data };
  }
  if (url !== undefined) {
    if (typeof url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(url))
      reject(badRequest(`inline keyboard button URL "${String(url)}" is invalid: Wrong HTTP URL`));
    return { text, url: url as string };
  }
  return cantParse('Text buttons are unallowed in the inline keyboard');
}

function commandScopeKey(params: BotApiParams): string {
  return scopeKey(
    params.json('scope', "can't parse BotCommandScope JSON object"),
    params.string('language_code'),
  );
}

/** Commands are stored per scope and language, as Telegram does. */
export function scopeKey(scope: unknown, languageCode: string | undefined): string {
  const normalized = isRecord(scope)
    ? [scope['type'] ?? 'default', idOrNull(scope['chat_id']), idOrNull(scope['user_id'])]
    : ['default', null, null];
  return JSON.stringify([...normalized, languageCode ?? '']);
}

// Form-encoded scopes carry ids as strings; 42 and "42" name the same chat.
const idOrNull = (id: unknown): string | null =>
  typeof id === 'number' || typeof id === 'string' ? String(id) : null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
