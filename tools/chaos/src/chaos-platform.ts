// The platform as the suite runs it: the same processes as `npm start` (OMS, ws-gateway,
// sim-venue, the token issuer) on the same emulators, with a fault proxy in front of DynamoDB, the
// queue and the venue, and a Redis of its own, so each dependency can be taken away and given back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GATEWAY_ORDER_RATE_OVERRIDES,
  MARKET_MAKER_ACCOUNT,
  MARKET_MAKER_STACK_SETTINGS,
  TEST_INSTRUMENTS,
  seedAccounts,
  waitForSeededAccounts,
} from '@perp/demo-seed';
import {
  ENTRY_POINTS,
  LOCAL_AUDIENCE,
  WORKSPACE_ROOT,
  mintToken,
  runNodeProgram,
  startBackingServices,
  type BackingServices,
} from '@perp/local-stack';
import { randomBytes } from 'node:crypto';
import {
  createPostgresDatabase,
  freePort,
  startNodeService,
  startTelegramStandIn,
  waitUntil,
  type NodeService,
  type PostgresDatabase,
  type TelegramStandIn,
} from '@perp/test-services';
import { FaultProxy } from './fault-proxy.ts';
import { RedisProcess } from './redis-process.ts';

/** The processes a fault may SIGKILL; each is started again on its port. */
export type KillableApp = 'gateway' | 'oms' | 'market-maker' | 'notifier' | 'sim-venue';
type Program = 'gateway' | 'oms' | 'market-maker' | 'notifier';

export interface ChaosPlatform {
  readonly backing: BackingServices;
  readonly redis: RedisProcess;
  readonly proxies: {
    readonly dynamodb: FaultProxy;
    readonly sqs: FaultProxy;
    readonly venue: FaultProxy;
  };
  /** The Bot API the notifier talks to. */
  readonly telegram: TelegramStandIn;
  readonly wsUrl: string;
  /** The current process of an app (a new one after `kill`). */
  process(app: Program): NodeService;
  /** Resolves once the market maker holds its lease and quotes. */
  untilQuoting(timeoutMs?: number): Promise<void>;
  /** SIGKILL, then the same program again on the same port once `downMs` passed. */
  kill(app: KillableApp, downMs: number): Promise<void>;
  token(accountId: string, roles?: string): Promise<string>;
  stop(): Promise<void>;
}

const hostPort = (url: string) => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
};

export async function startChaosPlatform(): Promise<ChaosPlatform> {
  // A short visibility timeout: a command the killed OMS held comes back in seconds, not minutes.
  const backing = await startBackingServices({ name: 'chaos', visibilityTimeoutSeconds: 5 });
  const identityDir = await mkdtemp(join(tmpdir(), 'perp-chaos-identity-'));
  const redis = await RedisProcess.start();
  const proxies = {
    dynamodb: await FaultProxy.start('dynamodb', hostPort(backing.dynamo.endpoint)),
    sqs: await FaultProxy.start('sqs', hostPort(backing.sqs.endpoint)),
    venue: await FaultProxy.start('venue', hostPort(backing.simVenue.url)),
  };
  const identity = await startNodeService({
    name: 'identity',
    entry: ENTRY_POINTS.identity,
    portVariable: 'IDENTITY_PORT',
    cwd: WORKSPACE_ROOT,
    env: {
      IDENTITY_HOST: '127.0.0.1',
      IDENTITY_AUDIENCE: LOCAL_AUDIENCE,
      IDENTITY_DATA_DIR: identityDir,
      LOG_LEVEL: 'warn',
    },
  });
  // The notifier's side: its database (migrated, as the stack does before starting it) and the
  // Bot API stand-in.
  const database: PostgresDatabase = await createPostgresDatabase();
  const migrated = await runNodeProgram(ENTRY_POINTS.notifierMigrate, [], {
    env: { DATABASE_URL: database.url },
  });
  if (migrated.code !== 0) throw new Error(`notifier migration failed: ${migrated.stderr}`);
  const telegram = await startTelegramStandIn({ host: '127.0.0.1', port: await freePort() });
  const env = {
    ...backing.processEnv(),
    DYNAMODB_ENDPOINT: proxies.dynamodb.url,
    SQS_ENDPOINT: proxies.sqs.url,
    SIM_VENUE_URL: proxies.venue.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: 'chaos:',
  };
  const programs = {
    oms: {
      entry: ENTRY_POINTS.oms,
      portVariable: 'HTTP_PORT',
      env: { ...env, HTTP_HOST: '127.0.0.1' },
    },
    gateway: {
      entry: ENTRY_POINTS.gateway,
      portVariable: 'GATEWAY_PORT',
      env: {
        ...env,
        GATEWAY_HOST: '127.0.0.1',
        AUTH_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
        AUTH_ISSUER: identity.url,
        AUTH_AUDIENCE: LOCAL_AUDIENCE,
        RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: GATEWAY_ORDER_RATE_OVERRIDES,
      },
    },
    notifier: {
      entry: ENTRY_POINTS.notifier,
      portVariable: 'NOTIFIER_PORT',
      env: {
        ...env,
        NOTIFIER_HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_BOT_TOKEN: telegram.token,
        NOTIFIER_API_TOKEN: randomBytes(24).toString('base64url'),
      },
    },
  };
  const issuer = { identityDataDir: identityDir, identityPort: String(identity.port) };
  const token = (accountId: string, roles = 'trader') => mintToken({ ...issuer, accountId, roles });
  const start = async (app: Program, port?: number): Promise<NodeService> =>
    startNodeService({
      name: app,
      ...(app === 'market-maker' ? await marketMaker() : programs[app]),
      cwd: WORKSPACE_ROOT,
      startTimeoutMs: 60_000,
      ...(port === undefined ? {} : { port }),
    });
  // The bot as `npm start` runs it, on its own account, quoting while the traders trade.
  const marketMaker = async () => ({
    entry: ENTRY_POINTS.marketMaker,
    portVariable: 'MARKET_MAKER_PORT',
    readyPath: '/health',
    env: {
      MARKET_MAKER_GATEWAY_URL: `ws://127.0.0.1:${running.gateway?.port ?? 0}/v1/ws`,
      MARKET_MAKER_TOKEN: await token(MARKET_MAKER_ACCOUNT.accountId),
      MARKET_MAKER_SYMBOLS: TEST_INSTRUMENTS.map((instrument) => instrument.symbol).join(','),
      ...MARKET_MAKER_STACK_SETTINGS,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'chaos:',
      LOG_LEVEL: 'warn',
    },
  });
  const running: Partial<Record<Program, NodeService>> = {};
  running.oms = await start('oms');
  running.gateway = await start('gateway');
  const targets = {
    dynamodb: backing.dynamoClient,
    sqs: backing.sqsClient,
    ordersQueueUrl: backing.queueUrl,
    prefix: backing.prefix,
  };
  await seedAccounts(targets);
  await waitForSeededAccounts(targets);
  running['market-maker'] = await start('market-maker');
  running.notifier = await start('notifier');
  const current = (app: Program): NodeService => {
    const service = running[app];
    if (!service) throw new Error(`${app} is not running`);
    return service;
  };
  const untilQuoting = (timeoutMs = 30_000) =>
    waitUntil(
      async () => {
        const health = (await (await fetch(`${current('market-maker').url}/health`)).json()) as {
          role?: string;
          symbols?: { restingOrders?: number }[];
        };
        return (
          health.role === 'active' && (health.symbols ?? []).some((s) => (s.restingOrders ?? 0) > 0)
        );
      },
      { timeoutMs, intervalMs: 200, what: 'the market maker to quote' },
    );
  await untilQuoting();
  return {
    backing,
    redis,
    proxies,
    telegram,
    wsUrl: `ws://127.0.0.1:${current('gateway').port}/v1/ws`,
    process: current,
    untilQuoting,
    async kill(app, downMs) {
      if (app === 'sim-venue') {
        await backing.killSimVenue();
        await sleep(downMs);
        await backing.restartSimVenue();
        return;
      }
      const { port } = current(app);
      await current(app).kill();
      await sleep(downMs);
      running[app] = await start(app, port);
      if (app === 'market-maker') await untilQuoting();
    },
    token,
    async stop() {
      await Promise.allSettled(
        [...Object.values(running), identity].map((service) => service.stop(2_000)),
      );
      await Promise.allSettled([
        ...Object.values(proxies).map((proxy) => proxy.stop()),
        redis.stop(),
      ]);
      await telegram.stop();
      await database.dispose();
      await backing.dispose();
      await rm(identityDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
