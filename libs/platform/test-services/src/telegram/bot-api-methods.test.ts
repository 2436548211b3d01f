// Bot API methods and Telegram's error answers, through grammY's Api where it can send the call
// and through fetch where grammY would refuse to (unknown methods, form bodies).
import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, HttpError } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTelegramStandIn, type TelegramStandIn } from './telegram-stand-in.ts';

let standIn: TelegramStandIn;
let api: Api;

beforeAll(async () => {
  standIn = await startTelegramStandIn({ rateLimits: false });
  api = new Api(standIn.token, { apiRoot: standIn.apiRoot });
});
afterAll(() => standIn?.stop());
beforeEach(() => standIn.reset());

const BOB = 2002;

async function failure(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError))
    throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

async function raw(path: string, init?: RequestInit) {
  const response = await fetch(`${standIn.apiRoot}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('tokens and methods', () => {
  it('answers 401 Unauthorized to a wrong token', async () => {
    const wrong = new Api('123456:not-the-token', { apiRoot: standIn.apiRoot });
    const error = await failure(wrong.getMe());
    expect([error.error_code, error.description]).toEqual([401, 'Unauthorized']);
    expect(await raw('/botnope/getMe')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
  });

  it('answers 404 Not Found to an unknown method and to paths outside the API', async () => {
    const expected = {
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    };
    expect(await raw(`/bot${standIn.token}/sendQuantumEntanglement`, { method: 'POST' })).toEqual(
      expected,
    );
    expect(await raw('/somewhere')).toEqual(expected);
  });

  it('treats method names case-insensitively and reads GET query strings', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const answer = await raw(`/bot${standIn.token}/SENDMESSAGE?chat_id=${BOB}&text=via%20GET`);
    expect(answer.status).toBe(200);
    expect(answer.body['result']).toMatchObject({ text: 'via GET', chat: { id: BOB } });
  });

  it('reads form bodies, with objects JSON-encoded as Telegram expects', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const form = new URLSearchParams({
      chat_id: String(BOB),
      text: '<i>form</i>',
      parse_mode: 'HTML',
      disable_notification: 'true',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
      unknown_param: 'ignored',
    });
    const answer = await raw(`/bot${standIn.token}/sendMessage`, { method: 'POST', body: form });
    expect(answer.status).toBe(200);
    const [record] = standIn.sentMessages(BOB);
    expect(record).toMatchObject({
      text: 'form',
      disableNotification: true,
      replyMarkup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
  });

  it('records every call with its params and answer status', async () => {
    await failure(api.sendMessage(BOB, 'nobody'));
    await api.getMe();
    expect(standIn.calls().map((c) => [c.method, c.status, c.description])).toEqual([
      ['sendMessage', 400, 'Bad Request: chat not found'],
      ['getMe', 200, undefined],
    ]);
    expect(standIn.calls('sendmessage')[0]?.params).toEqual({ chat_id: BOB, text: 'nobody' });
  });
});

describe('sendMessage', () => {
  it('answers the Message, numbering messages per chat', async () => {
    standIn.userSays({ userId: BOB, firstName: 'Bob', text: 'hi' });
    standIn.userSays({ userId: 3003, text: 'hi' });
    const first = await api.sendMessage(BOB, 'one', { disable_notification: true });
    const second = await api.sendMessage(BOB, 'two', {
      link_preview_options: { is_disabled: true },
    });
    const other = await api.sendMessage(3003, 'three');
    expect([first.message_id, second.message_id, other.message_id]).toEqual([2, 3, 2]);
    expect(first).toMatchObject({
      chat: { id: BOB, type: 'private', first_name: 'Bob' },
      from: { id: 123456, is_bot: true, first_name: 'Perp Local Bot' },
      text: 'one',
    });
    expect(Math.abs(first.date - Date.now() / 1000)).toBeLessThan(5);
    expect(
      standIn.sentMessages(BOB).map((m) => [m.text, m.disableNotification, m.linkPreviewDisabled]),
    ).toEqual([
      ['one', true, false],
      ['two', false, true],
    ]);
  });

  it('answers 400 chat not found for a chat the stand-in has never seen', async () => {
    const error = await failure(api.sendMessage(424242, 'hello?'));
    expect([error.error_code, error.description]).toEqual([400, 'Bad Request: chat not found']);
    expect(standIn.sentMessages()).toEqual([]);
  });

  it('names missing parameters like Telegram', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const send = (body: object) =>
      raw(`/bot${standIn.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await send({ text: 'x' })).body['description']).toBe('Bad Request: chat_id is empty');
    expect((await send({ chat_id: BOB })).body['description']).toBe(
      'Bad Request: message text is empty',
    );
    const notJson = await raw(`/bot${standIn.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson).toMatchObject({ status: 400, body: { error_code: 400 } });
  });

  it('parses parse_mode HTML into text and entities and keeps the source', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const html =
      '<b>Margin call</b> on <a href="https://perp.local/a?x=1&amp;y=2">BTC-PERP</a>: ' +
      '<code>0.8 &lt; 1.0</code> <tg-spoiler>ssh</tg-spoiler>';
    const message = await api.sendMessage(BOB, html, { parse_mode: 'HTML' });
    expect(message.text).toBe('Margin call on BTC-PERP: 0.8 < 1.0 ssh');
    expect(message.entities).toEqual([
      { type: 'bold', offset: 0, length: 11 },
      { type: 'text_link', offset: 15, length: 8, url: 'https://perp.local/a?x=1&y=2' },
      { type: 'code', offset: 25, length: 9 },
      { type: 'spoiler', offset: 35, length: 3 },
    ]);
    expect(standIn.sentMessages(BOB)[0]).toMatchObject({ html, parseMode: 'HTML' });
  });

  it.each([
    [
      'Price < 100',
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 6',
    ],
    [
      '<b>bold',
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    ],
    [
      '<div>x</div>',
      'Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0',
    ],
    ['<b></b>', 'Bad Request: message text is empty'],
    ['x'.repeat(4097), 'Bad Request: message is too long'],
  ])('refuses bad HTML %#', async (text, description) => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const error = await failure(api.sendMessage(BOB, text, { parse_mode: 'HTML' }));
    expect([error.error_code, error.description]).toEqual([400, description]);
  });

  it("refuses a bare '&' under parse_mode HTML", async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const error = await failure(api.sendMessage(BOB, 'P&L: +5', { parse_mode: 'HTML' }));
    expect(error.description).toMatch(
      /^Bad Request: can't parse entities: Character '&' at byte offset 1/,
    );
  });

  it('validates inline keyboards', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const tooLong = await failure(
      api.sendMessage(BOB, 'x', {
        reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'x'.repeat(65) }]] },
      }),
    );
    expect(tooLong.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    const textOnly = await failure(
      api.sendMessage(BOB, 'x', {
        reply_markup: {
          inline_keyboard: [[{ text: 'A' } as { text: string; callback_data: string }]],
        },
      }),
    );
    expect(textOnly.description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    const link = await api.sendMessage(BOB, 'x', {
      reply_markup: { inline_keyboard: [[{ text: 'Docs', url: 'https://perp.local/docs' }]] },
    });
    expect(link.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Docs', url: 'https://perp.local/docs' }]],
    });
  });
});

describe('editMessageText', () => {
  it('edits, keeps the history, and refuses what Telegram refuses', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const keyboard = { inline_keyboard: [[{ text: 'Refresh', callback_data: 'r' }]] };
    const sent = await api.sendMessage(BOB, 'PnL: 1', { reply_markup: keyboard });
    const edited = await api.editMessageText(BOB, sent.message_id, 'PnL: 2', {
      reply_markup: keyboard,
    });
    expect(edited).toMatchObject({
      message_id: sent.message_id,
      text: 'PnL: 2',
      reply_markup: keyboard,
    });

    const same = await failure(
      api.editMessageText(BOB, sent.message_id, 'PnL: 2', { reply_markup: keyboard }),
    );
    expect(same.description).toMatch(/^Bad Request: message is not modified: /);
    // Same text without the keyboard is a change: the keyboard goes.
    await api.editMessageText(BOB, sent.message_id, 'PnL: 2');

    const missing = await failure(api.editMessageText(BOB, 999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
    const users = await failure(api.editMessageText(BOB, 1, 'x'));
    expect(users.description).toBe("Bad Request: message can't be edited");

    const [record] = standIn.sentMessages(BOB);
    expect(record?.versions.map((v) => [v.text, v.replyMarkup === undefined])).toEqual([
      ['PnL: 1', false],
      ['PnL: 2', false],
      ['PnL: 2', true],
    ]);
    expect(record?.editedAt).toBeGreaterThanOrEqual(record?.at ?? Infinity);
  });
});

describe('commands', () => {
  it('stores, returns and deletes the command list per scope', async () => {
    const commands = [
      { command: 'start', description: 'Link your account' },
      { command: 'positions', description: 'Open positions' },
    ];
    expect(await api.setMyCommands(commands)).toBe(true);
    await api.setMyCommands([{ command: 'help', description: 'Help' }], {
      scope: { type: 'all_private_chats' },
    });
    expect(await api.getMyCommands()).toEqual(commands);
    expect(standIn.commands()).toEqual(commands);
    expect(standIn.commands({ scope: { type: 'all_private_chats' } })).toEqual([
      { command: 'help', description: 'Help' },
    ]);
    expect(await api.deleteMyCommands()).toBe(true);
    expect(await api.getMyCommands()).toEqual([]);
  });

  it.each([
    [[{ command: 'Start', description: 'upper case' }], 'Bad Request: BOT_COMMAND_INVALID'],
    [[{ command: '/start', description: 'slash' }], 'Bad Request: BOT_COMMAND_INVALID'],
    [[{ command: 'x'.repeat(33), description: 'long' }], 'Bad Request: BOT_COMMAND_INVALID'],
    [[{ command: 'ok', description: '' }], 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID'],
    [
      [{ command: 'ok', description: 'd'.repeat(257) }],
      'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
    ],
  ])('refuses invalid commands %#', async (commands, description) => {
    const error = await failure(api.setMyCommands(commands));
    expect([error.error_code, error.description]).toEqual([400, description]);
    expect(standIn.commands()).toEqual([]);
  });

  it('accepts the longest valid command and description', async () => {
    const longest = [{ command: 'a_1'.repeat(10) + 'zz', description: 'd'.repeat(256) }];
    expect(await api.setMyCommands(longest)).toBe(true);
    expect(standIn.commands()).toEqual(longest);
  });
});

describe('fault injection', () => {
  it('answers a planned 429 with retry_after, then works again', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    standIn.failNext('sendMessage', { errorCode: 429, retryAfter: 7 });
    const error = await failure(api.sendMessage(BOB, 'x'));
    expect(error.error_code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 7');
    expect(error.parameters.retry_after).toBe(7);
    expect((await api.sendMessage(BOB, 'x')).text).toBe('x');
    expect(standIn.calls('sendMessage').map((c) => [c.status, c.retryAfter])).toEqual([
      [429, 7],
      [200, undefined],
    ]);
  });

  it('fails a method several times with server errors', async () => {
    standIn.failNext('getMe', { errorCode: 500, times: 2 });
    standIn.failNext('getMe', { errorCode: 502 });
    const answers = [];
    for (let i = 0; i < 4; i += 1)
      answers.push(
        await api.getMe().then(
          () => 'ok',
          (e: GrammyError) => `${e.error_code} ${e.description}`,
        ),
      );
    expect(answers).toEqual([
      '500 Internal Server Error',
      '500 Internal Server Error',
      '502 Bad Gateway',
      'ok',
    ]);
  });

  it('is honoured by grammY auto-retry, which waits retry_after', async () => {
    standIn.userSays({ userId: BOB, text: 'hi' });
    const retrying = new Api(standIn.token, { apiRoot: standIn.apiRoot });
    retrying.config.use(autoRetry());
    standIn.failNext('sendMessage', { errorCode: 429, retryAfter: 1 });
    const started = Date.now();
    expect((await retrying.sendMessage(BOB, 'eventually')).text).toBe('eventually');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(standIn.calls('sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('drops the connection without an answer: a network error for the client', async () => {
    standIn.dropConnection('getMe');
    const error = await api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(standIn.calls('getMe').map((c) => c.status)).toEqual(['dropped']);
    expect((await api.getMe()).username).toBe('perp_local_bot');
  });
});

describe('rate limits', () => {
  it('answers 429 past the per-chat burst, with retry_after', async () => {
    const limited = await startTelegramStandIn();
    try {
      const limitedApi = new Api(limited.token, { apiRoot: limited.apiRoot });
      limited.userSays({ userId: BOB, text: 'hi' });
      const results = [];
      for (let i = 0; i < 4; i += 1)
        results.push(
          await limitedApi.sendMessage(BOB, `m${i}`).then(
            () => 'ok',
            (e: GrammyError) => e,
          ),
        );
      expect(results.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
      const refused = results[3] as GrammyError;
      expect(refused.error_code).toBe(429);
      expect(refused.description).toBe('Too Many Requests: retry after 1');
      expect(refused.parameters.retry_after).toBe(1);
      expect(limited.calls('sendMessage').filter((c) => c.status === 429)).toHaveLength(1);
      expect(limited.sentMessages(BOB)).toHaveLength(3);
    } finally {
      await limited.stop();
    }
  });

  it('never answers 429 to a sender that keeps to the rate', async () => {
    const limited = await startTelegramStandIn({
      rateLimits: { perChatPerSecond: 5, globalPerSecond: 30, perChatBurst: 1 },
    });
    try {
      const limitedApi = new Api(limited.token, { apiRoot: limited.apiRoot });
      limited.userSays({ userId: BOB, text: 'hi' });
      for (let i = 0; i < 5; i += 1) {
        await limitedApi.sendMessage(BOB, `paced ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(limited.calls('sendMessage').map((c) => c.status)).toEqual(Array(5).fill(200));
      // The same sender without the pause is refused at once.
      await limitedApi.sendMessage(BOB, 'burst 1');
      expect((await failure(limitedApi.sendMessage(BOB, 'burst 2'))).error_code).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it('limits all chats together to the global rate', async () => {
    const limited = await startTelegramStandIn({
      rateLimits: { perChatPerSecond: 100, globalPerSecond: 3, perChatBurst: 100 },
    });
    try {
      const limitedApi = new Api(limited.token, { apiRoot: limited.apiRoot });
      const users = [1, 2, 3, 4];
      for (const userId of users) limited.userSays({ userId, text: 'hi' });
      const statuses = [];
      for (const userId of users)
        statuses.push(
          await limitedApi.sendMessage(userId, 'broadcast').then(
            () => 200,
            (e: GrammyError) => e.error_code,
          ),
        );
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.stop();
    }
  });
});
