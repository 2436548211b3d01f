// A local Telegram Bot API server (https://core.telegram.org/bots/api) for tests and the local
// stack: grammY talks to it through `new Bot(token, { client: { apiRoot } })`. Simulated users and
// fault injection are driven in process or over HTTP under /_standin/.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  BotApiRejection,
  badRequest,
  notFound,
  payloadTooLarge,
  unauthorized,
  type BotApiBody,
  type BotApiErrorBody,
} from './bot-api-errors.ts';
import { botApiMethods, scopeKey } from './bot-api-methods.ts';
import { BotApiParams, paramsFromSearch, type RawParams } from './bot-api-params.ts';
import type { BotCommand, BotCommandScope, Update } from './bot-api-types.ts';
import { handleControlRequest } from './control-routes.ts';
import { FaultPlan, type FailNextOptions } from './fault-injection.ts';
import { close, listen, readBody, sendJson } from './http-io.ts';
import { TELEGRAM_RATE_LIMITS, type RateLimits } from './rate-limiter.ts';
import {
  StandInState,
  type CallbackAnswerRecord,
  type ChatLogEntry,
  type PressButtonInput,
  type SentMessageRecord,
  type StandInEvent,
  type UserSaysInput,
} from './stand-in-state.ts';
import { waitFor } from '@perp/retry';

export const DEFAULT_STAND_IN_TOKEN = '123456:TEST-standin-token';
export const DEFAULT_BOT_USERNAME = 'perp_local_bot';

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_WAIT_MS = 5_000;

export interface TelegramStandInOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The one token accepted, `<bot id>:<secret>`; default `123456:TEST-standin-token`. */
  readonly token?: string;
  /** Default `perp_local_bot`. */
  readonly botUsername?: string;
  /** Default `Perp Local Bot`. */
  readonly botName?: string;
  /**
   * Default: Telegram's documented limits, loosely (1 message/s per chat with a burst of 3,
   * 30/s overall; only sendMessage counts). `false`: no limits.
   */
  readonly rateLimits?: RateLimits | false;
}

export interface BotApiCallRecord {
  /** As in the URL (Telegram's method names are case-insensitive). */
  readonly method: string;
  readonly httpMethod: string;
  readonly params: RawParams;
  /** Epoch ms when the call arrived. */
  readonly at: number;
  /**
   * The HTTP status answered (= error_code for errors); `pending` while a long poll is held;
   * `dropped` when dropConnection closed it; `aborted` when the client went away first.
   */
  readonly status: number | 'pending' | 'dropped' | 'aborted';
  readonly description?: string;
  readonly retryAfter?: number;
}

export interface CommandsQuery {
  readonly scope?: BotCommandScope;
  readonly languageCode?: string;
}

/** Drives the stand-in as users and as a test: what the HTTP routes under /_standin/ also do. */
export interface TelegramStandInControl {
  /** A user writes into a chat (private by default): queues a `message` update. */
  userSays(input: UserSaysInput): Update;
  /** A user presses an inline button of a bot message: queues a `callback_query`; returns its id. */
  pressButton(input: PressButtonInput): string;
  /** The user blocks the bot: a `my_chat_member` update, then 403 on sends. Undefined if already. */
  block(userId: number): Update | undefined;
  unblock(userId: number): Update | undefined;
  /** The user deletes their account: sends answer 403 `Forbidden: user is deactivated`. */
  deactivate(userId: number): void;
  isBlocked(userId: number): boolean;
  /** The next call(s) of `method` answer this error instead of running. */
  failNext(method: string, options: FailNextOptions): void;
  /** The next call(s) of `method` get their connection closed without an answer. */
  dropConnection(method: string, options?: { readonly times?: number }): void;
  /** Bot messages, oldest first, with their edit history. */
  sentMessages(chatId?: number): readonly SentMessageRecord[];
  /** Every Bot API call that reached the stand-in, oldest first. */
  calls(method?: string): readonly BotApiCallRecord[];
  /** The commands set for a scope and language (default scope, no language by default). */
  commands(query?: CommandsQuery): readonly BotCommand[];
  callbackAnswers(): readonly CallbackAnswerRecord[];
  /** Both sides of a chat, oldest first. */
  chatLog(chatId: number): readonly ChatLogEntry[];
  /** Updates queued and not yet confirmed by an offset. */
  pendingUpdates(): readonly Update[];
  waitForMessage(
    predicate: (message: SentMessageRecord) => boolean,
    timeoutMs?: number,
  ): Promise<SentMessageRecord>;
  /** Resolves with the chat's bot messages once there are at least `count`. */
  waitForMessages(
    chatId: number,
    count: number,
    timeoutMs?: number,
  ): Promise<readonly SentMessageRecord[]>;
  /** Called after every change a viewer could show; returns the unsubscribe function. */
  subscribe(listener: (event: StandInEvent) => void): () => void;
  /** Forgets users, chats, messages, commands, updates, faults and records. */
  reset(): void;
}

export interface StandInInfo {
  /** For grammY's `client.apiRoot`: `http://127.0.0.1:<port>`. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botId: number;
  readonly botUsername: string;
  /** The bot's first_name. */
  readonly botName: string;
  /** Base of the HTTP control API: `<apiRoot>/_standin`. */
  readonly url: string;
}

export interface TelegramStandIn extends TelegramStandInControl, StandInInfo {
  stop(): Promise<void>;
}

type MutableCallRecord = { -readonly [K in keyof BotApiCallRecord]: BotApiCallRecord[K] };

const BOT_PATH = /^\/bot([^/]*)\/([^/]*)$/;

/** Starts the stand-in and resolves once it listens. */
export async function startTelegramStandIn(
  options: TelegramStandInOptions = {},
): Promise<TelegramStandIn> {
  const token = options.token ?? DEFAULT_STAND_IN_TOKEN;
  const idPart = /^(\d+):[A-Za-z0-9_-]+$/.exec(token)?.[1];
  if (idPart === undefined)
    throw new RangeError(`token must look like Telegram's "<bot id>:<secret>", got "${token}"`);
  const botUsername = options.botUsername ?? DEFAULT_BOT_USERNAME;
  const state = new StandInState(
    { id: Number(idPart), firstName: options.botName ?? 'Perp Local Bot', username: botUsername },
    options.rateLimits ?? TELEGRAM_RATE_LIMITS,
  );
  const faults = new FaultPlan();
  const methods = botApiMethods(state);
  let calls: MutableCallRecord[] = [];

  let apiRoot = '';
  const info = (): StandInInfo => ({
    apiRoot,
    token,
    botId: state.bot.id,
    botUsername,
    botName: state.bot.firstName,
    url: `${apiRoot}/_standin`,
  });

  const control: TelegramStandInControl = {
    userSays: (input) => state.userSays(input),
    pressButton: (input) => state.pressButton(input),
    block: (userId) => state.block(userId),
    unblock: (userId) => state.unblock(userId),
    deactivate: (userId) => state.deactivate(userId),
    isBlocked: (userId) => state.isBlocked(userId),
    failNext: (method, failure) => faults.failNext(method, failure),
    dropConnection: (method, drop) => faults.dropConnection(method, drop?.times),
    sentMessages: (chatId) => state.sentMessages(chatId),
    calls: (method) =>
      structuredClone(
        method === undefined
          ? calls
          : calls.filter((c) => c.method.toLowerCase() === method.toLowerCase()),
      ),
    commands: (query) => state.commands(scopeKey(query?.scope, query?.languageCode)),
    callbackAnswers: () => state.callbackAnswers(),
    chatLog: (chatId) => state.chatLog(chatId),
    pendingUpdates: () => state.updates.pending(),
    waitForMessage: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(() => state.sentMessages().find(predicate), {
        timeoutMs,
        intervalMs: 10,
        what: 'a bot message matching the predicate',
      }),
    waitForMessages: (chatId, count, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(
        () => {
          const sent = state.sentMessages(chatId);
          return sent.length >= count ? sent : undefined;
        },
        { timeoutMs, intervalMs: 10, what: `${count} bot message(s) in chat ${chatId}` },
      ),
    subscribe: (listener) => state.subscribe(listener),
    reset: () => {
      state.reset();
      faults.clear();
      calls = [];
    },
  };

  const answer = (response: ServerResponse, call: MutableCallRecord, body: BotApiBody) => {
    if (call.status !== 'pending') return;
    call.status = body.ok ? 200 : body.error_code;
    if (!body.ok) {
      call.description = body.description;
      if (body.parameters?.retry_after !== undefined) call.retryAfter = body.parameters.retry_after;
    }
    sendJson(response, body.ok ? 200 : body.error_code, body);
  };

  const handleBotApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    pathToken: string,
    method: string,
  ) => {
    const read = await requestParams(request, url);
    const params = read.ok ? read.params : {};
    const call: MutableCallRecord = {
      method,
      httpMethod: request.method ?? 'GET',
      params,
      at: Date.now(),
      status: 'pending',
    };
    calls.push(call);
    if (!sameToken(pathToken, token)) return answer(response, call, unauthorized());
    if (!read.ok) return answer(response, call, read.error);

    const fault = faults.take(method);
    if (fault?.kind === 'drop') {
      call.status = 'dropped';
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'error') return answer(response, call, fault.body);

    const name = method.toLowerCase();
    try {
      if (name === 'getupdates') return getUpdates(response, call, new BotApiParams(params));
      const run = methods[name];
      if (run === undefined || method === '') return answer(response, call, notFound());
      answer(response, call, { ok: true, result: run(new BotApiParams(params)) });
    } catch (error) {
      if (error instanceof BotApiRejection) return answer(response, call, error.body);
      answer(response, call, {
        ok: false,
        error_code: 500,
        description: `Internal Server Error: stand-in failure: ${(error as Error).message}`,
      });
    }
  };

  const getUpdates = (response: ServerResponse, call: MutableCallRecord, params: BotApiParams) => {
    const allowed = params.json('allowed_updates', "can't parse allowed_updates JSON array");
    if (allowed !== undefined && !(Array.isArray(allowed) && allowed.every(isString)))
      return answer(response, call, badRequest("can't parse allowed_updates JSON array"));
    const withdraw = state.updates.getUpdates(
      {
        ...definedField('offset', params.integer('offset')),
        ...definedField('limit', params.integer('limit')),
        ...definedField('timeoutSeconds', params.integer('timeout')),
        ...definedField('allowedUpdates', allowed as string[] | undefined),
      },
      (body) => answer(response, call, body),
    );
    // A client that gives up (grammY's bot.stop() aborts its poll) must not stay the held poll.
    response.on('close', () => {
      if (!response.writableEnded) {
        withdraw();
        if (call.status === 'pending') call.status = 'aborted';
      }
    });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const route = async () => {
      const bot = BOT_PATH.exec(url.pathname);
      if (bot) return handleBotApi(request, response, url, bot[1] ?? '', bot[2] ?? '');
      if (url.pathname === '/_standin' || url.pathname.startsWith('/_standin/'))
        return handleControlRequest(request, response, url, control, info());
      sendJson(response, 404, notFound());
    };
    route().catch((error: unknown) => {
      sendJson(response, 500, {
        ok: false,
        error_code: 500,
        description: `Internal Server Error: stand-in failure: ${(error as Error).message}`,
      });
    });
  });
  // Long polls last up to `timeout` seconds; Node's default request timeouts must not cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  apiRoot = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    ...control,
    ...info(),
    stop: async () => {
      state.updates.close();
      await close(server);
    },
  };
}

type ParamsRead =
  | { readonly ok: true; readonly params: RawParams }
  | { readonly ok: false; readonly error: BotApiErrorBody };

async function requestParams(request: IncomingMessage, url: URL): Promise<ParamsRead> {
  const params = (more: RawParams = {}): ParamsRead => ({
    ok: true,
    params: { ...paramsFromSearch(url.searchParams), ...more },
  });
  const refuse = (error: BotApiErrorBody): ParamsRead => ({ ok: false, error });
  if (request.method === 'GET' || request.method === 'HEAD') return params();
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body === undefined) return refuse(payloadTooLarge());
  if (body.length === 0) return params();
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType === 'multipart/form-data')
    return refuse(
      badRequest('the Telegram stand-in does not accept multipart/form-data (file uploads)'),
    );
  if (contentType === 'application/x-www-form-urlencoded')
    return params(paramsFromSearch(new URLSearchParams(body.toString('utf8'))));
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return refuse(badRequest("can't parse JSON object"));
    return params(parsed as RawParams);
  } catch {
    return refuse(badRequest("can't parse JSON object"));
  }
}

function sameToken(pathToken: string, token: string): boolean {
  try {
    return decodeURIComponent(pathToken) === token;
  } catch {
    return false; // A malformed %-escape names no token.
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';

function definedField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
