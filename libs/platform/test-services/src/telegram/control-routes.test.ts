// The control API over HTTP, as another process (the stack's end-to-end tests) drives it.
import { Bot, type GrammyError } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestServiceError } from '../errors.ts';
import { connectTelegramStandIn, type TelegramStandInRemote } from './telegram-stand-in-client.ts';
import { startTelegramStandIn, type TelegramStandIn } from './telegram-stand-in.ts';

let standIn: TelegramStandIn;
let remote: TelegramStandInRemote;
let bot: Bot;

const CAROL = 4004;

beforeAll(async () => {
  standIn = await startTelegramStandIn({ rateLimits: false });
  remote = connectTelegramStandIn(standIn.url);
  bot = new Bot(standIn.token, { client: { apiRoot: standIn.apiRoot } });
  bot.command('start', (ctx) =>
    ctx.reply(`Hi <b>${ctx.from?.first_name ?? ''}</b>`, {
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'Ping', callback_data: 'ping' }]] },
    }),
  );
  bot.callbackQuery('ping', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'pong', show_alert: true });
    await ctx.editMessageText('Ponged');
  });
  bot.catch(() => undefined);
  void bot.start({ timeout: 1 });
});
afterAll(async () => {
  await bot?.stop();
  await standIn?.stop();
});
beforeEach(async () => {
  await remote.reset();
});

describe('HTTP control API', () => {
  it('describes the stand-in and lists its routes', async () => {
    const info = (await remote.info()) as unknown as Record<string, unknown>;
    expect(info).toMatchObject({
      apiRoot: standIn.apiRoot,
      token: standIn.token,
      botUsername: 'perp_local_bot',
      url: standIn.url,
    });
    expect(info['routes']).toEqual(
      expect.arrayContaining(['POST /_standin/say', 'GET /_standin/sent-messages']),
    );
    // The apiRoot works as the base too.
    expect((await connectTelegramStandIn(standIn.apiRoot).info()).botId).toBe(123456);
  });

  it('drives a conversation: say, wait for the reply, press, read the records', async () => {
    const update = await remote.userSays({ userId: CAROL, firstName: 'Carol', text: '/start' });
    expect(update.message?.text).toBe('/start');
    const [reply] = await remote.waitForMessages(CAROL, 1, 5_000);
    expect(reply).toMatchObject({ text: 'Hi Carol', html: 'Hi <b>Carol</b>' });

    const queryId = await remote.pressButton({
      userId: CAROL,
      chatId: CAROL,
      messageId: reply?.messageId ?? 0,
      data: 'ping',
    });
    await expect
      .poll(async () => (await remote.sentMessages(CAROL))[0]?.text, { timeout: 5_000 })
      .toBe('Ponged');
    expect(await remote.callbackAnswers()).toMatchObject([
      { callbackQueryId: queryId, text: 'pong', showAlert: true },
    ]);
    expect((await remote.chatLog(CAROL)).map((e) => [e.from, e.message.text, e.edited])).toEqual([
      ['user', '/start', false],
      ['bot', 'Ponged', true],
    ]);
    expect((await remote.calls('answerCallbackQuery')).map((c) => c.status)).toEqual([200]);
  });

  it('blocks, plans faults and reads commands', async () => {
    await remote.userSays({ userId: CAROL, text: 'hello' });
    await expect.poll(async () => (await remote.pendingUpdates()).length).toBe(0);
    expect((await remote.block(CAROL))?.my_chat_member?.new_chat_member.status).toBe('kicked');
    expect(await remote.block(CAROL)).toBeUndefined();
    const refusal = await bot.api.sendMessage(CAROL, 'x').catch((e: unknown) => e);
    expect((refusal as GrammyError).error_code).toBe(403);
    expect((await remote.unblock(CAROL))?.my_chat_member?.new_chat_member.status).toBe('member');

    await remote.failNext('sendMessage', { errorCode: 429, retryAfter: 3 });
    const limited = (await bot.api.sendMessage(CAROL, 'x').catch((e: unknown) => e)) as GrammyError;
    expect(limited.parameters.retry_after).toBe(3);
    await remote.dropConnection('getMe');
    await expect(bot.api.getMe()).rejects.toThrow(/Network request for 'getMe' failed/);

    await bot.api.setMyCommands([{ command: 'start', description: 'Start' }], {
      scope: { type: 'chat', chat_id: CAROL },
    });
    expect(await remote.commands()).toEqual([]);
    expect(await remote.commands({ scope: { type: 'chat', chat_id: CAROL } })).toEqual([
      { command: 'start', description: 'Start' },
    ]);
  });

  it('answers misuse with 400 and a message saying what is wrong', async () => {
    await expect(
      remote.pressButton({ userId: CAROL, chatId: CAROL, messageId: 1, data: 'nope' }),
    ).rejects.toThrow(TestServiceError);
    await expect(remote.userSays({ userId: -1, text: 'x' })).rejects.toThrow(
      /userId must be a positive integer/,
    );
    const response = await fetch(`${standIn.url}/say`, { method: 'POST', body: '[1]' });
    expect(response.status).toBe(400);
    const unknown = await fetch(`${standIn.url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { routes: string[] }).routes).toContain(
      'POST /_standin/reset',
    );
  });

  it('times out waiting with 408, returning what was sent so far', async () => {
    const response = await fetch(`${standIn.url}/wait-for-messages`, {
      method: 'POST',
      body: JSON.stringify({ chatId: CAROL, count: 1, timeoutMs: 50 }),
    });
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ messages: [] });
    await expect(remote.waitForMessages(CAROL, 1, 50)).rejects.toThrow(/answered 408/);
  });
});
