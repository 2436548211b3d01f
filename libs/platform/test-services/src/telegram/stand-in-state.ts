// What the stand-in knows: its users and chats, every message in them, the bot's commands, the
// callback queries, and the records tests read. Bot API methods (bot-api-methods.ts) and the
// simulated users (the control API) both act on it.
import { TestServiceError, TestServiceErrorCode } from '../errors.ts';
import { badRequest, botBlocked, chatNotFound, reject, userDeactivated } from './bot-api-errors.ts';
import type {
  BotCommand,
  Chat,
  ChatMemberUpdated,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
} from './bot-api-types.ts';
import type { FormattedText } from './html-entities.ts';
import { MessageRateLimiter, type RateLimits } from './rate-limiter.ts';
import { UpdateQueue } from './update-queue.ts';

export interface BotIdentity {
  readonly id: number;
  readonly firstName: string;
  readonly username: string;
}

export interface UserSaysInput {
  readonly userId: number;
  /** Private chats: the user's id (the default). Groups: a negative id, required. */
  readonly chatId?: number;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly username?: string;
  readonly text: string;
  readonly chatType?: 'private' | 'group' | 'supergroup';
  readonly chatTitle?: string;
}

export interface PressButtonInput {
  readonly userId: number;
  readonly chatId: number;
  readonly messageId: number;
  /** The button's callback_data; the message must currently show such a button. */
  readonly data: string;
}

/** One version of a bot message: as sent, then after each edit. */
export interface MessageVersion {
  /** The text as a client shows it (markup removed, entities decoded). */
  readonly text: string;
  /** The text as the bot sent it: the HTML source under parse_mode HTML. */
  readonly html: string;
  readonly parseMode?: string;
  readonly entities: readonly MessageEntity[];
  readonly replyMarkup?: InlineKeyboardMarkup;
  /** Epoch ms. */
  readonly at: number;
}

export interface SentMessageRecord {
  readonly chatId: number;
  readonly messageId: number;
  /** Current content (after the last edit). */
  readonly text: string;
  readonly html: string;
  readonly parseMode?: string;
  readonly entities: readonly MessageEntity[];
  readonly replyMarkup?: InlineKeyboardMarkup;
  readonly disableNotification: boolean;
  readonly linkPreviewDisabled: boolean;
  /** When it was sent, epoch ms. */
  readonly at: number;
  readonly editedAt?: number;
  /** Every version, oldest first; the last is the current content. */
  readonly versions: readonly MessageVersion[];
  /** The Message as the Bot API now returns it. */
  readonly message: Message;
}

export interface CallbackAnswerRecord {
  readonly callbackQueryId: string;
  readonly userId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly data?: string;
  readonly text?: string;
  readonly showAlert: boolean;
  readonly url?: string;
  readonly cacheTime?: number;
  readonly at: number;
}

export interface ChatLogEntry {
  readonly from: 'user' | 'bot';
  readonly message: Message;
  readonly edited: boolean;
}

/** Something changed that a viewer (the web chat) may want to show. */
export type StandInEvent =
  | { readonly type: 'message'; readonly chatId: number; readonly from: 'user' | 'bot' }
  | { readonly type: 'edited'; readonly chatId: number }
  | { readonly type: 'member'; readonly chatId: number; readonly blocked: boolean }
  | { readonly type: 'callback_answer'; readonly chatId: number; readonly userId: number }
  | { readonly type: 'commands' }
  | { readonly type: 'reset' };

export interface BotMessageContent extends FormattedText {
  readonly html: string;
  readonly parseMode?: string;
  readonly replyMarkup?: InlineKeyboardMarkup;
}

interface UserState {
  user: User;
  blocked: boolean;
  deactivated: boolean;
}

interface StoredMessage {
  readonly from: 'user' | 'bot';
  message: Message;
  /** Bot messages only. */
  record?: MutableSentRecord;
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  readonly messages: Map<number, StoredMessage>;
}

type MutableSentRecord = { -readonly [K in keyof SentMessageRecord]: SentMessageRecord[K] };

interface CallbackQueryState {
  readonly userId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly data: string;
  answered: boolean;
}

const BOT_COMMAND = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])/;

const invalidControl = (message: string): never => {
  throw new TestServiceError(TestServiceErrorCode.TelegramControlInvalid, message);
};

const unixTime = (ms: number): number => Math.floor(ms / 1000);

export class StandInState {
  readonly bot: BotIdentity;
  readonly botUser: User;
  readonly updates = new UpdateQueue();
  readonly limiter: MessageRateLimiter;
  readonly #users = new Map<number, UserState>();
  readonly #chats = new Map<number, ChatState>();
  #sent: MutableSentRecord[] = [];
  readonly #callbackQueries = new Map<string, CallbackQueryState>();
  #callbackAnswers: CallbackAnswerRecord[] = [];
  readonly #commands = new Map<string, readonly BotCommand[]>();
  readonly #listeners = new Set<(event: StandInEvent) => void>();
  #callbackQuerySequence = 0;

  constructor(bot: BotIdentity, rateLimits: RateLimits | false) {
    this.bot = bot;
    this.botUser = { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
    this.limiter = new MessageRateLimiter(rateLimits);
  }

  // ---- simulated users -------------------------------------------------------------------

  userSays(input: UserSaysInput): Update {
    if (typeof input.text !== 'string' || input.text === '')
      invalidControl('userSays needs a non-empty text');
    const user = this.#upsertUser(input);
    const chat = this.#upsertChat(input, user);
    if (chat.chat.type === 'private' && this.#users.get(user.id)?.blocked === true) {
      // A client's "Restart" on a blocked bot unblocks it before the message goes out.
      this.unblock(user.id);
    }
    const now = Date.now();
    const command = BOT_COMMAND.exec(input.text);
    const message: Message = {
      message_id: chat.nextMessageId++,
      from: user,
      chat: chat.chat,
      date: unixTime(now),
      text: input.text,
      ...(command
        ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
        : {}),
    };
    chat.messages.set(message.message_id, { from: 'user', message });
    const update = this.updates.push({ message });
    this.#emit({ type: 'message', chatId: chat.chat.id, from: 'user' });
    return update;
  }

  pressButton(input: PressButtonInput): string {
    const chat = this.#chats.get(input.chatId) ?? invalidControl(`no chat ${input.chatId}`);
    const stored = chat.messages.get(input.messageId);
    if (stored?.from !== 'bot')
      invalidControl(`chat ${input.chatId} has no bot message ${input.messageId}`);
    const buttons = stored?.message.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((button) => button.callback_data === input.data))
      invalidControl(
        `message ${input.messageId} in chat ${input.chatId} shows no button with callback_data ${JSON.stringify(input.data)}`,
      );
    const user = this.#upsertUser({ userId: input.userId });
    this.#callbackQuerySequence += 1;
    const id = `${this.bot.id}${String(this.#callbackQuerySequence).padStart(9, '0')}`;
    this.#callbackQueries.set(id, {
      userId: user.id,
      chatId: input.chatId,
      messageId: input.messageId,
      data: input.data,
      answered: false,
    });
    this.updates.push({
      callback_query: {
        id,
        from: user,
        ...(stored ? { message: stored.message } : {}),
        chat_instance: String(Math.abs(input.chatId) * 31 + this.bot.id),
        data: input.data,
      },
    });
    return id;
  }

  /** The user blocks the bot: a my_chat_member update (member → kicked); undefined if already. */
  block(userId: number): Update | undefined {
    return this.#setBlocked(userId, true);
  }

  unblock(userId: number): Update | undefined {
    return this.#setBlocked(userId, false);
  }

  /** The user deletes their account: sends to them answer 403 `user is deactivated`. */
  deactivate(userId: number): void {
    const state = this.#users.get(userId) ?? invalidControl(`no user ${userId}`);
    state.deactivated = true;
  }

  isBlocked(userId: number): boolean {
    return this.#users.get(userId)?.blocked ?? false;
  }

  // ---- what the bot does (called by the Bot API methods) ---------------------------------

  /** The chat if the bot may write into it now, else Telegram's rejection. */
  deliverableChat(chatId: number): Chat {
    const chat = this.#chats.get(chatId) ?? reject(chatNotFound());
    if (chat.chat.type === 'private') {
      const user = this.#users.get(chatId);
      if (user?.deactivated) reject(userDeactivated());
      if (user?.blocked) reject(botBlocked());
    }
    return chat.chat;
  }

  sendBotMessage(
    chatId: number,
    content: BotMessageContent,
    delivery: { readonly disableNotification: boolean; readonly linkPreviewDisabled: boolean },
  ): Message {
    const chat = this.#chats.get(chatId) ?? reject(chatNotFound());
    const now = Date.now();
    const message: Message = {
      message_id: chat.nextMessageId++,
      from: this.botUser,
      chat: chat.chat,
      date: unixTime(now),
      ...messageContent(content),
    };
    const version = versionOf(content, now);
    const record: MutableSentRecord = {
      chatId,
      messageId: message.message_id,
      ...version,
      disableNotification: delivery.disableNotification,
      linkPreviewDisabled: delivery.linkPreviewDisabled,
      versions: [version],
      message,
    };
    chat.messages.set(message.message_id, { from: 'bot', message, record });
    this.#sent.push(record);
    this.#emit({ type: 'message', chatId, from: 'bot' });
    return message;
  }

  editBotMessage(chatId: number, messageId: number, content: BotMessageContent): Message {
    const chat = this.#chats.get(chatId) ?? reject(chatNotFound());
    const stored = chat.messages.get(messageId) ?? reject(badRequest('message to edit not found'));
    if (stored.from !== 'bot' || stored.record === undefined)
      reject(badRequest("message can't be edited"));
    const record = stored.record as MutableSentRecord;
    const current = stored.message;
    if (
      current.text === content.text &&
      sameJson(current.entities ?? [], content.entities) &&
      sameJson(current.reply_markup, content.replyMarkup)
    )
      reject(
        badRequest(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        ),
      );
    const now = Date.now();
    const { text: _text, entities: _entities, reply_markup: _markup, ...kept } = current;
    const message: Message = { ...kept, edit_date: unixTime(now), ...messageContent(content) };
    stored.message = message;
    const version = versionOf(content, now);
    const { replyMarkup: _previousMarkup, parseMode: _previousMode, ...rest } = record;
    const updated: MutableSentRecord = {
      ...rest,
      ...version,
      at: record.at,
      editedAt: now,
      versions: [...record.versions, version],
      message,
    };
    stored.record = updated;
    this.#sent[this.#sent.indexOf(record)] = updated;
    this.#emit({ type: 'edited', chatId });
    return message;
  }

  answerCallbackQuery(
    id: string,
    answer: Pick<CallbackAnswerRecord, 'text' | 'showAlert' | 'url' | 'cacheTime'>,
  ): void {
    const query = this.#callbackQueries.get(id);
    if (query === undefined || query.answered)
      reject(badRequest('query is too old and response timeout expired or query ID is invalid'));
    const q = query as CallbackQueryState;
    q.answered = true;
    this.#callbackAnswers.push({
      callbackQueryId: id,
      userId: q.userId,
      chatId: q.chatId,
      messageId: q.messageId,
      data: q.data,
      ...definedOnly(answer),
      showAlert: answer.showAlert,
      at: Date.now(),
    });
    this.#emit({ type: 'callback_answer', chatId: q.chatId, userId: q.userId });
  }

  setCommands(scopeKey: string, commands: readonly BotCommand[]): void {
    if (commands.length === 0) this.#commands.delete(scopeKey);
    else this.#commands.set(scopeKey, commands);
    this.#emit({ type: 'commands' });
  }

  commands(scopeKey: string): readonly BotCommand[] {
    return structuredClone(this.#commands.get(scopeKey) ?? []);
  }

  // ---- records ---------------------------------------------------------------------------

  sentMessages(chatId?: number): readonly SentMessageRecord[] {
    return structuredClone(
      chatId === undefined ? this.#sent : this.#sent.filter((r) => r.chatId === chatId),
    );
  }

  callbackAnswers(): readonly CallbackAnswerRecord[] {
    return structuredClone(this.#callbackAnswers);
  }

  /** The whole conversation in a chat, both sides, oldest first. */
  chatLog(chatId: number): readonly ChatLogEntry[] {
    const chat = this.#chats.get(chatId);
    if (chat === undefined) return [];
    return structuredClone(
      [...chat.messages.values()]
        .sort((a, b) => a.message.message_id - b.message.message_id)
        .map((m) => ({
          from: m.from,
          message: m.message,
          edited: m.message.edit_date !== undefined,
        })),
    );
  }

  subscribe(listener: (event: StandInEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets users, chats, messages, commands, queued updates and records. */
  reset(): void {
    this.#users.clear();
    this.#chats.clear();
    this.#sent = [];
    this.#callbackQueries.clear();
    this.#callbackAnswers = [];
    this.#commands.clear();
    this.updates.reset();
    this.limiter.reset();
    this.#emit({ type: 'reset' });
  }

  // ---- internals -------------------------------------------------------------------------

  #setBlocked(userId: number, blocked: boolean): Update | undefined {
    const state = this.#users.get(userId) ?? invalidControl(`no user ${userId}`);
    const chat =
      this.#chats.get(userId) ?? invalidControl(`user ${userId} has no chat with the bot`);
    if (state.blocked === blocked) return undefined;
    state.blocked = blocked;
    const member = { status: 'member', user: this.botUser } as const;
    const kicked = { status: 'kicked', user: this.botUser, until_date: 0 } as const;
    const change: ChatMemberUpdated = {
      chat: chat.chat,
      from: state.user,
      date: unixTime(Date.now()),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    };
    const update = this.updates.push({ my_chat_member: change });
    this.#emit({ type: 'member', chatId: chat.chat.id, blocked });
    return update;
  }

  #upsertUser(input: Pick<UserSaysInput, 'userId' | 'firstName' | 'lastName' | 'username'>): User {
    if (!Number.isSafeInteger(input.userId) || input.userId <= 0)
      invalidControl(`userId must be a positive integer, got ${String(input.userId)}`);
    const existing = this.#users.get(input.userId);
    if (existing?.deactivated) invalidControl(`user ${input.userId} is deactivated`);
    const previous = existing?.user;
    const user: User = {
      id: input.userId,
      is_bot: false,
      first_name: input.firstName ?? previous?.first_name ?? `User ${input.userId}`,
      ...optional('last_name', input.lastName ?? previous?.last_name),
      ...optional('username', input.username ?? previous?.username),
      language_code: previous?.language_code ?? 'en',
    };
    if (existing) existing.user = user;
    else this.#users.set(user.id, { user, blocked: false, deactivated: false });
    return user;
  }

  #upsertChat(input: UserSaysInput, user: User): ChatState {
    const type = input.chatType ?? 'private';
    let chat: Chat;
    if (type === 'private') {
      if (input.chatId !== undefined && input.chatId !== user.id)
        invalidControl(`a private chat's id is the user's id (${user.id}), got ${input.chatId}`);
      chat = {
        id: user.id,
        type,
        first_name: user.first_name,
        ...optional('last_name', user.last_name),
        ...optional('username', user.username),
      };
    } else {
      if (input.chatId === undefined || !Number.isSafeInteger(input.chatId) || input.chatId >= 0)
        invalidControl(`a ${type} needs a negative chatId, got ${String(input.chatId)}`);
      const id = input.chatId as number;
      const title = input.chatTitle ?? this.#chats.get(id)?.chat.title ?? `Group ${-id}`;
      chat = { id, type, title };
    }
    const existing = this.#chats.get(chat.id);
    if (existing) {
      existing.chat = chat;
      return existing;
    }
    const created: ChatState = { chat, nextMessageId: 1, messages: new Map() };
    this.#chats.set(chat.id, created);
    return created;
  }

  #emit(event: StandInEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A viewer's failure must not break the Bot API call that caused the event.
      }
    }
  }
}

function messageContent(content: BotMessageContent): Partial<Message> {
  return {
    text: content.text,
    ...(content.entities.length > 0 ? { entities: content.entities } : {}),
    ...(content.replyMarkup !== undefined ? { reply_markup: content.replyMarkup } : {}),
  };
}

function versionOf(content: BotMessageContent, at: number): MessageVersion {
  return {
    text: content.text,
    html: content.html,
    ...optional('parseMode', content.parseMode),
    entities: content.entities,
    ...optional('replyMarkup', content.replyMarkup),
    at,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
