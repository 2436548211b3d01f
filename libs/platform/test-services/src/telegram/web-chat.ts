// A browser stand-in for the Telegram app: one page where a person chats with the bot that talks
// to the stand-in. The page gets its chat as Server-Sent Events and acts through a small JSON API
// that calls the stand-in's control API in process.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { TestServiceError } from '../errors.ts';
import type { BotCommand, Message } from './bot-api-types.ts';
import { close, listen, readBody, sendJson } from './http-io.ts';
import type { StandInEvent } from './stand-in-state.ts';
import type { TelegramStandIn } from './telegram-stand-in.ts';
import { webChatPage } from './web-chat-page.ts';

export interface WebChatOptions {
  readonly standIn: TelegramStandIn;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port (the local stack uses 9108). */
  readonly port?: number;
}

export interface WebChat {
  /** The page: `http://127.0.0.1:<port>/`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** What the page shows for one user's private chat with the bot. */
export interface WebChatState {
  readonly bot: { readonly username: string; readonly firstName: string };
  readonly userId: number;
  readonly blocked: boolean;
  readonly commands: readonly BotCommand[];
  readonly entries: readonly WebChatEntry[];
  /** The bot's answers to this user's button presses (toasts), oldest first. */
  readonly answers: readonly {
    readonly callbackQueryId: string;
    readonly text?: string;
    readonly showAlert: boolean;
  }[];
}

export interface WebChatEntry {
  readonly from: 'user' | 'bot';
  readonly messageId: number;
  readonly date: number;
  readonly edited: boolean;
  readonly text: string;
  readonly entities: NonNullable<Message['entities']>;
  readonly replyMarkup?: Message['reply_markup'];
}

const HEARTBEAT_MS = 15_000;

export async function startWebChat(options: WebChatOptions): Promise<WebChat> {
  const { standIn } = options;
  const viewers = new Map<ServerResponse, number>();
  const due = new Set<ServerResponse>();

  const stateFor = (userId: number): WebChatState => ({
    bot: { username: standIn.botUsername, firstName: standIn.botName },
    userId,
    blocked: standIn.isBlocked(userId),
    commands: menuCommands(standIn, userId),
    entries: standIn.chatLog(userId).map((entry) => ({
      from: entry.from,
      messageId: entry.message.message_id,
      date: entry.message.date,
      edited: entry.edited,
      text: entry.message.text ?? '',
      entities: entry.message.entities ?? [],
      ...(entry.message.reply_markup ? { replyMarkup: entry.message.reply_markup } : {}),
    })),
    answers: standIn
      .callbackAnswers()
      .filter((a) => a.userId === userId)
      .map((a) => ({
        callbackQueryId: a.callbackQueryId,
        showAlert: a.showAlert,
        ...(a.text === undefined ? {} : { text: a.text }),
      })),
  });

  const push = (response: ServerResponse) => {
    const userId = viewers.get(response);
    if (userId === undefined) return;
    response.write(`event: state\ndata: ${JSON.stringify(stateFor(userId))}\n\n`);
  };

  // Coalesced: one Bot API call can cause several events; each viewer gets one fresh state.
  const schedule = (response: ServerResponse) => {
    if (due.size === 0) setImmediate(flush);
    due.add(response);
  };
  const flush = () => {
    for (const response of due) push(response);
    due.clear();
  };

  const unsubscribe = standIn.subscribe((event: StandInEvent) => {
    for (const [response, userId] of viewers) {
      if (!('chatId' in event) || event.chatId === userId) schedule(response);
    }
  });

  const heartbeat = setInterval(() => {
    for (const response of viewers.keys()) response.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://web-chat');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const handle = async () => {
      if (route === 'GET /') {
        const nonce = randomBytes(16).toString('base64');
        const page = webChatPage(nonce);
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          // Defence in depth: even if bot text slipped through as markup, nothing could run.
          'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
          'x-content-type-options': 'nosniff',
        });
        response.end(page);
        return;
      }
      if (route === 'GET /favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      if (route === 'GET /api/state')
        return sendJson(response, 200, stateFor(userIdFrom(url.searchParams.get('userId'))));
      if (route === 'GET /api/events') {
        const userId = userIdFrom(url.searchParams.get('userId'));
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        viewers.set(response, userId);
        response.on('close', () => {
          viewers.delete(response);
          due.delete(response);
        });
        push(response);
        return;
      }
      if (request.method !== 'POST') return sendJson(response, 404, { error: 'not found' });
      // JSON only: a cross-site form or text/plain POST cannot make the person say things.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
        return sendJson(response, 415, { error: 'send application/json' });
      const raw = await readBody(request, 64 * 1024);
      const body = JSON.parse(raw?.toString('utf8') || '{}') as Record<string, unknown>;
      const userId = userIdFrom(body['userId']);
      if (url.pathname === '/api/say') {
        standIn.userSays({
          userId,
          text: requiredString(body['text'], 'text'),
          ...(typeof body['firstName'] === 'string' && body['firstName'] !== ''
            ? { firstName: body['firstName'] }
            : {}),
        });
        return sendJson(response, 200, { ok: true });
      }
      if (url.pathname === '/api/press') {
        const callbackQueryId = standIn.pressButton({
          userId,
          chatId: userId,
          messageId: userIdFrom(body['messageId']),
          data: requiredString(body['data'], 'data'),
        });
        return sendJson(response, 200, { ok: true, callbackQueryId });
      }
      if (url.pathname === '/api/block') {
        if (body['blocked'] === true) standIn.block(userId);
        else standIn.unblock(userId);
        return sendJson(response, 200, { ok: true, blocked: standIn.isBlocked(userId) });
      }
      sendJson(response, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      const misuse = error instanceof TestServiceError || error instanceof SyntaxError;
      sendJson(response, misuse ? 400 : 500, { error: (error as Error).message });
    });
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    stop: async () => {
      clearInterval(heartbeat);
      unsubscribe();
      for (const response of viewers.keys()) response.end();
      viewers.clear();
      await close(server);
    },
  };
}

function userIdFrom(value: unknown): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
    throw new SyntaxError(`expected a positive integer id, got ${JSON.stringify(value)}`);
  return id;
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new SyntaxError(`${name} is required`);
  return value;
}

/** The menu a Telegram client shows: the most specific scope that has commands. */
function menuCommands(standIn: TelegramStandIn, userId: number): readonly BotCommand[] {
  const scopes = [
    { type: 'chat', chat_id: userId },
    { type: 'all_private_chats' },
    { type: 'default' },
  ] as const;
  for (const scope of scopes) {
    for (const languageCode of ['en', undefined]) {
      const commands = standIn.commands(
        languageCode === undefined ? { scope } : { scope, languageCode },
      );
      if (commands.length > 0) return commands;
    }
  }
  return [];
}
