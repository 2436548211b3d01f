// The control API over HTTP, for drivers in another process (the local stack, end-to-end tests):
// JSON in, JSON out, under /_standin/. Same operations as TelegramStandInControl.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TestServiceError, TestServiceErrorCode } from '../errors.ts';
import type { BotCommandScope } from './bot-api-types.ts';
import type { FailNextOptions } from './fault-injection.ts';
import { readBody, sendJson } from './http-io.ts';
import type { PressButtonInput, UserSaysInput } from './stand-in-state.ts';
import type { StandInInfo, TelegramStandInControl } from './telegram-stand-in.ts';

type Body = Readonly<Record<string, unknown>>;

interface RouteInput {
  readonly body: Body;
  readonly query: URLSearchParams;
  readonly control: TelegramStandInControl;
  readonly info: StandInInfo;
}

interface RouteAnswer {
  readonly status: number;
  readonly body: unknown;
}

type Route = (input: RouteInput) => unknown;

const invalid = (message: string): never => {
  throw new TestServiceError(TestServiceErrorCode.TelegramControlInvalid, message);
};

function integer(body: Body, name: string): number {
  const value = body[name];
  return typeof value === 'number' && Number.isSafeInteger(value)
    ? value
    : invalid(`"${name}" must be an integer, got ${JSON.stringify(value)}`);
}

function optionalInteger(body: Body, name: string): number | undefined {
  return body[name] === undefined ? undefined : integer(body, name);
}

function text(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : invalid(`"${name}" must be a string`);
}

function optionalText(body: Body, name: string): string | undefined {
  return body[name] === undefined ? undefined : text(body, name);
}

function definedField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const CHAT_TYPES = ['private', 'group', 'supergroup'] as const;

function userSaysInput(body: Body): UserSaysInput {
  const chatType = body['chatType'];
  if (chatType !== undefined && !CHAT_TYPES.some((t) => t === chatType))
    invalid(`"chatType" must be one of ${CHAT_TYPES.join(', ')}`);
  return {
    userId: integer(body, 'userId'),
    text: text(body, 'text'),
    ...definedField('chatId', optionalInteger(body, 'chatId')),
    ...definedField('firstName', optionalText(body, 'firstName')),
    ...definedField('lastName', optionalText(body, 'lastName')),
    ...definedField('username', optionalText(body, 'username')),
    ...definedField('chatTitle', optionalText(body, 'chatTitle')),
    ...definedField('chatType', chatType as UserSaysInput['chatType']),
  };
}

function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) invalid(`query parameter ${name} must be an integer, got "${value}"`);
  return Number(value);
}

/** "POST say" → handler. The route list is also what GET /_standin answers. */
const ROUTES: Readonly<Record<string, Route>> = {
  'GET ': ({ info }) => ({ ...info, routes: Object.keys(ROUTES).map(describeRoute) }),
  'POST say': ({ body, control }) => ({ update: control.userSays(userSaysInput(body)) }),
  'POST press-button': ({ body, control }) => {
    const input: PressButtonInput = {
      userId: integer(body, 'userId'),
      chatId: integer(body, 'chatId'),
      messageId: integer(body, 'messageId'),
      data: text(body, 'data'),
    };
    return { callbackQueryId: control.pressButton(input) };
  },
  'POST block': ({ body, control }) => ({ update: control.block(integer(body, 'userId')) ?? null }),
  'POST unblock': ({ body, control }) => ({
    update: control.unblock(integer(body, 'userId')) ?? null,
  }),
  'POST deactivate': ({ body, control }) => {
    control.deactivate(integer(body, 'userId'));
    return {};
  },
  'POST fail-next': ({ body, control }) => {
    const failure: FailNextOptions = {
      errorCode: integer(body, 'errorCode'),
      ...definedField('description', optionalText(body, 'description')),
      ...definedField('retryAfter', optionalInteger(body, 'retryAfter')),
      ...definedField('times', optionalInteger(body, 'times')),
    };
    control.failNext(text(body, 'method'), failure);
    return {};
  },
  'POST drop-connection': ({ body, control }) => {
    const times = optionalInteger(body, 'times');
    control.dropConnection(text(body, 'method'), times === undefined ? {} : { times });
    return {};
  },
  'GET sent-messages': ({ query, control }) => ({
    messages: control.sentMessages(queryInteger(query, 'chat_id')),
  }),
  'GET calls': ({ query, control }) => ({ calls: control.calls(query.get('method') ?? undefined) }),
  'GET commands': ({ query, control }) => {
    const scope = query.get('scope');
    const languageCode = query.get('language_code');
    return {
      commands: control.commands({
        ...(scope ? { scope: JSON.parse(scope) as BotCommandScope } : {}),
        ...(languageCode ? { languageCode } : {}),
      }),
    };
  },
  'GET callback-answers': ({ control }) => ({ answers: control.callbackAnswers() }),
  'GET chat-log': ({ query, control }) => ({
    entries: control.chatLog(queryInteger(query, 'chat_id') ?? invalid('chat_id is required')),
  }),
  'GET updates': ({ control }) => ({ updates: control.pendingUpdates() }),
  'POST wait-for-messages': async ({ body, control }): Promise<RouteAnswer> => {
    const chatId = integer(body, 'chatId');
    const count = optionalInteger(body, 'count') ?? 1;
    try {
      const messages = await control.waitForMessages(
        chatId,
        count,
        optionalInteger(body, 'timeoutMs'),
      );
      return { status: 200, body: { messages } };
    } catch (error) {
      return {
        status: 408,
        body: { error: (error as Error).message, messages: control.sentMessages(chatId) },
      };
    }
  },
  'POST reset': ({ control }) => {
    control.reset();
    return {};
  },
};

function describeRoute(key: string): string {
  const [method, path] = key.split(' ');
  return `${method} /_standin${path ? `/${path}` : ''}`;
}

function isRouteAnswer(value: unknown): value is RouteAnswer {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  control: TelegramStandInControl,
  info: StandInInfo,
): Promise<void> {
  const path = url.pathname.replace(/^\/_standin\/?/, '').replace(/\/$/, '');
  const key = `${request.method ?? 'GET'} ${path}`;
  const route = ROUTES[key];
  if (route === undefined) {
    sendJson(response, 404, {
      error: `no control route ${describeRoute(key)}`,
      routes: Object.keys(ROUTES).map(describeRoute),
    });
    return;
  }
  try {
    let body: Body = {};
    if (request.method === 'POST') {
      const raw = await readBody(request, 1024 * 1024);
      const parsed: unknown = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        invalid('the request body must be a JSON object');
      body = parsed as Body;
    }
    const result = await route({ body, query: url.searchParams, control, info });
    if (isRouteAnswer(result)) sendJson(response, result.status, result.body);
    else sendJson(response, 200, result);
  } catch (error) {
    // Misuse (a button that is not there, bad JSON, a bad number) is the caller's to fix: 400.
    const misuse =
      error instanceof TestServiceError ||
      error instanceof RangeError ||
      error instanceof SyntaxError;
    sendJson(response, misuse ? 400 : 500, {
      error: (error as Error).message,
      ...(error instanceof TestServiceError ? { code: error.code } : {}),
    });
  }
}
