import { Decimal } from '@perp/decimal';
import type { FillNotification } from '@perp/notifications';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSchemaCurrent, migrateToLatest, schemaStatus } from '../db/migrator.ts';
import { NotifierError } from '../notifier-errors.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/database.ts';
import { linkedAccounts, unlink } from './account-links.ts';
import { chatStatus, setChatStatus, upsertChat } from './chats.ts';
import { issueLinkCode, redeemLinkCode } from './link-codes.ts';
import { pendingHeads, enqueueNotification, markSent, outboxDepth } from './outbox.ts';
import { deliveryModes, setDeliveryMode } from './settings.ts';

const chat = (n: number) => ({ chatId: String(n), userId: String(n), firstName: `user${n}` });
const fill = (accountId: string, tradeId: string): FillNotification =>
  ({
    type: 'fill',
    accountId,
    orderId: 'ord-1',
    clientOrderId: 'c-1',
    symbol: 'BTC-PERP',
    side: 'buy',
    tradeId,
    price: Decimal.parse('60000.5'),
    quantity: Decimal.parse('0.1'),
    fee: Decimal.parse('0.01'),
    filledQuantity: Decimal.parse('0.1'),
    orderQuantity: Decimal.parse('1'),
    ts: 0,
  }) as FillNotification;

// The same behaviour on a real PostgreSQL server and on PGlite (what `npm start` may embed).
describe.each(['server', 'pglite'] as const)('notifier store on %s', (backend) => {
  let t: TestDatabase;
  let db: TestDatabase['db'];
  beforeAll(async () => {
    t = await createTestDatabase({ backend, migrate: false });
    db = t.db;
  });
  afterAll(() => t?.dispose());

  it('a database that is behind is refused, naming the command; migrating twice is a no-op', async () => {
    const err = await assertSchemaCurrent(db as Kysely<unknown>).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotifierError);
    expect((err as NotifierError).code).toBe('NOTIFIER_SCHEMA_BEHIND');
    expect((err as Error).message).toContain('npm run -s notifier:migrate');
    expect(await migrateToLatest(db as Kysely<unknown>)).toEqual(['2026-12-07-initial']);
    expect(await migrateToLatest(db as Kysely<unknown>)).toEqual([]);
    expect(await schemaStatus(db as Kysely<unknown>)).toEqual({
      applied: ['2026-12-07-initial'],
      pending: [],
    });
    await assertSchemaCurrent(db as Kysely<unknown>);
  });

  it('a code links once, within ten minutes, and only as issued', async () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const { code, expiresAt } = await issueLinkCode(db, 'alice', now);
    expect(expiresAt.getTime() - now.getTime()).toBe(600_000);
    const stored = await db.selectFrom('link_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code);

    expect(await redeemLinkCode(db, 'not-a-code', chat(1), now)).toEqual({ outcome: 'malformed' });
    expect(await redeemLinkCode(db, '0000000000', chat(1), now)).toEqual({ outcome: 'unknown' });
    // Typed in lower case with a dash: the same code.
    const typed = `${code.slice(0, 5)}-${code.slice(5)}`.toLowerCase();
    expect(await redeemLinkCode(db, typed, chat(1), now)).toEqual({
      outcome: 'linked',
      accountId: 'alice',
    });
    expect(await redeemLinkCode(db, code, chat(2), now)).toEqual({ outcome: 'used' });
    expect(await linkedAccounts(db, '1')).toEqual(['alice']);
    expect(await linkedAccounts(db, '2')).toEqual([]);

    const late = await issueLinkCode(db, 'alice', now);
    const after = new Date(now.getTime() + 600_000);
    expect(await redeemLinkCode(db, late.code, chat(2), after)).toEqual({ outcome: 'expired' });
  });

  it('codes expired over a day ago are forgotten when the account asks for a new one', async () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const old = await issueLinkCode(db, 'purge', new Date(now.getTime() - 2 * 86_400_000));
    const recent = await issueLinkCode(db, 'purge', new Date(now.getTime() - 3_600_000));
    await issueLinkCode(db, 'purge', now);
    expect(await redeemLinkCode(db, old.code, chat(31), now)).toEqual({ outcome: 'unknown' });
    expect(await redeemLinkCode(db, recent.code, chat(31), now)).toEqual({ outcome: 'expired' });
  });

  it('two chats racing for one code: exactly one links', async () => {
    const now = new Date();
    const { code } = await issueLinkCode(db, 'race', now);
    const outcomes = await Promise.all(
      [11, 12, 13].map((n) => redeemLinkCode(db, code, chat(n), now)),
    );
    expect(outcomes.filter((o) => o.outcome === 'linked')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'used')).toHaveLength(2);
  });

  it('one chat links several accounts, one account several chats; unlink undoes one or all', async () => {
    const now = new Date();
    for (const [account, n] of [
      ['bob', 3],
      ['carol', 3],
      ['bob', 4],
    ] as const) {
      const { code } = await issueLinkCode(db, account, now);
      expect((await redeemLinkCode(db, code, chat(n), now)).outcome).toBe('linked');
    }
    const again = await issueLinkCode(db, 'bob', now);
    expect(await redeemLinkCode(db, again.code, chat(3), now)).toEqual({
      outcome: 'alreadyLinked',
      accountId: 'bob',
    });
    expect(await linkedAccounts(db, '3')).toEqual(['bob', 'carol']);
    expect(await unlink(db, '3', 'carol')).toEqual(['carol']);
    expect(await linkedAccounts(db, '3')).toEqual(['bob']);
    expect(await unlink(db, '4')).toEqual(['bob']);
    expect(await unlink(db, '4')).toEqual([]);
  });

  it('settings: defaults, choices, and margin alerts never off', async () => {
    await upsertChat(db, chat(5));
    expect((await deliveryModes(db, '5')).orderCanceled).toBe('off');
    await setDeliveryMode(db, '5', 'orderCanceled', 'silent');
    await setDeliveryMode(db, '5', 'fill', 'off');
    const modes = await deliveryModes(db, '5');
    expect(modes).toMatchObject({ orderCanceled: 'silent', fill: 'off', marginCall: 'on' });
    await expect(setDeliveryMode(db, '5', 'marginCall', 'off')).rejects.toThrow(/only silenced/);
  });

  it('the outbox holds a notification once per chat, for active chats that want it', async () => {
    const now = new Date();
    for (const n of [21, 22, 23, 24]) {
      const { code } = await issueLinkCode(db, 'dave', now);
      await redeemLinkCode(db, code, chat(n), now);
    }
    await setDeliveryMode(db, '22', 'fill', 'silent');
    await setDeliveryMode(db, '23', 'fill', 'off');
    await setChatStatus(db, '24', 'blocked');
    expect(await chatStatus(db, '24')).toBe('blocked');

    const entry = {
      accountId: 'dave',
      dedupeKey: 'fill:ord-1:t-1',
      notification: fill('dave', 't-1'),
    };
    expect(await enqueueNotification(db, entry)).toBe(2);
    expect(await enqueueNotification(db, entry)).toBe(0);
    const due = await pendingHeads(db, new Date(Date.now() + 1000), 100);
    const mine = due.filter((m) => ['21', '22', '23', '24'].includes(m.chatId));
    expect(mine.map((m) => [m.chatId, m.silent])).toEqual([
      ['21', false],
      ['22', true],
    ]);
    expect(mine[0]?.html).toContain('BUY 0.1 BTC-PERP @ 60000.5');
    expect((await outboxDepth(db, new Date())).pending).toBeGreaterThanOrEqual(2);
    await markSent(db, mine[0]!.outboxId, 77, new Date());
    const left = await pendingHeads(db, new Date(Date.now() + 1000), 100);
    expect(left.map((m) => m.outboxId)).not.toContain(mine[0]!.outboxId);
    // Sent or not, the same key is still not written again.
    expect(await enqueueNotification(db, entry)).toBe(0);
  });
});
