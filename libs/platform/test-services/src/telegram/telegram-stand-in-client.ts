// The stand-in's control API from another process (an end-to-end test driving the local stack's
// stand-in): the HTTP routes under /_standin/ behind the same names as the in-process API.
import { TestServiceError, TestServiceErrorCode } from '../errors.ts';
import type { BotCommand, Update } from './bot-api-types.ts';
import type { FailNextOptions } from './fault-injection.ts';
import type {
  CallbackAnswerRecord,
  ChatLogEntry,
  PressButtonInput,
  SentMessageRecord,
  UserSaysInput,
} from './stand-in-state.ts';
import type { BotApiCallRecord, CommandsQuery, StandInInfo } from './telegram-stand-in.ts';

export interface TelegramStandInRemote {
  /** The control base, `http://host:port/_standin`. */
  readonly url: string;
  info(): Promise<StandInInfo>;
  userSays(input: UserSaysInput): Promise<Update>;
  pressButton(input: PressButtonInput): Promise<string>;
  block(userId: number): Promise<Update | undefined>;
  unblock(userId: number): Promise<Update | undefined>;
  deactivate(userId: number): Promise<void>;
  failNext(method: string, options: FailNextOptions): Promise<void>;
  dropConnection(method: string, options?: { readonly times?: number }): Promise<void>;
  sentMessages(chatId?: number): Promise<readonly SentMessageRecord[]>;
  calls(method?: string): Promise<readonly BotApiCallRecord[]>;
  commands(query?: CommandsQuery): Promise<readonly BotCommand[]>;
  callbackAnswers(): Promise<readonly CallbackAnswerRecord[]>;
  chatLog(chatId: number): Promise<readonly ChatLogEntry[]>;
  pendingUpdates(): Promise<readonly Update[]>;
  /** Resolves once the chat has at least `count` bot messages; rejects after `timeoutMs`. */
  waitForMessages(
    chatId: number,
    count: number,
    timeoutMs?: number,
  ): Promise<readonly SentMessageRecord[]>;
  reset(): Promise<void>;
}

/** `url`: the stand-in's control base (its `url`), or its apiRoot. */
export function connectTelegramStandIn(url: string): TelegramStandInRemote {
  const base = url.replace(/\/+$/, '').replace(/(\/_standin)?$/, '/_standin');

  const call = async <T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T & { error?: string };
    if (response.ok) return answer;
    const message = `${method} ${base}${path} answered ${response.status}: ${answer.error ?? ''}`;
    if (response.status === 400)
      throw new TestServiceError(TestServiceErrorCode.TelegramControlInvalid, message);
    throw new Error(message);
  };
  const get = <T>(path: string, query: Record<string, string | undefined> = {}) => {
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    return call<T>('GET', search === '' ? path : `${path}?${search}`);
  };
  const post = <T>(path: string, body: object) => call<T>('POST', path, body);

  return {
    url: base,
    info: () => get<StandInInfo>(''),
    userSays: async (input) => (await post<{ update: Update }>('/say', input)).update,
    pressButton: async (input) =>
      (await post<{ callbackQueryId: string }>('/press-button', input)).callbackQueryId,
    block: async (userId) =>
      (await post<{ update: Update | null }>('/block', { userId })).update ?? undefined,
    unblock: async (userId) =>
      (await post<{ update: Update | null }>('/unblock', { userId })).update ?? undefined,
    deactivate: async (userId) => {
      await post('/deactivate', { userId });
    },
    failNext: async (method, options) => {
      await post('/fail-next', { method, ...options });
    },
    dropConnection: async (method, options) => {
      await post('/drop-connection', { method, ...options });
    },
    sentMessages: async (chatId) =>
      (
        await get<{ messages: SentMessageRecord[] }>('/sent-messages', {
          chat_id: chatId === undefined ? undefined : String(chatId),
        })
      ).messages,
    calls: async (method) => (await get<{ calls: BotApiCallRecord[] }>('/calls', { method })).calls,
    commands: async (query) =>
      (
        await get<{ commands: BotCommand[] }>('/commands', {
          scope: query?.scope === undefined ? undefined : JSON.stringify(query.scope),
          language_code: query?.languageCode,
        })
      ).commands,
    callbackAnswers: async () =>
      (await get<{ answers: CallbackAnswerRecord[] }>('/callback-answers')).answers,
    chatLog: async (chatId) =>
      (await get<{ entries: ChatLogEntry[] }>('/chat-log', { chat_id: String(chatId) })).entries,
    pendingUpdates: async () => (await get<{ updates: Update[] }>('/updates')).updates,
    waitForMessages: async (chatId, count, timeoutMs) =>
      (
        await post<{ messages: SentMessageRecord[] }>('/wait-for-messages', {
          chatId,
          count,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        })
      ).messages,
    reset: async () => {
      await post('/reset', {});
    },
  };
}
