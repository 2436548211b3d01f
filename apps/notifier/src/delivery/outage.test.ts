import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.ts';
import { OmsReports } from '../test-support/fills.ts';
import { startNotifierHarness, type NotifierHarness } from '../test-support/harness.ts';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.ts';

let database: TestDatabase;
let proxy: TcpProxy;
let h: NotifierHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.port = String(proxy.port);
  h = await startNotifierHarness({
    database,
    databaseUrlForNotifier: url.toString(),
    config: { NOTIFIER_CHAT_INTERVAL_MS: 50 },
    rateLimits: false,
  });
});
afterAll(async () => {
  await h?.stop();
  await proxy?.stop();
  await database?.dispose();
});

it('fills that come while PostgreSQL is down are all delivered, once each, when it is back', async () => {
  const user = 3001;
  await h.link(user, 'acct-outage');
  const oms = new OmsReports(h.redis.client, h.redis.keyPrefix);
  await proxy.down();
  for (let i = 0; i < 5; i += 1) await oms.fill('acct-outage', `outage-${i}`);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const fills = () => h.telegram.sentMessages(user).filter((m) => m.text.includes('filled: BUY'));
  expect(fills()).toHaveLength(0);
  expect(h.logs.some((line) => line.includes('events stream entry not processed'))).toBe(true);

  await proxy.up();
  await h.telegram.waitForMessages(user, 1 + 5, 15_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(fills().map((m) => m.text.split('\n')[1]?.split(':')[0])).toEqual(
    [0, 1, 2, 3, 4].map((i) => `Order c-outage-${i}`),
  );
});
