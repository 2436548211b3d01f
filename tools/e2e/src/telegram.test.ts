// Telegram end to end: `npm start`'s notifier, its Bot API stand-in and the gateway's
// telegram.link, with traders on real WebSockets and the trader CLI as a user runs it.
import { ENTRY_POINTS, runNodeProgram } from '@perp/local-stack';
import {
  connectTelegramStandIn,
  createPostgresDatabase,
  type PostgresDatabase,
  type TelegramStandInRemote,
  waitFor,
} from '@perp/test-services';
import type { RpcSocket } from '@perp/trader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, Platform } from './test-support/platform.ts';

let database: PostgresDatabase;
let platform: Platform;
let telegram: TelegramStandInRemote;
const sockets: RpcSocket[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  platform = await Platform.start(90_000, { notifier: { databaseUrl: database.url } });
  telegram = connectTelegramStandIn(`${platform.stack.httpUrl('TELEGRAM_STAND_IN_PORT')}/_standin`);
}, 120_000);
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await platform?.stop();
  await database?.dispose();
}, 60_000);

async function connect(accountId: string, roles = 'trader'): Promise<RpcSocket> {
  const socket = await platform.connect(accountId, roles);
  sockets.push(socket);
  return socket;
}

/** The trader CLI's `telegram-link`: the code is alone on its last line. */
async function cliLinkCode(accountId: string): Promise<string> {
  const run = await runNodeProgram(ENTRY_POINTS.trade, ['telegram-link', '--account', accountId], {
    env: { ...platform.stack.identityEnv, PERP_WS_URL: platform.wsUrl },
  });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim().split('\n').at(-1) ?? '';
}

/** order.place params of a BTC-PERP limit order. */
const btcLimit = (
  side: 'buy' | 'sell',
  clientOrderId: string,
  price: string,
  quantity: string,
) => ({
  clientOrderId,
  symbol: 'BTC-PERP',
  side,
  type: 'limit',
  price,
  quantity,
});

describe('Telegram, end to end', () => {
  it('telegram.link answers a single-use code and the deep link; any authenticated role may ask', async () => {
    const viewer = await connect('alice', 'viewer');
    const link = (await viewer.result('telegram.link')) as {
      code: string;
      url: string;
      expiresAt: number;
    };
    expect(link.code).toMatch(/^[0-9A-Z]{10}$/);
    expect(link.url).toBe(`https://t.me/perp_local_bot?start=${link.code}`);
    expect(link.expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    const anonymous = await platform.connect(null);
    sockets.push(anonymous);
    expect((await errorOf(anonymous, 'telegram.link')).code).toBe(10001);
  });

  it('a chat linked with the CLI code gets the fill of a cross within 2 s', async () => {
    const code = await cliLinkCode('alice');
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await telegram.userSays({ userId: 7001, firstName: 'Alice', text: `/start ${code}` });
    const [linked] = await telegram.waitForMessages(7001, 1, 10_000);
    expect(linked?.text).toContain('Linked account alice');

    const [alice, bob] = [await connect('alice'), await connect('bob')];
    const price = await platform.markPrice('BTC-PERP');
    const order = (side: 'buy' | 'sell', clientOrderId: string) =>
      btcLimit(side, clientOrderId, price, '0.01');
    await alice.result('subscribe', { channels: ['fills'] });
    await bob.result('order.place', { ...order('sell', 'tg-bob-1'), respType: 'result' });
    await alice.result('order.place', order('buy', 'tg-alice-1'));
    // From the moment the trader's own socket has the fill.
    await alice.channelDataMatching<{ clientOrderId?: string }>(
      'fills',
      (fill) => fill.clientOrderId === 'tg-alice-1',
    );
    const at = Date.now();
    const message = await waitFor(
      async () => (await telegram.sentMessages(7001)).find((m) => m.text.includes('tg-alice-1')),
      { timeoutMs: 2_000, intervalMs: 20, what: 'the fill in the chat' },
    );
    expect(Date.now() - at).toBeLessThan(2_000);
    expect(message.text).toContain(`Filled: BUY 0.01 BTC-PERP @ ${price}`);
  });

  it("a margin warning of npm run -s margin-call reaches the trader's chat", async () => {
    expect(platform.stack.output()).toMatch(/margin-call scheduler ready \(pid \d+\)/);
    await platform.fundedAccount('tg-margin', '7000');
    const code = await cliLinkCode('tg-margin');
    await telegram.userSays({ userId: 7002, firstName: 'Mia', text: `/start ${code}` });
    await telegram.waitForMessages(7002, 1, 10_000);

    // 1 BTC bought at the mark: maintenance 5 % of it against 7 000 of equity, 43 %.
    const [trader, bob] = [await connect('tg-margin'), await connect('bob')];
    const price = await platform.markPrice('BTC-PERP');
    const order = (side: 'buy' | 'sell', clientOrderId: string) =>
      btcLimit(side, clientOrderId, price, '1');
    await bob.result('order.place', { ...order('sell', 'tg-mc-bob') });
    const filled = (await trader.result('order.place', {
      ...order('buy', 'tg-mc-1'),
      timeInForce: 'ioc',
      respType: 'result',
    })) as { status: string };
    expect(filled.status).toBe('filled');
    // 3 700 under the entry: equity about 3 270, maintenance about 2 815: 86 %, in the 80 % band
    // whichever way the index walks meanwhile.
    const lower = String(Number(price) - 3700);
    const moved = await runNodeProgram(ENTRY_POINTS.trade, ['sim-price', 'BTC-PERP', lower], {
      env: { PERP_SIM_VENUE_URL: platform.stack.httpUrl('SIM_VENUE_PORT') },
    });
    expect(moved.code, moved.stderr).toBe(0);

    const run = await runNodeProgram(ENTRY_POINTS.marginCallStackCli, [], {
      env: {
        ...platform.stack.ports,
        STACK_DATA_DIR: platform.stack.dataDir,
        REDIS_URL: platform.stack.redis.url,
        REDIS_KEY_PREFIX: platform.stack.redis.keyPrefix,
      },
    });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<
      string,
      unknown
    >;
    for (const key of [
      'scanned',
      'atRisk',
      'warned',
      'called',
      'ordersCanceled',
      'reduceOrders',
      'skipped',
      'errors',
      'durationMs',
    ])
      expect(typeof summary[key], key).toBe('number');
    expect(summary['atRisk']).toBeGreaterThanOrEqual(1);
    // The stack's own scheduler may have warned first (every 15 minutes): then this run cooled down.
    expect(Number(summary['warned']) + Number(summary['cooledDown'])).toBeGreaterThanOrEqual(1);
    const message = await waitFor(
      async () =>
        (await telegram.sentMessages(7002)).find((m) => m.text.includes('Margin warning')),
      { timeoutMs: 10_000, what: 'the margin warning in the chat' },
    );
    expect(message.text).toMatch(/utilisation 8\d(\.\d+)? %/);
    expect(message.text).toContain('To get under 80 %: deposit');
  }, 60_000);
});
