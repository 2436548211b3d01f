import { waitFor } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccounts } from '../store/account-links.ts';
import { chatStatus } from '../store/chats.ts';
import { issueLinkCode } from '../store/link-codes.ts';
import { deliveryModes } from '../store/settings.ts';
import {
  startNotifierHarness,
  TEST_BOT_TOKEN,
  type NotifierHarness,
} from '../test-support/harness.ts';
import { BOT_COMMANDS } from './texts.ts';

let h: NotifierHarness;
let nextUser = 1000;

beforeAll(async () => {
  h = await startNotifierHarness({ rateLimits: false });
});
afterAll(() => h?.stop());

/** A user says `text` in their private chat; resolves with the bot's reply. */
async function say(userId: number, text: string) {
  const before = h.telegram.sentMessages(userId).length;
  h.telegram.userSays({ userId, firstName: `user${userId}`, text });
  const replies = await h.telegram.waitForMessages(userId, before + 1, 5_000);
  return replies[before]!;
}

const code = async (accountId: string, at = new Date()) =>
  (await issueLinkCode(h.database.db, accountId, at)).code;

describe('the bot', () => {
  it('sets its command menu at start', () => {
    expect(h.telegram.commands().map((c) => c.command)).toEqual(BOT_COMMANDS.map((c) => c.command));
  });

  it('welcomes an unlinked chat and says how to link', async () => {
    const reply = await say(nextUser++, '/start');
    expect(reply.text).toContain('I send your fills and margin alerts here');
    expect(reply.text).toContain('telegram.link');
  });

  it('links with the deep link code once; a reused, expired, malformed or unknown code changes nothing', async () => {
    const user = nextUser++;
    const valid = await code('alice');
    expect((await say(user, `/start ${valid}`)).text).toBe(
      '✅ Linked account alice. Fills and margin alerts for it come here; /settings chooses what else.',
    );
    expect(await linkedAccounts(h.database.db, String(user))).toEqual(['alice']);

    const other = nextUser++;
    expect((await say(other, `/start ${valid}`)).text).toContain('already used');
    const expired = await code('alice', new Date(Date.now() - 11 * 60_000));
    expect((await say(other, `/link ${expired}`)).text).toContain('has expired');
    expect((await say(other, '/link hello')).text).toContain('not a link code');
    expect((await say(other, '/link 0000000000')).text).toContain('not known');
    expect(await linkedAccounts(h.database.db, String(other))).toEqual([]);
  });

  it('one chat links several accounts; /unlink undoes one, then all', async () => {
    const user = nextUser++;
    await say(user, `/link ${await code('bob')}`);
    await say(user, `/link ${await code('carol')}`);
    expect((await say(user, `/link ${await code('bob')}`)).text).toContain('already linked');
    expect((await say(user, '/start')).text).toContain('Linked: bob, carol');
    expect((await say(user, '/unlink carol')).text).toContain('Unlinked carol');
    expect((await say(user, '/unlink dave')).text).toContain(
      'dave is not linked here. Linked: bob.',
    );
    expect((await say(user, '/unlink')).text).toContain('Unlinked bob');
    expect((await say(user, '/unlink')).text).toContain('No account is linked');
  });

  it('/link without a code says how', async () => {
    expect((await say(nextUser++, '/link')).text).toContain('Send the code with it');
  });

  it('/settings: a tap cycles the mode and redraws; margin calls never turn off', async () => {
    const user = nextUser++;
    const menu = await say(user, '/settings');
    const buttons = menu.replyMarkup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toContain('Fills: 🔔 on');
    expect(buttons.map((b) => b.text)).toContain('Orders canceled: ⛔ off');
    const press = (data: string) =>
      h.telegram.pressButton({ userId: user, chatId: user, messageId: menu.messageId, data });
    const edited = async (label: string) =>
      waitFor(
        () => {
          const now = h.telegram.sentMessages(user).find((m) => m.messageId === menu.messageId);
          const texts = now?.replyMarkup?.inline_keyboard.flat().map((b) => b.text) ?? [];
          return texts.includes(label) ? texts : undefined;
        },
        { timeoutMs: 5_000, what: label },
      );
    press('mode:fill');
    await edited('Fills: 🔕 silent');
    press('mode:marginCall');
    await edited('Margin calls: 🔕 silent (always)');
    press('mode:marginCall');
    await edited('Margin calls: 🔔 on (always)');
    expect(await deliveryModes(h.database.db, String(user))).toMatchObject({
      fill: 'silent',
      marginCall: 'on',
    });
    await waitFor(() => (h.telegram.callbackAnswers().length >= 3 ? true : undefined), {
      timeoutMs: 5_000,
    });
    expect(h.telegram.callbackAnswers().map((a) => a.text)).toContain('Fills: silent');
  });

  it('refuses group chats politely, and says nothing to their chatter', async () => {
    const before = h.telegram.sentMessages(-500).length;
    h.telegram.userSays({
      userId: nextUser,
      chatId: -500,
      chatType: 'group',
      chatTitle: 'desk',
      text: 'hello all',
    });
    h.telegram.userSays({
      userId: nextUser,
      chatId: -500,
      chatType: 'group',
      chatTitle: 'desk',
      text: '/status',
    });
    const replies = await h.telegram.waitForMessages(-500, before + 1, 5_000);
    expect(replies.at(-1)?.text).toContain('I only talk in private chats');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.telegram.sentMessages(-500)).toHaveLength(before + 1);
  });

  it('an unlinked chat that says something else is told how to link', async () => {
    expect((await say(nextUser++, 'what is my balance?')).text).toContain('No account is linked');
  });

  it('a user who blocks the bot marks the chat blocked; writing again makes it active', async () => {
    const user = nextUser++;
    await say(user, '/start');
    h.telegram.block(user);
    await waitFor(
      async () =>
        (await chatStatus(h.database.db, String(user))) === 'blocked' ? true : undefined,
      {
        timeoutMs: 5_000,
        what: 'chat blocked',
      },
    );
    h.telegram.unblock(user);
    await say(user, '/help');
    expect(await chatStatus(h.database.db, String(user))).toBe('active');
  });

  it('never writes the token to a log line', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(TEST_BOT_TOKEN.split(':')[1]);
  });
});
