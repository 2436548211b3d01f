// The notifier: the Telegram bot, its outbox sender, the events stream consumer and the internal API.
import { hostname } from 'node:os';
import { InstrumentCatalog, SimMarketData } from '@perp/account-views';
import { createLogger } from '@perp/logger';
import { awsClients } from '@perp/resources';
import { backoff } from '@perp/retry';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { buildNotifier } from './app.ts';
import { readNotifierConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { assertSchemaCurrent } from './db/migrator.ts';
import { NotifierError } from './notifier-errors.ts';

const config = readNotifierConfig();
const logger = createLogger({ service: 'notifier', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);

const db = connectDatabase({ url: config.DATABASE_URL });
try {
  await assertSchemaCurrent(db as Kysely<unknown>);
} catch (error) {
  // Behind: the operator runs the one-off migration; nothing is served on an old schema.
  logger.fatal(
    { err: error, code: error instanceof NotifierError ? error.code : undefined },
    'cannot start',
  );
  await db.destroy();
  process.exit(1);
}

/** The bot's own description; Telegram may be unreachable at start, so it is asked until it answers. */
async function botInfo(): Promise<UserFromGetMe> {
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  const retry = backoff({ initialMs: 500, maxMs: 30_000, jitter: 'equal' });
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await api.getMe();
    } catch (error) {
      if ((error as { error_code?: number }).error_code === 401) {
        logger.fatal('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized)');
        process.exit(78);
      }
      const waitMs = retry(attempt);
      logger.warn({ err: error, retryInMs: waitMs }, 'Telegram getMe failed');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

const streamRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
// The gateway's reads of the OMS's tables, valued at the venue's marks: the same numbers.
const { dynamodb } = awsClients({
  region: config.AWS_REGION,
  dynamodbEndpoint: config.DYNAMODB_ENDPOINT,
});
const tables = { db: documentClient(dynamodb), tablePrefix: config.RESOURCE_PREFIX };
const configStore = new ConfigStore(tables);
const accounts = {
  store: new TradingStore(tables),
  config: configStore,
  instruments: new InstrumentCatalog({ config: configStore, clock: Date.now }),
  market: new SimMarketData({ baseUrl: config.SIM_VENUE_URL, timeoutMs: config.VENUE_TIMEOUT_MS }),
  clock: Date.now,
};
const app = buildNotifier({
  config,
  db,
  streamRedis,
  redis,
  replicaId: config.NOTIFIER_REPLICA_ID ?? `${hostname()}:${process.pid}`,
  logger,
  accounts,
  botInfo: await botInfo(),
  onFatal: (error) => {
    process.exitCode = 1;
    logger.fatal({ err: error }, 'notifier cannot go on');
    void shutdown.fail(error.message);
  },
});

// In order: stop polling and sending (in-flight sends are answered and marked), then the rest.
shutdown
  .register('notifier', () => app.stop())
  .register('http', () => app.http.close())
  .register('redis', async () => {
    await Promise.all([streamRedis.quit(), redis.quit()]);
  })
  .register('postgres', () => db.destroy())
  .register('dynamodb', () => dynamodb.destroy())
  .listen();

await app.http.listen({ host: config.NOTIFIER_HOST, port: config.NOTIFIER_PORT });
await app.start();
const bound = app.http.server.address();
logger.info(
  {
    host: config.NOTIFIER_HOST,
    port: typeof bound === 'object' && bound !== null ? bound.port : config.NOTIFIER_PORT,
    bot: app.bot.botInfo.username,
    apiRoot: config.TELEGRAM_API_ROOT,
  },
  'notifier listening',
);
