import { spawnSync } from 'node:child_process';
import {
  connectRedis,
  createPostgresDatabase,
  startTelegramStandIn,
  waitFor,
  type PostgresDatabase,
  type RedisTestInstance,
  type TelegramStandIn,
} from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './db/connect.ts';
import { issueLinkCode } from './store/link-codes.ts';
import { OmsReports } from './test-support/fills.ts';
import { TEST_BOT_TOKEN } from './test-support/harness.ts';
import { NOTIFIER_MIGRATE, startNotifierProcess } from './test-support/notifier-process.ts';
import { redisKeyspace } from '@perp/redis-adapter';

let telegram: TelegramStandIn;
let database: PostgresDatabase;
let redis: RedisTestInstance;

beforeAll(async () => {
  telegram = await startTelegramStandIn({ token: TEST_BOT_TOKEN, rateLimits: false });
  database = await createPostgresDatabase();
  redis = await connectRedis();
});
afterAll(async () => {
  await telegram?.stop();
  await redis?.dispose();
  await database?.dispose();
});

const migrate = () =>
  spawnSync(process.execPath, ['--conditions=@perp/source', NOTIFIER_MIGRATE], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: 'utf8',
  });
const processOptions = () => ({
  apiRoot: telegram.apiRoot,
  databaseUrl: database.url,
  redisUrl: redis.url,
  keyPrefix: redis.keyPrefix,
  env: {
    NOTIFIER_CHAT_INTERVAL_MS: '20',
    NOTIFIER_LEASE_TTL_MS: '2000',
    NOTIFIER_LEASE_INTERVAL_MS: '200',
  },
});

describe('the notifier process', () => {
  it('refuses a schema that is behind, naming the command; the migrate command brings it up', async () => {
    const refused = await startNotifierProcess(processOptions()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error).message)).toContain('npm run -s notifier:migrate');

    const first = migrate();
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('notifier schema migrated: 2026-12-07-initial\n');
    const second = migrate();
    expect(second.stdout).toBe('notifier schema up to date\n');
    const wrong = spawnSync(process.execPath, ['--conditions=@perp/source', NOTIFIER_MIGRATE], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(78);
    expect(wrong.stderr).toContain('DATABASE_URL');
  });

  it('SIGKILLed mid-stream and restarted, it delivers every fill; at most the one in flight twice', async () => {
    const notifier = await startNotifierProcess(processOptions());
    const user = 4001;
    const { code } = await issueLinkCode(connectDatabaseOnce(), 'acct-crash', new Date());
    telegram.userSays({ userId: user, text: `/start ${code}` });
    await telegram.waitForMessage(
      (m) => m.chatId === user && m.text.includes('Linked account'),
      10_000,
    );

    const oms = new OmsReports(redis.client, redis.keyPrefix);
    const fills = () => telegram.sentMessages(user).filter((m) => m.text.includes('filled: BUY'));
    for (let i = 0; i < 30; i += 1) await oms.fill('acct-crash', `crash-${i}`);
    await waitFor(() => (fills().length >= 5 ? true : undefined), { timeoutMs: 10_000 });
    await notifier.kill();
    for (let i = 30; i < 40; i += 1) await oms.fill('acct-crash', `crash-${i}`);

    const restarted = await startNotifierProcess({ ...processOptions(), port: notifier.port });
    try {
      await waitFor(
        () => (new Set(fills().map((m) => m.text.split('\n')[1])).size >= 40 ? true : undefined),
        { timeoutMs: 20_000, what: '40 distinct fills' },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const lines = fills().map((m) => m.text.split('\n')[1]?.split(':')[0] ?? '');
      const expected = Array.from({ length: 40 }, (_, i) => `Order c-crash-${i}`);
      expect([...new Set(lines)].sort()).toEqual([...expected].sort());
      expect(lines.length - 40).toBeLessThanOrEqual(1);
      // Fills arrive in the order they were made, also across the restart.
      expect([...new Set(lines)]).toEqual(expected);
      // Every entry read was acknowledged: nothing is left pending in the group.
      const pending = (await redis.client.xpending(
        redisKeyspace(redis.keyPrefix).events,
        'notifier',
      )) as [number];
      expect(pending[0]).toBe(0);
      expect(`${notifier.output()}${restarted.output()}`).not.toContain(
        TEST_BOT_TOKEN.split(':')[1],
      );
    } finally {
      await restarted.stop();
    }
  });

  it('two replicas: one active, one standby that takes over within the lease TTL after SIGKILL', async () => {
    const health = async (p: { url: string }) =>
      (await (await fetch(`${p.url}/health`)).json()) as { role: string };
    const a = await startNotifierProcess(processOptions());
    await waitFor(async () => ((await health(a)).role === 'active' ? true : undefined), {
      timeoutMs: 10_000,
    });
    const b = await startNotifierProcess(processOptions());
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await health(b)).role).toBe('standby');
      const user = 4101;
      const { code } = await issueLinkCode(connectDatabaseOnce(), 'acct-takeover', new Date());
      telegram.userSays({ userId: user, text: `/start ${code}` });
      await telegram.waitForMessage((m) => m.chatId === user && m.text.includes('Linked'), 10_000);
      await a.kill();
      const killedAt = Date.now();
      await waitFor(async () => ((await health(b)).role === 'active' ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the standby taking over',
      });
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await new OmsReports(redis.client, redis.keyPrefix).fill('acct-takeover', 'takeover-1');
      await telegram.waitForMessage(
        (m) => m.chatId === user && m.text.includes('c-takeover-1'),
        5_000,
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a second poller of the same bot (another lease: a misdeployment) is told 409 and waits instead of crashing', async () => {
    const a = await startNotifierProcess(processOptions());
    const b = await startNotifierProcess({
      ...processOptions(),
      env: { ...processOptions().env, NOTIFIER_LEASE_NAME: 'notifier-second-deployment' },
    });
    try {
      await waitFor(
        () => (`${a.output()}${b.output()}`.includes('409 Conflict') ? true : undefined),
        { timeoutMs: 15_000, what: 'a 409 Conflict logged' },
      );
      expect(a.child.exitCode).toBeNull();
      expect(b.child.exitCode).toBeNull();
      const healths = await Promise.all(
        [a, b].map(
          async (p) => (await (await fetch(`${p.url}/health`)).json()) as { polling: string },
        ),
      );
      expect(healths.map((health) => health.polling).sort()).toContain('conflict');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

let direct: ReturnType<typeof connectDatabase> | undefined;
function connectDatabaseOnce() {
  direct ??= connectDatabase({ url: database.url, maxConnections: 1 });
  return direct;
}
afterAll(() => direct?.destroy());
