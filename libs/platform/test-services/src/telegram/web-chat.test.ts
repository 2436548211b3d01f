// The web chat page in a real headless Chromium, talking to a small grammY bot through the
// stand-in: formatting, buttons, edits, the command menu, blocking, and that bot text cannot
// inject markup.
import { existsSync } from 'node:fs';
import { Bot } from 'grammy';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramStandIn, type TelegramStandIn } from './telegram-stand-in.ts';
import { startWebChat, type WebChat } from './web-chat.ts';

const CHROMIUM = '/usr/bin/chromium';
// This machine's closed network makes Chromium hang on its background services without these.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

let standIn: TelegramStandIn;
let webChat: WebChat;
let bot: Bot;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const memberStatuses: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the web chat page tests drive a real browser. ` +
        'Install it with `apt-get install -y chromium` (as root; .ci/run does this).',
    );
  standIn = await startTelegramStandIn();
  webChat = await startWebChat({ standIn });
  bot = new Bot(standIn.token, { client: { apiRoot: standIn.apiRoot } });
  await bot.api.setMyCommands([
    { command: 'start', description: 'Link your account' },
    { command: 'markup', description: 'Show tricky text' },
  ]);
  bot.command('start', (ctx) =>
    ctx.reply(
      `<b>Welcome</b>, <i>${escapeHtml(ctx.from?.first_name ?? '')}</i>! Code: <code>${escapeHtml(ctx.match || 'none')}</code>`,
      {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Confirm', callback_data: 'confirm' }]] },
      },
    ),
  );
  bot.callbackQuery('confirm', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Account linked' });
    await ctx.editMessageText('<b>Confirmed</b> ✅', { parse_mode: 'HTML' });
  });
  bot.command('markup', async (ctx) => {
    // Escaped HTML: Telegram shows the tags as text, and so must the page.
    await ctx.reply(
      `${escapeHtml('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">')} <b>still bold</b>`,
      { parse_mode: 'HTML' },
    );
    // No parse_mode: the raw text is plain text.
    await ctx.reply('<img src=x onerror="window.__pwned = 3"><b>not bold</b>');
  });
  bot.on('my_chat_member', (ctx) => {
    memberStatuses.push(ctx.myChatMember.new_chat_member.status);
  });
  void bot.start({ timeout: 2 });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  page = await browser.newPage();
  page.setDefaultTimeout(8_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  await webChat?.stop();
  await standIn?.stop();
});

// Evaluated in the page (strings: this project's types have no DOM).
const storedUserId = () =>
  page.evaluate<number>("JSON.parse(localStorage.getItem('perp.webChat.user')).userId");
const messageBox = () => page.getByRole('textbox', { name: 'Message' });
const botMessages = () => page.locator('#log li[data-from="bot"]');

describe('the web chat page', () => {
  it('signs a person in, sends /start and shows the formatted reply with its button', async () => {
    await page.goto(webChat.url);
    await page.getByLabel('Your name').fill('Dana');
    await page.getByRole('button', { name: 'Start chatting' }).click();
    await page.getByText(/You: Dana \(chat id \d+\)/).waitFor();

    await messageBox().fill('/start ABC-123');
    await messageBox().press('Enter');

    const reply = botMessages().first();
    await reply.locator('b', { hasText: 'Welcome' }).waitFor();
    expect(await reply.locator('.body').textContent()).toBe('Welcome, Dana! Code: ABC-123');
    expect(await reply.locator('i').textContent()).toBe('Dana');
    expect(await reply.locator('code').textContent()).toBe('ABC-123');
    expect(await page.locator('#log li[data-from="user"] .body').first().textContent()).toBe(
      '/start ABC-123',
    );
    expect(await messageBox().inputValue()).toBe('');

    const userId = await storedUserId();
    expect(standIn.chatLog(userId).map((entry) => entry.from)).toEqual(['user', 'bot']);
  });

  it('presses the inline button: the bot answers and the message is edited in place', async () => {
    await page.getByRole('button', { name: 'Confirm' }).click();
    const reply = botMessages().first();
    await reply.locator('b', { hasText: 'Confirmed' }).waitFor();
    expect(await reply.locator('.body').textContent()).toBe('Confirmed ✅');
    expect(await reply.locator('.meta').textContent()).toMatch(/^edited · /);
    expect(await reply.getByRole('button').count()).toBe(0);
    expect(await botMessages().count()).toBe(1);
    await page.getByRole('status').getByText('Account linked').waitFor();
    expect(standIn.callbackAnswers().map((a) => a.text)).toEqual(['Account linked']);
  });

  it("offers the bot's commands and shows markup-like bot text as text, never running it", async () => {
    const menu = page.getByRole('group', { name: 'Bot commands' });
    await menu.locator('button[data-command="start"]').waitFor();
    await menu.locator('button[data-command="markup"]').click();
    expect(await messageBox().inputValue()).toBe('/markup ');
    await messageBox().press('Enter');

    await botMessages().nth(2).waitFor();
    const escaped = botMessages().nth(1);
    expect(await escaped.locator('.body').textContent()).toBe(
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> still bold',
    );
    expect(await escaped.locator('b').textContent()).toBe('still bold');
    const plain = botMessages().nth(2);
    expect(await plain.locator('.body').textContent()).toBe(
      '<img src=x onerror="window.__pwned = 3"><b>not bold</b>',
    );
    expect(await plain.locator('b').count()).toBe(0);
    expect(await page.locator('#log script, #log img').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
  });

  it('blocks and unblocks the bot', async () => {
    const userId = await storedUserId();
    await page.getByRole('button', { name: 'Block bot' }).click();
    await page.getByText('You blocked the bot').waitFor();
    expect(standIn.isBlocked(userId)).toBe(true);
    expect(
      await page.getByRole('button', { name: 'Unblock bot' }).getAttribute('aria-pressed'),
    ).toBe('true');

    await page.getByRole('button', { name: 'Unblock bot' }).click();
    await page.getByText('You blocked the bot').waitFor({ state: 'hidden' });
    expect(standIn.isBlocked(userId)).toBe(false);
    await expect.poll(() => memberStatuses).toEqual(['kicked', 'member']);
  });

  it('serves the page under a nonce CSP and takes only JSON posts', async () => {
    const response = await fetch(webChat.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(await response.text()).toContain(`<script nonce="${nonce}">`);
    const crossSite = await fetch(new URL('/api/say', webChat.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ userId: 7, text: 'forged' }),
    });
    expect(crossSite.status).toBe(415);
    expect(standIn.chatLog(7)).toEqual([]);
  });

  it('keeps the person and the conversation across a reload', async () => {
    await page.reload();
    await page.getByText(/You: Dana/).waitFor();
    await botMessages().nth(2).waitFor();
    expect(await botMessages().first().locator('.body').textContent()).toBe('Confirmed ✅');
    expect(pageErrors).toEqual([]);
  });
});
