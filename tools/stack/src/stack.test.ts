import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { redisKeyspace } from '@perp/redis-adapter';
import {
  ENTRY_POINTS,
  freeStackPorts,
  launchStack,
  mintToken,
  startNodeProcess,
  stopAllProcesses,
  type LocalStack,
  type StackPorts,
} from '@perp/local-stack';
import { MARKET_MAKER_ACCOUNT, SEED_ACCOUNTS, SEED_INSTRUMENTS } from '@perp/demo-seed';
import { connectRedis, freePort, waitFor, type RedisTestInstance } from '@perp/test-services';
import { RpcSocket, TraderClient } from '@perp/trader-client';
import type { AccountId } from '@perp/trading-domain';
import { TradingStore, documentClient } from '@perp/trading-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from './dynamodb-local.ts';
import { localSqsClient } from './sqs-local.ts';
import { restingBuy, sendCommand, waitForReport } from './test-support/trading.ts';

// Own data dir, ports and Redis key prefix: a developer's `npm start` may be running meanwhile.
const dataDir = mkdtempSync(join(tmpdir(), 'perp-stack-'));
let redis: RedisTestInstance;
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  await stopAllProcesses();
  await redis.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

// Every start shares the data folder and key prefix: a second start must find the first's data.
const start = (ports: StackPorts, env: Record<string, string> = {}, marketMaker = false) =>
  launchStack({ ports, dataDir, redis, env, marketMaker });

/** The stack's exit code once it has stopped by itself. */
function exitCode(stack: LocalStack): Promise<number | string | null> {
  return stack.process.exited;
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

const local = (ports: StackPorts, variable: keyof StackPorts) => `127.0.0.1:${ports[variable]}`;

/** What every start must give: resources, instruments, the apps, the funded accounts, trading. */
async function expectRunningPlatform(
  launched: LocalStack,
  ports: StackPorts,
  expected: 'created' | 'exists',
  clientOrderId: string,
): Promise<void> {
  expect(launched.output()).toContain(`queue orders.fifo ${expected}`);
  expect(launched.output()).toContain(`queue orders-dlq.fifo ${expected}`);
  expect(launched.output()).toContain(`table trading ${expected}`);
  expect(launched.output()).toContain(`table config ${expected}`);
  expect(launched.output()).toContain(`instrument BTC-PERP ${expected}`);
  for (const account of ['alice', MARKET_MAKER_ACCOUNT.accountId])
    expect(launched.output()).toContain(
      `account ${account} ${expected === 'created' ? 'queued' : 'exists'}`,
    );
  expect(launched.output()).toContain(`market maker account: ${MARKET_MAKER_ACCOUNT.accountId}`);
  expect(launched.output()).toContain(`http://${local(ports, 'OMS_PORT')}/health /ready /metrics`);
  expect(launched.output()).toContain(`ws://${local(ports, 'SIM_VENUE_PORT')}/v1/stream`);
  expect(launched.output()).toContain(`ws://${local(ports, 'GATEWAY_PORT')}/v1/ws`);
  expect(launched.output()).not.toMatch(/Error|at .*\.ts:\d+|exited unexpectedly/);

  const sqs = localSqsClient(`http://${local(ports, 'SQS_PORT')}`, 'us-east-1');
  const dynamodb = localDynamoDbClient(`http://${local(ports, 'DYNAMODB_PORT')}`, 'us-east-1');
  try {
    const queues = await sqs.send(new ListQueuesCommand({}));
    expect(queues.QueueUrls?.map((url) => url.split('/').at(-1)).sort()).toEqual([
      'orders-dlq.fifo',
      'orders.fifo',
    ]);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames?.sort()).toEqual([
      'config',
      'trading',
    ]);

    // The venue lists exactly the seed's instruments, with the seed's ticks and lots.
    const instruments = await getJson(`http://${local(ports, 'SIM_VENUE_PORT')}/v1/instruments`);
    expect(instruments.status).toBe(200);
    expect(instruments.body).toEqual(
      SEED_INSTRUMENTS.map((i) =>
        expect.objectContaining({ symbol: i.symbol, tickSize: i.tickSize, lotSize: i.lotSize }),
      ),
    );
    expect((await getJson(`http://${local(ports, 'OMS_PORT')}/ready`)).status).toBe(200);

    // Funded exactly once, however often the stack starts.
    const store = new TradingStore({ db: documentClient(dynamodb) });
    for (const { accountId, deposit } of [...SEED_ACCOUNTS, MARKET_MAKER_ACCOUNT]) {
      const balance = await store.getBalance(accountId as AccountId);
      expect(balance?.value.collateral.toString(), accountId).toBe(deposit);
    }

    // The whole order path: queue -> OMS -> sim-venue -> venue connector -> queue -> OMS -> Redis.
    await sendCommand(sqs, restingBuy('alice', clientOrderId));
    const accepted = await waitForReport(
      redis.client,
      redis.keyPrefix,
      'alice',
      clientOrderId,
      'accepted',
    );
    expect(accepted).toMatchObject({ status: 'accepted', symbol: 'BTC-PERP', side: 'buy' });

    // A trader's way in: a token from the local issuer, then the gateway's WebSocket API.
    const trader = await TraderClient.connect({
      url: launched.wsUrl,
      token: await launched.token('alice'),
    });
    try {
      expect(await trader.call('account.get')).toMatchObject({
        accountId: 'alice',
        collateral: '100000',
      });
    } finally {
      await trader.close();
    }
  } finally {
    sqs.destroy();
    dynamodb.destroy();
  }
}

/** How many of `count` order requests sent at once on one socket passed the account's limit. */
async function ordersAllowed(socket: RpcSocket, count: number): Promise<number> {
  // An unlisted symbol: past the limit the answer is 10004 from the gateway's cached catalog, so
  // nothing is queued and the burst is over long before the bucket refills much.
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      socket.request('order.place', {
        clientOrderId: `burst-${i}`,
        symbol: 'NONE-PERP',
        side: 'buy',
        type: 'limit',
        price: '1',
        quantity: '1',
      }),
    ),
  );
  const codes = answers.map((answer) => answer.error?.code);
  for (const code of codes) expect([10003, 10004]).toContain(code);
  return codes.filter((code) => code === 10004).length;
}

/** The market maker signs in as a machine client and gets its own order budget; alice does not. */
async function expectMarketMakerAccount(launched: LocalStack): Promise<void> {
  const token = await mintToken({
    identityDataDir: launched.identityEnv.IDENTITY_DATA_DIR,
    identityPort: launched.identityEnv.IDENTITY_PORT,
    accountId: MARKET_MAKER_ACCOUNT.accountId,
    scope: 'perp-api/trade',
  });
  const mm = await RpcSocket.open(launched.wsUrl, { token });
  const alice = await RpcSocket.open(launched.wsUrl, { token: await launched.token('alice') });
  try {
    expect(await mm.result('account.get')).toMatchObject({
      accountId: MARKET_MAKER_ACCOUNT.accountId,
      collateral: MARKET_MAKER_ACCOUNT.deposit,
    });
    // Above the default burst (20), within one connection's (100).
    expect(await ordersAllowed(mm, 60)).toBe(60);
    const aliceAllowed = await ordersAllowed(alice, 60);
    expect(aliceAllowed).toBeGreaterThanOrEqual(20);
    expect(aliceAllowed).toBeLessThan(30);
  } finally {
    await Promise.all([mm.close(), alice.close()]);
  }
}

/** Both symbols have bids and asks, from the stack's market maker, soon after ready. */
async function expectTwoSidedBooks(launched: LocalStack): Promise<void> {
  const trader = await TraderClient.connect({
    url: launched.wsUrl,
    token: await launched.token('alice'),
  });
  try {
    for (const { symbol } of SEED_INSTRUMENTS) {
      const book = await waitFor(
        async () => {
          const current = await trader.call('public.book', { symbol });
          return current.bids.length > 0 && current.asks.length > 0 ? current : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      const [bestBid] = book.bids[0] ?? [];
      const [bestAsk] = book.asks[0] ?? [];
      expect(Number(bestBid), symbol).toBeLessThan(Number(bestAsk));
    }
  } finally {
    await trader.close();
  }
}

/** `npm run -s market-maker` against the running stack: standby, its ops port its own. */
async function expectStandbyMarketMaker(launched: LocalStack, ports: StackPorts): Promise<void> {
  const opsPort = await freePort();
  const standby = startNodeProcess(ENTRY_POINTS.marketMakerCli, {
    env: {
      ...ports,
      STACK_DATA_DIR: launched.dataDir,
      REDIS_URL: launched.redis.url,
      REDIS_KEY_PREFIX: launched.redis.keyPrefix,
      MARKET_MAKER_PORT: String(opsPort),
      LOG_LEVEL: 'warn',
    },
  });
  try {
    const health = await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${opsPort}/health`).catch(() => undefined);
        const body = (await response?.json()) as { role?: string; state?: string } | undefined;
        return body?.state === 'standby' ? body : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(health.role).toBe('standby');
    const active = await getJson(`http://${local(ports, 'MARKET_MAKER_PORT')}/health`);
    expect(active.body).toMatchObject({ role: 'active', state: 'active', halted: false });
  } finally {
    expect(await standby.stop('SIGINT')).toBe(0);
  }
}

describe('npm start (the platform on one machine)', () => {
  it('provisions, seeds and trades; stops all when an app dies; a restart changes nothing', async () => {
    const ports = await freeStackPorts();
    // Left from an earlier data set: kept, it would swallow alice's new reports (seq 1, 2, ...).
    const staleReports = redisKeyspace(redis.keyPrefix).accountReports('alice');
    await redis.client.xadd(staleReports, '99-0', 'report', '{}');

    // As `npm start` runs: with its market maker.
    const first = await start(ports, {}, true);
    await first.untilReady();
    expect(first.output()).toContain('cleared 1 Redis keys');
    expect(first.output()).toMatch(/market maker ready \(pid \d+\), quoting BTC-PERP and ETH-PERP/);
    expect(first.output()).toContain(`http://${local(ports, 'MARKET_MAKER_PORT')}/health`);
    await expectRunningPlatform(first, ports, 'created', 'stack-test-1');
    await expectTwoSidedBooks(first);
    await expectStandbyMarketMaker(first, ports);
    await expectMarketMakerAccount(first);
    // The OMS crashes: the stack names it and stops the rest, newest first.
    process.kill(first.pidOf('OMS') ?? 0, 'SIGKILL');
    expect(await exitCode(first)).toBe(1);
    expect(first.output()).toContain('oms exited unexpectedly (SIGKILL); stopping everything');
    expect(first.output()).toMatch(
      /stopping market-maker[\s\S]*stopping sim-venue[\s\S]*stopping dynamodb[\s\S]*stopped/,
    );

    // Started again after the crash (without the bot): everything is found, nothing deposited twice.
    const second = await start(ports);
    await second.untilReady();
    expect(second.output()).not.toContain('cleared');
    expect(second.output()).toContain('no market maker (STACK_MARKET_MAKER=false)');
    await expectRunningPlatform(second, ports, 'exists', 'stack-test-2');
    expect(await second.stop()).toBe(0);
    expect(second.output()).toMatch(
      /stopping oms[\s\S]*stopping sim-venue[\s\S]*stopping dynamodb[\s\S]*stopped/,
    );
    expect(second.output()).not.toMatch(/Error|at .*\.ts:\d+|exited unexpectedly/);
  }, 120_000);

  it('names the missing prerequisite when Redis does not answer, without a stack trace', async () => {
    const closedPort = await freePort();
    const launched = await start(await freeStackPorts(), {
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
    });
    expect(await exitCode(launched)).toBe(1);
    expect(launched.output()).toContain(`Redis does not answer at redis://127.0.0.1:${closedPort}`);
    expect(launched.output()).toContain('redis-server --daemonize yes');
    expect(launched.output()).not.toMatch(/\n\s+at /);
  });

  it.each(['DYNAMODB_PORT', 'OMS_PORT'])(
    'says which port is taken instead of crashing (%s)',
    async (variable) => {
      const blocker: Server = createServer();
      blocker.listen(0, '127.0.0.1');
      await once(blocker, 'listening');
      const taken = (blocker.address() as { port: number }).port;
      const launched = await start(await freeStackPorts(), { [variable]: String(taken) });
      const code = await exitCode(launched);
      blocker.close();
      expect(code).toBe(1);
      expect(launched.output()).toContain(`127.0.0.1:${taken} is already in use`);
      expect(launched.output()).toContain(variable);
    },
  );

  it('refuses two components on one port before starting anything', async () => {
    const ports = await freeStackPorts();
    const launched = await start(ports, { OMS_PORT: ports.SIM_VENUE_PORT });
    expect(await exitCode(launched)).toBe(1);
    expect(launched.output()).toContain(
      `SIM_VENUE_PORT and OMS_PORT are both ${ports['SIM_VENUE_PORT']}`,
    );
  });

  it.each([
    ['SQS_PORT', 'ninety', 'SQS_PORT must be an integer (got "ninety")'],
    ['SIM_VENUE_PORT', '0', 'SIM_VENUE_PORT must be at least 1 (got "0")'],
    ['OMS_PORT', '70000', 'OMS_PORT must be at most 65535 (got "70000")'],
  ])('rejects a malformed %s naming the variable', async (variable, value, message) => {
    const launched = await start(await freeStackPorts(), { [variable]: value });
    expect(await exitCode(launched)).toBe(78);
    expect(launched.output()).toContain(message);
  });
});
