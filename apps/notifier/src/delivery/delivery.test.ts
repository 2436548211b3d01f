import { waitFor } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatStatus } from '../store/chats.ts';
import { setDeliveryMode } from '../store/settings.ts';
import { OmsReports } from '../test-support/fills.ts';
import {
  startNotifierHarness,
  TEST_API_TOKEN,
  type NotifierHarness,
} from '../test-support/harness.ts';

let h: NotifierHarness;
let oms: OmsReports;
let nextUser = 2000;
const newUser = () => nextUser++;

beforeAll(async () => {
  // Per chat one message every 50 ms here (Telegram allows about one a second), so bursts finish
  // quickly; the stand-in answers 429 to a chat beyond 25 a second, no burst allowed.
  h = await startNotifierHarness({
    config: { NOTIFIER_CHAT_INTERVAL_MS: 50 },
    rateLimits: { perChatPerSecond: 25, perChatBurst: 1, globalPerSecond: 30 },
  });
  oms = new OmsReports(h.redis.client, h.redis.keyPrefix);
});
afterAll(() => h?.stop());

const fillsTo = (userId: number) =>
  h.telegram.sentMessages(userId).filter((m) => m.text.includes('filled: BUY'));

describe('fill notifications', () => {
  it('a fill reaches the linked chat within 2 s, once, also when the stream delivers it twice', async () => {
    const user = newUser();
    await h.link(user, 'acct-fill');
    const report = await oms.fill('acct-fill', 'trade-1');
    const started = Date.now();
    const message = await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('Partially filled: BUY 0.1 BTC-PERP @ 60000.5'),
      2_000,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(message.html).toContain('<b>Partially filled</b>');
    expect(message.disableNotification).toBe(false);
    await oms.republishRaw(h.redis.client, h.eventsStream, report);
    await oms.fill('acct-fill', 'trade-2');
    await waitFor(() => (fillsTo(user).length >= 2 ? true : undefined), { timeoutMs: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fillsTo(user).map((m) => m.text.split('\n')[1])).toEqual([
      'Order c-trade-1: 0.1 of 1 filled · fee 0.03 USD',
      'Order c-trade-2: 0.1 of 1 filled · fee 0.03 USD',
    ]);
  });

  it('every chat linked to the account gets it; a chat that silenced fills gets it without sound', async () => {
    const [loud, quiet, off] = [newUser(), newUser(), newUser()];
    for (const user of [loud, quiet, off]) await h.link(user, 'acct-shared');
    await setDeliveryMode(h.database.db, String(quiet), 'fill', 'silent');
    await setDeliveryMode(h.database.db, String(off), 'fill', 'off');
    await oms.fill('acct-shared', 'trade-s1');
    await waitFor(
      () => (fillsTo(loud).length === 1 && fillsTo(quiet).length === 1 ? true : undefined),
      {
        timeoutMs: 3_000,
      },
    );
    expect(fillsTo(quiet)[0]?.disableNotification).toBe(true);
    expect(fillsTo(loud)[0]?.disableNotification).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fillsTo(off)).toHaveLength(0);
  });

  it('order outcomes are off by default, each type its own switch', async () => {
    const user = newUser();
    await h.link(user, 'acct-ended');
    const outcomes = () => h.telegram.sentMessages(user).filter((m) => m.text.startsWith('Order '));
    await oms.ended('acct-ended', 'quiet-1', 'canceled', 'USER_CANCELED');
    await oms.fill('acct-ended', 'marker-1');
    await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('c-marker-1'),
      3_000,
    );
    expect(outcomes()).toHaveLength(0);
    // Read and dropped by the setting, not refused as invalid.
    const metrics = await (await fetch(`${h.apiUrl}/metrics`)).text();
    expect(metrics).not.toMatch(/notifier_events_total\{[^}]*outcome="invalid"[^}]*\} [1-9]/);

    await setDeliveryMode(h.database.db, String(user), 'orderCanceled', 'on');
    await oms.ended('acct-ended', 'loud-1', 'canceled', 'USER_CANCELED');
    await oms.ended('acct-ended', 'denied-1', 'denied', 'INSUFFICIENT_MARGIN');
    await oms.fill('acct-ended', 'marker-2');
    await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('c-marker-2'),
      3_000,
    );
    expect(outcomes().map((m) => m.text.split('\n')[0])).toEqual([
      'Order canceled: BUY 1 BTC-PERP limit @ 60000.5',
    ]);
    expect(outcomes()[0]?.text).toContain('reason USER_CANCELED');
  });

  it('a 429 waits its retry_after, then the message goes once', async () => {
    const user = newUser();
    await h.link(user, 'acct-429');
    h.telegram.failNext('sendMessage', { errorCode: 429, retryAfter: 1 });
    const at = Date.now();
    await oms.fill('acct-429', 'trade-429');
    const message = await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('filled'),
      5_000,
    );
    expect(message.at - at).toBeGreaterThanOrEqual(1_000);
    const refused = h.telegram.calls('sendMessage').filter((c) => c.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fillsTo(user)).toHaveLength(1);
  });

  it('a 5xx and a dropped connection are retried with backoff, then the message goes once', async () => {
    const user = newUser();
    await h.link(user, 'acct-5xx');
    h.telegram.failNext('sendMessage', { errorCode: 502, description: 'Bad Gateway' });
    h.telegram.dropConnection('sendMessage');
    await oms.fill('acct-5xx', 'trade-5xx');
    const message = await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('c-trade-5xx'),
      10_000,
    );
    expect(message.text).toContain('Partially filled');
    const attempts = h.telegram
      .calls('sendMessage')
      .filter((c) => String(c.params['chat_id']) === String(user));
    expect(attempts.map((c) => c.status)).toEqual(expect.arrayContaining([502, 'dropped', 200]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fillsTo(user)).toHaveLength(1);
  });

  it('a 403 (blocked) deactivates the chat and nothing more is sent to it', async () => {
    const user = newUser();
    await h.link(user, 'acct-403');
    h.telegram.deactivate(user);
    await oms.fill('acct-403', 'trade-403a');
    await waitFor(
      async () =>
        (await chatStatus(h.database.db, String(user))) === 'deactivated' ? true : undefined,
      {
        timeoutMs: 5_000,
        what: 'chat deactivated',
      },
    );
    const attempts = h.telegram
      .calls('sendMessage')
      .filter((c) => String(c.params['chat_id']) === String(user)).length;
    await oms.fill('acct-403', 'trade-403b');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      h.telegram.calls('sendMessage').filter((c) => String(c.params['chat_id']) === String(user)),
    ).toHaveLength(attempts);
  });

  it('a burst of 100 fills to one chat keeps the per-chat limit and loses nothing', async () => {
    const user = newUser();
    await h.link(user, 'acct-burst');
    for (let i = 0; i < 100; i += 1) await oms.fill('acct-burst', `burst-${i}`);
    await waitFor(() => (fillsTo(user).length >= 100 ? true : undefined), {
      timeoutMs: 20_000,
      what: '100 fills',
    });
    const fills = fillsTo(user);
    expect(fills.map((m) => m.text.split('\n')[1]?.split(':')[0])).toEqual(
      Array.from({ length: 100 }, (_, i) => `Order c-burst-${i}`),
    );
    const refused = h.telegram
      .calls('sendMessage')
      .filter((c) => String(c.params['chat_id']) === String(user) && c.status === 429);
    expect(refused).toHaveLength(0);
    // At most one message per 50 ms interval, give or take the clock's granularity.
    const gaps = fills.slice(1).map((m, i) => m.at - fills[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
  });
});

interface ErrorBody {
  readonly error: { readonly code: string; readonly issues?: readonly { readonly path: string }[] };
}

describe('trading state changes', () => {
  it('an account’s state reaches its chats; a global one every followed account, once each', async () => {
    const [own, other] = [newUser(), newUser()];
    await h.link(own, 'acct-state');
    await h.link(other, 'acct-state-other');
    const change = {
      scope: 'account',
      target: 'acct-state',
      state: 'halted',
      commandId: 'admin.tradingState.set:ops:1',
    } as const;
    await oms.tradingState(change);
    await oms.tradingState(change); // redelivered: the same command
    const halted = await h.telegram.waitForMessage(
      (m) => m.chatId === own && m.text.includes('Trading state'),
      3_000,
    );
    expect(halted.text).toBe(
      'Trading state (account): halted, only cancels pass\nAccount acct-state',
    );
    await oms.tradingState({
      scope: 'global',
      state: 'reducing',
      commandId: 'admin.tradingState.set:ops:2',
    });
    for (const user of [own, other])
      await h.telegram.waitForMessage(
        (m) => m.chatId === user && m.text.includes('whole platform'),
        5_000,
      );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const states = (user: number) =>
      h.telegram.sentMessages(user).filter((m) => m.text.startsWith('Trading state'));
    expect(states(own)).toHaveLength(2);
    expect(states(other)).toHaveLength(1);
  });
});

describe('the internal API', () => {
  const post = (path: string, body: unknown, token = TEST_API_TOKEN) =>
    fetch(`${h.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const warning = (dedupeKey: string) => ({
    accountId: 'acct-margin',
    type: 'marginWarning',
    dedupeKey,
    data: {
      marginUtilization: '0.8125',
      equity: '10000',
      maintenanceMargin: '8125',
      threshold: '0.8',
      ts: Date.now(),
    },
  });

  it('stores a margin warning (202) once per dedupe key and delivers it', async () => {
    const user = newUser();
    await h.link(user, 'acct-margin');
    const first = await post('/v1/notifications', warning('mw-1'));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ queued: 1 });
    const again = await post('/v1/notifications', warning('mw-1'));
    expect(await again.json()).toEqual({ queued: 0 });
    const message = await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('Margin warning'),
      3_000,
    );
    expect(message.text).toContain('utilisation 81.25 % (warns at 80 %)');
  });

  it('margin alerts cannot be turned off: a silenced chat still gets them, silently', async () => {
    const user = newUser();
    await h.link(user, 'acct-margin2');
    await setDeliveryMode(h.database.db, String(user), 'marginWarning', 'silent');
    await post('/v1/notifications', { ...warning('mw-2'), accountId: 'acct-margin2' });
    const message = await h.telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('Margin warning'),
      3_000,
    );
    expect(message.disableNotification).toBe(true);
  });

  it('refuses a missing or wrong bearer token (401), a bad body (400), bad JSON (400)', async () => {
    const noToken = await fetch(`${h.apiUrl}/v1/notifications`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as ErrorBody).error.code).toBe('NOTIFIER_UNAUTHORIZED');
    expect((await post('/v1/notifications', warning('x'), 'wrong-token-0123456789')).status).toBe(
      401,
    );
    const bad = await post('/v1/notifications', { ...warning('x'), data: { equity: 1.5 } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorBody;
    expect(body.error.code).toBe('NOTIFIER_INVALID_REQUEST');
    expect(body.error.issues?.map((i) => i.path)).toContain('data.equity');
    expect((await post('/v1/notifications', '{"accountId":')).status).toBe(400);
    expect((await post('/v1/notifications', { ...warning('x'), type: 'fill' })).status).toBe(400);
  });

  it('issues link codes with the bot deep link', async () => {
    const response = await post('/v1/link-codes', { accountId: 'acct-link' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { code: string; expiresAt: number; url: string };
    expect(body.code).toMatch(/^[0-9A-Z]{10}$/);
    expect(body.url).toBe(`https://t.me/${h.telegram.botUsername}?start=${body.code}`);
    expect(body.expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await post('/v1/link-codes', { accountId: '' })).status).toBe(400);
  });

  it('reports its metrics', async () => {
    const text = await (await fetch(`${h.apiUrl}/metrics`)).text();
    expect(text).toMatch(/notifier_messages_sent_total\{[^}]*\} [1-9]/);
    expect(text).toContain('notifier_outbox_pending');
    expect(text).toMatch(/notifier_messages_failed_total\{[^}]*reason="rateLimited"[^}]*\} [1-9]/);
  });
});
