import { Writable } from 'node:stream';
import type { AccountReaders } from '@perp/account-views';
import { createLogger } from '@perp/logger';
import { redisKeyspace } from '@perp/redis-adapter';
import {
  connectRedis,
  startTelegramStandIn,
  type RateLimits,
  type RedisTestInstance,
  type TelegramStandIn,
  waitFor,
} from '@perp/test-services';
import { Api } from 'grammy';
import { buildNotifier, type Notifier } from '../app.ts';
import { connectDatabase } from '../db/connect.ts';
import type { NotifierConfig } from '../config.ts';
import { issueLinkCode } from '../store/link-codes.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** Shaped like a real token (id:35 characters), so the logs' scrubbing is what is tested. */
export const TEST_BOT_TOKEN = '7012345678:AAFx3kQm9ZpLw2RtYv8NcB4dHsJeU6oGiTq';
export const TEST_API_TOKEN = 'notifier-test-api-token-0123456789';

export interface NotifierHarness {
  readonly notifier: Notifier;
  readonly telegram: TelegramStandIn;
  readonly database: TestDatabase;
  readonly redis: RedisTestInstance;
  /** The events stream the OMS writes and the notifier reads. */
  readonly eventsStream: string;
  /** Every log line the notifier wrote, as text. */
  readonly logs: string[];
  /** The internal API's base URL. */
  readonly apiUrl: string;
  /** Links the user's private chat to the account through the bot, as a person would. */
  link(userId: number, accountId: string): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly config?: Partial<NotifierConfig>;
  /** The stand-in's limits; by default Telegram's. */
  readonly rateLimits?: RateLimits | false;
  /** An existing database (to restart on the same one); a new one by default. */
  readonly database?: TestDatabase;
  readonly redis?: RedisTestInstance;
  readonly telegram?: TelegramStandIn;
  /** The notifier reaches PostgreSQL here instead (a proxy that can fail), the test directly. */
  readonly databaseUrlForNotifier?: string;
  /** The accounts' reads (DynamoDB and the venue) for /status and the rest. */
  readonly accounts?: AccountReaders;
}

/** A notifier in this process against real PostgreSQL and Redis and the Bot API stand-in. */
export async function startNotifierHarness(options: HarnessOptions = {}): Promise<NotifierHarness> {
  const telegram =
    options.telegram ??
    (await startTelegramStandIn({
      token: TEST_BOT_TOKEN,
      ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    }));
  const database = options.database ?? (await createTestDatabase());
  const redis = options.redis ?? (await connectRedis());
  const logs: string[] = [];
  const logger = createLogger({
    service: 'notifier',
    level: options.config?.LOG_LEVEL ?? 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
  });
  const config: NotifierConfig = {
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_URL: options.databaseUrlForNotifier ?? database.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    AWS_REGION: 'us-east-1',
    SQS_ENDPOINT: undefined,
    DYNAMODB_ENDPOINT: undefined,
    RESOURCE_PREFIX: '',
    // Only /status and the rest read the venue; a harness with `accounts` brings its own.
    SIM_VENUE_URL: 'http://127.0.0.1:1',
    VENUE_TIMEOUT_MS: 2_000,
    NOTIFIER_EVENTS_GROUP: 'notifier',
    NOTIFIER_CONSUMER_NAME: 'notifier',
    NOTIFIER_API_TOKEN: TEST_API_TOKEN,
    NOTIFIER_HOST: '127.0.0.1',
    // Short, so a test's notifier is active at once and a takeover is quick.
    NOTIFIER_LEASE_NAME: 'notifier',
    NOTIFIER_LEASE_TTL_MS: 2_000,
    NOTIFIER_LEASE_INTERVAL_MS: 200,
    NOTIFIER_REPLICA_ID: undefined,
    NOTIFIER_PORT: 0,
    NOTIFIER_MESSAGES_PER_SECOND: 30,
    NOTIFIER_CHAT_INTERVAL_MS: 1_000,
    LOG_LEVEL: 'debug',
    ...options.config,
  };
  const streamRedis = await redis.newClient();
  const leaseRedis = await redis.newClient();
  const botInfo = await new Api(config.TELEGRAM_BOT_TOKEN, {
    apiRoot: config.TELEGRAM_API_ROOT,
  }).getMe();
  const notifierDb =
    options.databaseUrlForNotifier === undefined
      ? database.db
      : connectDatabase({ url: options.databaseUrlForNotifier, maxConnections: 4 });
  const notifier = buildNotifier({
    config,
    db: notifierDb,
    streamRedis,
    redis: leaseRedis,
    replicaId: `harness-${process.pid}`,
    logger,
    botInfo,
    ...(options.accounts ? { accounts: options.accounts } : {}),
    onFatal: (error) => logs.push(`FATAL ${error.message}`),
  });
  await notifier.http.listen({ host: '127.0.0.1', port: 0 });
  await notifier.start();
  await waitFor(() => (notifier.singleton.role === 'active' ? true : undefined), {
    timeoutMs: 10_000,
    what: 'the notifier holding its lease',
  });
  const address = notifier.http.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let stopped = false;
  return {
    notifier,
    telegram,
    database,
    redis,
    eventsStream: redisKeyspace(redis.keyPrefix).events,
    logs,
    apiUrl: `http://127.0.0.1:${port}`,
    async link(userId, accountId) {
      const { code } = await issueLinkCode(database.db, accountId, new Date());
      const before = telegram.sentMessages(userId).length;
      telegram.userSays({ userId, firstName: `user${userId}`, text: `/start ${code}` });
      const [reply] = (await telegram.waitForMessages(userId, before + 1, 5_000)).slice(before);
      if (!reply?.text.includes('Linked account')) throw new Error(`not linked: ${reply?.text}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await notifier.stop();
      await notifier.http.close();
      streamRedis.disconnect();
      leaseRedis.disconnect();
      if (notifierDb !== database.db) await notifierDb.destroy();
      if (!options.telegram) await telegram.stop();
      if (!options.redis) await redis.dispose();
      if (!options.database) await database.dispose();
    },
  };
}
