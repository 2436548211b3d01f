// The OMS process: consumes orders.fifo, keeps order state in DynamoDB, routes to the venue,
// forwards the venue's events into the queue (one replica at a time, under a lease) and
// publishes execution reports to Redis.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createLogger } from '@perp/logger';
import { QUEUES, awsClients, queueName, requireQueueUrl } from '@perp/resources';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import {
  SimVenueClient,
  openVenueAccount,
  standardCredentialStore,
  venueAccountFeed,
} from '@perp/venue-adapter';
import { Redis } from 'ioredis';
import { buildOms } from './app.ts';
import { readOmsConfig } from './config.ts';

const config = readOmsConfig();
const logger = createLogger({ service: 'oms', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);
const { sqs, dynamodb } = awsClients({
  region: config.AWS_REGION,
  sqsEndpoint: config.SQS_ENDPOINT,
  dynamodbEndpoint: config.DYNAMODB_ENDPOINT,
});
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
const venue = new SimVenueClient({
  baseUrl: config.SIM_VENUE_URL,
  timeoutMs: config.VENUE_TIMEOUT_MS,
});

// Real venue accounts: the feed of each that trades for one platform account is forwarded under
// its lease; the others' fills are polled (docs/architecture.md).
const credentials = standardCredentialStore({
  environment: config.VENUE_SECRETS_ENVIRONMENT,
  keysFile: config.VENUE_KEYS_FILE,
  env: process.env,
});
const venueAccounts = config.VENUE_ACCOUNTS.map((settings) => {
  const opened = openVenueAccount(settings, credentials.store);
  const feed = venueAccountFeed(settings, credentials.store, logger);
  return {
    route: { venue: opened.venue, venueAccount: opened.venueAccount },
    client: opened.client,
    ...(settings.accountId === undefined ? {} : { accountId: settings.accountId }),
    ...(feed ? { feed, events: 'forwarded' as const } : { events: 'polled' as const }),
  };
});

async function queueUrl(name: string): Promise<string> {
  try {
    return await requireQueueUrl(sqs, name);
  } catch (err) {
    logger.fatal({ err, queue: name }, 'the queue is not reachable');
    process.exit(1);
  }
}
const ordersQueueUrl = await queueUrl(queueName(QUEUES.orders.name, config.RESOURCE_PREFIX));
const deadLetterQueueUrl = await queueUrl(
  queueName(QUEUES.orders.deadLetter.name, config.RESOURCE_PREFIX),
);

const oms = buildOms({
  sqs,
  dynamodb,
  redis,
  venue,
  venueAccounts,
  logger,
  ordersQueueUrl,
  deadLetterQueueUrl,
  tablePrefix: config.RESOURCE_PREFIX,
  redisPrefix: config.REDIS_KEY_PREFIX,
  receiveLoops: config.RECEIVE_LOOPS,
  visibilityTimeoutSeconds: config.QUEUE_VISIBILITY_TIMEOUT_SECONDS,
  reconcile: {
    graceMs: config.RECONCILE_GRACE_MS,
    intervalMs: config.RECONCILE_INTERVAL_MS,
    cancelUnknown: config.RECONCILE_CANCEL_UNKNOWN,
    ...(config.RECONCILE_POLL_FILLS_LOOKBACK_MS > 0
      ? { pollFillsLookbackMs: config.RECONCILE_POLL_FILLS_LOOKBACK_MS }
      : {}),
  },
  venueStream: {
    url: config.SIM_VENUE_URL,
    owner:
      config.OMS_REPLICA_ID ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseTtlMs: config.VENUE_LEASE_TTL_MS,
    batchWindowMs: config.VENUE_BATCH_WINDOW_MS,
  },
});

shutdown
  .register('oms', () => oms.stop())
  .register('http', () => oms.http.close())
  .register('redis', async () => {
    await redis.quit();
  })
  .register('aws', () => {
    sqs.destroy();
    dynamodb.destroy();
    credentials.close();
  })
  .listen();

await oms.http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
oms.start();
logger.info(
  {
    queue: ordersQueueUrl,
    venue: config.SIM_VENUE_URL,
    venueAccounts: venueAccounts.map(({ route }) => `${route.venue}/${route.venueAccount}`),
    port: config.HTTP_PORT,
  },
  'oms started',
);
