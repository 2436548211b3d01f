// The trader WebSocket gateway: JSON-RPC 2.0 over ws://HOST:PORT/v1/ws. Authenticates, checks
// roles, params and rate limits, queues commands to orders.fifo and answers queries from the
// trading and config tables.
import { createLogger } from '@perp/logger';
import { QUEUES, awsClients, queueName, requireQueueUrl } from '@perp/resources';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import { Redis } from 'ioredis';
import { buildGateway } from './app.ts';
import { createJwtVerifier } from '@perp/auth';
import { readGatewayConfig } from './config.ts';
import { SimMarketData } from '@perp/account-views';
import { NotifierLinkCodes } from './telegram/telegram-links.ts';

const config = readGatewayConfig();
const logger = createLogger({ service: 'ws-gateway', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);
const { sqs, dynamodb } = awsClients({
  region: config.AWS_REGION,
  sqsEndpoint: config.SQS_ENDPOINT,
  dynamodbEndpoint: config.DYNAMODB_ENDPOINT,
});
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
// The account feed's own connection, in subscriber mode; ioredis reconnects and resubscribes.
const redisSubscriber = new Redis(config.REDIS_URL);
redisSubscriber.on('error', (err) => logger.warn({ err }, 'redis subscriber connection error'));

async function queueUrl(name: string): Promise<string> {
  try {
    return await requireQueueUrl(sqs, name);
  } catch (err) {
    logger.fatal({ err, queue: name }, 'the queue is not reachable');
    process.exit(1);
  }
}
const ordersQueueUrl = await queueUrl(queueName(QUEUES.orders.name, config.RESOURCE_PREFIX));

const gateway = buildGateway({
  sqs,
  dynamodb,
  redis,
  redisSubscriber,
  marketDataUrl: config.SIM_VENUE_URL,
  verifier: createJwtVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    scopePrefix: config.AUTH_SCOPE_PREFIX,
  }),
  market: new SimMarketData({ baseUrl: config.SIM_VENUE_URL, timeoutMs: config.VENUE_TIMEOUT_MS }),
  ...(config.NOTIFIER_URL !== undefined && config.NOTIFIER_API_TOKEN !== undefined
    ? {
        telegramLinks: new NotifierLinkCodes({
          baseUrl: config.NOTIFIER_URL,
          apiToken: config.NOTIFIER_API_TOKEN,
        }),
      }
    : {}),
  logger,
  ordersQueueUrl,
  tablePrefix: config.RESOURCE_PREFIX,
  redisPrefix: config.REDIS_KEY_PREFIX,
  limits: {
    connectionRequestsPerSecond: config.RATE_LIMIT_CONNECTION_PER_SECOND,
    connectionRequestBurst: config.RATE_LIMIT_CONNECTION_BURST,
    accountOrdersPerSecond: config.RATE_LIMIT_ACCOUNT_ORDERS_PER_SECOND,
    accountOrderBurst: config.RATE_LIMIT_ACCOUNT_ORDERS_BURST,
    accountOrderOverrides: config.RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES,
    connectionsPerAccount: config.MAX_CONNECTIONS_PER_ACCOUNT,
    subscriptionsPerConnection: config.MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    unauthenticatedPerIp: config.MAX_UNAUTHENTICATED_PER_IP,
    maxHeaderBytes: config.MAX_HEADER_BYTES,
  },
  authDeadlineMs: config.AUTH_DEADLINE_MS,
  upgradeTimeoutMs: config.UPGRADE_TIMEOUT_MS,
  trustProxyHops: config.TRUST_PROXY_HOPS,
  orderResultTimeoutMs: config.ORDER_RESULT_TIMEOUT_MS,
  connectionLeaseTtlMs: config.CONNECTION_LEASE_TTL_MS,
  pingIntervalMs: config.PING_INTERVAL_MS,
  idleTimeoutMs: config.IDLE_TIMEOUT_MS,
  reconnectAfterMs: config.SHUTDOWN_RECONNECT_AFTER_MS,
  reconnectJitterMs: config.SHUTDOWN_RECONNECT_JITTER_MS,
});

shutdown
  .register('gateway', () => gateway.stop())
  .register('redis', async () => {
    await Promise.all([redis.quit(), redisSubscriber.quit()]);
  })
  .register('aws', () => {
    sqs.destroy();
    dynamodb.destroy();
  })
  .listen();

const url = await gateway.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
logger.info(
  {
    url,
    queue: ordersQueueUrl,
    venue: config.SIM_VENUE_URL,
    orderRateOverrides: Object.fromEntries(config.RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES),
  },
  'ws-gateway started',
);
