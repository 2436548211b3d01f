// The stand-in against grammY, the client the notifier uses: long polling, updates and the
// message / button / edit round trip.
import { run } from '@grammyjs/runner';
import { Api, Bot, GrammyError } from 'grammy';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@perp/retry';
import { startTelegramStandIn, type TelegramStandIn } from './telegram-stand-in.ts';

let standIn: TelegramStandIn;
let api: Api;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  standIn = await startTelegramStandIn({ rateLimits: false });
  api = new Api(standIn.token, { apiRoot: standIn.apiRoot });
});
afterAll(() => standIn?.stop());
beforeEach(() => standIn.reset());
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

const ALICE = 1001;

describe('getMe', () => {
  it('describes the bot the way Telegram does', async () => {
    const me = await api.getMe();
    expect(me).toEqual({
      id: 123456,
      is_bot: true,
      first_name: 'Perp Local Bot',
      username: 'perp_local_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
    expect(standIn.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(standIn.url).toBe(`${standIn.apiRoot}/_standin`);
  });
});

describe('a bot on long polling', () => {
  it('receives /start with its payload through the runner, and its reply is recorded', async () => {
    const bot = new Bot(standIn.token, { client: { apiRoot: standIn.apiRoot } });
    const seen: { match: string; entities: unknown }[] = [];
    bot.command('start', async (ctx) => {
      seen.push({ match: ctx.match, entities: ctx.message?.entities });
      await ctx.reply(`Welcome, <b>${ctx.from?.first_name ?? ''}</b>!`, { parse_mode: 'HTML' });
    });
    const runner = run(bot);
    stops.push(() => (runner.isRunning() ? runner.stop() : Promise.resolve()));

    standIn.userSays({
      userId: ALICE,
      firstName: 'Alice',
      username: 'alice',
      text: '/start LINK42',
    });
    const [reply] = await standIn.waitForMessages(ALICE, 1);

    expect(seen).toEqual([
      { match: 'LINK42', entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
    ]);
    expect(reply).toMatchObject({
      chatId: ALICE,
      messageId: 2,
      text: 'Welcome, Alice!',
      html: 'Welcome, <b>Alice</b>!',
      parseMode: 'HTML',
      entities: [{ type: 'bold', offset: 9, length: 5 }],
    });
    expect(reply?.message.from).toMatchObject({ is_bot: true, username: 'perp_local_bot' });
    expect(reply?.message.chat).toEqual({
      id: ALICE,
      type: 'private',
      first_name: 'Alice',
      username: 'alice',
    });
    expect(Math.abs((reply?.at ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it('handles a group message that mentions the bot', async () => {
    const bot = new Bot(standIn.token, { client: { apiRoot: standIn.apiRoot } });
    bot.command('status', (ctx) => ctx.reply(`status for ${ctx.chat.type} ${ctx.chat.title}`));
    const runner = run(bot);
    stops.push(() => runner.stop());

    standIn.userSays({
      userId: ALICE,
      chatId: -100200,
      chatType: 'supergroup',
      chatTitle: 'Desk',
      text: '/status@perp_local_bot now',
    });
    const [reply] = await standIn.waitForMessages(-100200, 1);
    expect(reply?.text).toBe('status for supergroup Desk');
  });

  it('runs the button round trip: keyboard, press, answer, edit, and "not modified"', async () => {
    const bot = new Bot(standIn.token, { client: { apiRoot: standIn.apiRoot } });
    const errors: unknown[] = [];
    bot.command('start', (ctx) =>
      ctx.reply('Link account <code>A-1</code>?', {
        parse_mode: 'HTML',
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Yes', callback_data: 'link:yes' },
              { text: 'No', callback_data: 'link:no' },
            ],
          ],
        },
      }),
    );
    bot.callbackQuery('link:yes', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Linked' });
      await ctx.editMessageText('<b>Linked</b> <code>A-1</code>', { parse_mode: 'HTML' });
      try {
        await ctx.editMessageText('<b>Linked</b> <code>A-1</code>', { parse_mode: 'HTML' });
      } catch (error) {
        errors.push(error);
      }
      try {
        await ctx.answerCallbackQuery();
      } catch (error) {
        errors.push(error);
      }
    });
    void bot.start();
    stops.push(() => bot.stop());

    standIn.userSays({ userId: ALICE, text: '/start' });
    const [prompt] = await standIn.waitForMessages(ALICE, 1);
    expect(prompt?.replyMarkup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual([
      'link:yes',
      'link:no',
    ]);

    const queryId = standIn.pressButton({
      userId: ALICE,
      chatId: ALICE,
      messageId: prompt?.messageId ?? 0,
      data: 'link:yes',
    });
    const edited = await standIn.waitForMessage((m) => m.versions.length === 2);
    await waitUntil(() => errors.length === 2, { timeoutMs: 5_000, intervalMs: 10 });

    expect(edited).toMatchObject({
      messageId: prompt?.messageId,
      text: 'Linked A-1',
      html: '<b>Linked</b> <code>A-1</code>',
      versions: [{ text: 'Link account A-1?' }, { text: 'Linked A-1' }],
    });
    // Editing without reply_markup removes the keyboard, as in Telegram.
    expect(edited.replyMarkup).toBeUndefined();
    expect(edited.message.edit_date).toBeTypeOf('number');
    expect(standIn.callbackAnswers()).toMatchObject([
      {
        callbackQueryId: queryId,
        userId: ALICE,
        data: 'link:yes',
        text: 'Linked',
        showAlert: false,
      },
    ]);
    const [notModified, tooOld] = errors as GrammyError[];
    expect(notModified).toBeInstanceOf(GrammyError);
    expect(notModified?.error_code).toBe(400);
    expect(notModified?.description).toBe(
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
    expect(tooOld?.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });

  it('refuses a press on a button the message does not show', async () => {
    standIn.userSays({ userId: ALICE, text: 'hi' });
    const sent = await api.sendMessage(ALICE, 'no buttons');
    expect(() =>
      standIn.pressButton({ userId: ALICE, chatId: ALICE, messageId: sent.message_id, data: 'x' }),
    ).toThrow(/shows no button with callback_data "x"/);
  });
});

describe('getUpdates', () => {
  it('keeps updates until an offset confirms them', async () => {
    const ids = ['one', 'two', 'three'].map(
      (text) => standIn.userSays({ userId: ALICE, text }).update_id,
    );
    const all = await api.getUpdates();
    expect(all.map((u) => u.message?.text)).toEqual(['one', 'two', 'three']);
    // Not confirmed yet: the same batch again.
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual(ids);
    expect((await api.getUpdates({ offset: ids[1] })).map((u) => u.update_id)).toEqual(
      ids.slice(1),
    );
    expect(standIn.pendingUpdates().map((u) => u.update_id)).toEqual(ids.slice(1));
    expect(await api.getUpdates({ offset: (ids[2] ?? 0) + 1 })).toEqual([]);
    expect(standIn.pendingUpdates()).toEqual([]);
  });

  it('honours limit and a negative offset', async () => {
    for (const text of ['a', 'b', 'c', 'd']) standIn.userSays({ userId: ALICE, text });
    expect((await api.getUpdates({ limit: 2 })).map((u) => u.message?.text)).toEqual(['a', 'b']);
    expect((await api.getUpdates({ offset: -1 })).map((u) => u.message?.text)).toEqual(['d']);
    expect(standIn.pendingUpdates()).toHaveLength(1);
  });

  it('holds a long poll for its timeout and then answers an empty list', async () => {
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('answers a held long poll as soon as an update arrives', async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 20 });
    await waitUntil(() => standIn.calls('getUpdates').at(-1)?.status === 'pending', {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    standIn.userSays({ userId: ALICE, text: 'wake up' });
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 409 Conflict to the earlier poll when a second poller arrives', async () => {
    const first = api.getUpdates({ timeout: 10 }).catch((error: unknown) => error);
    await waitUntil(() => standIn.calls('getUpdates').at(-1)?.status === 'pending', {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    const second = await api.getUpdates({ timeout: 0 });
    const conflict = (await first) as GrammyError;

    expect(second).toEqual([]);
    expect(conflict).toBeInstanceOf(GrammyError);
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toBe(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );
    expect(standIn.calls('getUpdates').map((c) => c.status)).toEqual([409, 200]);
  });

  it('filters by allowed_updates and keeps the setting for later calls', async () => {
    await api.getUpdates({ allowed_updates: ['callback_query'] });
    standIn.userSays({ userId: ALICE, text: 'not delivered' });
    expect(await api.getUpdates()).toEqual([]);
    await api.getUpdates({ allowed_updates: [] });
    standIn.userSays({ userId: ALICE, text: 'delivered' });
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(['delivered']);
  });

  it('drops pending updates on deleteWebhook with drop_pending_updates', async () => {
    standIn.userSays({ userId: ALICE, text: 'old' });
    expect(await api.deleteWebhook({ drop_pending_updates: true })).toBe(true);
    expect(await api.getUpdates()).toEqual([]);
  });
});

describe('blocking and deactivation', () => {
  it('sends my_chat_member on block and unblock, and answers 403 while blocked', async () => {
    standIn.userSays({ userId: ALICE, firstName: 'Alice', text: '/start' });
    await api.sendMessage(ALICE, 'hello');
    const blocked = standIn.block(ALICE);
    expect(standIn.block(ALICE)).toBeUndefined();

    const updates = await api.getUpdates({ offset: blocked?.update_id });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.my_chat_member).toMatchObject({
      chat: { id: ALICE, type: 'private' },
      from: { id: ALICE, first_name: 'Alice' },
      old_chat_member: { status: 'member', user: { id: 123456, is_bot: true } },
      new_chat_member: { status: 'kicked', until_date: 0 },
    });
    const refusal = await api.sendMessage(ALICE, 'are you there?').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(GrammyError);
    expect((refusal as GrammyError).error_code).toBe(403);
    expect((refusal as GrammyError).description).toBe('Forbidden: bot was blocked by the user');
    const editRefusal = await api.editMessageText(ALICE, 2, 'x').catch((e: unknown) => e);
    expect((editRefusal as GrammyError).description).toBe('Forbidden: bot was blocked by the user');

    const unblocked = standIn.unblock(ALICE);
    const [change] = await api.getUpdates({ offset: unblocked?.update_id });
    expect(change?.my_chat_member).toMatchObject({
      old_chat_member: { status: 'kicked' },
      new_chat_member: { status: 'member' },
    });
    expect((await api.sendMessage(ALICE, 'welcome back')).text).toBe('welcome back');
  });

  it('unblocks when the blocked user writes again, as a client\'s "Restart" does', async () => {
    standIn.userSays({ userId: ALICE, text: 'hi' });
    standIn.block(ALICE);
    standIn.userSays({ userId: ALICE, text: '/start' });
    expect(standIn.isBlocked(ALICE)).toBe(false);
    const kinds = standIn
      .pendingUpdates()
      .map((u) => u.message?.text ?? u.my_chat_member?.new_chat_member.status);
    expect(kinds).toEqual(['hi', 'kicked', 'member', '/start']);
  });

  it('answers 403 user is deactivated to a deleted account', async () => {
    standIn.userSays({ userId: ALICE, text: 'bye' });
    standIn.deactivate(ALICE);
    const refusal = (await api.sendMessage(ALICE, 'x').catch((e: unknown) => e)) as GrammyError;
    expect(refusal.error_code).toBe(403);
    expect(refusal.description).toBe('Forbidden: user is deactivated');
    expect(() => standIn.userSays({ userId: ALICE, text: 'again' })).toThrow(/deactivated/);
  });
});

describe('stop', () => {
  it('answers a held poll and refuses connections afterwards', async () => {
    const other = await startTelegramStandIn();
    const otherApi = new Api(other.token, { apiRoot: other.apiRoot });
    const poll = otherApi.getUpdates({ timeout: 30 });
    await waitUntil(() => other.calls('getUpdates')[0]?.status === 'pending', {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    const started = Date.now();
    await other.stop();
    expect(await poll).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(fetch(`${other.apiRoot}/bot${other.token}/getMe`)).rejects.toThrow();
  });
});
