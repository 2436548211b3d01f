// `npm start`: the whole platform on one machine with embedded defaults. One terminal, prefixed
// logs, Ctrl-C stops everything in reverse order.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureQueues, ensureTables } from '@perp/resources';
import { backfillHeldPositions, backfillInFlightOrders, documentClient } from '@perp/trading-store';
import {
  APP_HOST,
  appEndpoints,
  endpointLines,
  gatewayService,
  identityService,
  marketMakerLine,
  marginCallLine,
  marginCallService,
  marketMakerService,
  notifierLines,
  notifierService,
  omsService,
  simVenueService,
} from './apps.ts';
import { ensureMachineClient } from './machine-client.ts';
import { writeNotifierSecret } from './notifier-secret.ts';
import { localDynamoDbClient, startDynamoDbLocal } from './dynamodb-local.ts';
import { requireDistinctPorts, requireFreePort } from './ports.ts';
import { ensurePostgres } from './postgres-local.ts';
import { PrerequisiteError, requireJava, requireNode24, requireRedis } from './prerequisites.ts';
import { prefixedOutput } from './prefixed-output.ts';
import { clearRedisKeyspace } from './redis-keyspace.ts';
import {
  seedAccounts,
  seedInstruments,
  waitForSeededAccounts,
  type SeedTargets,
} from '@perp/demo-seed';
import {
  MARKET_MAKER_ACCOUNT,
  MARKET_MAKER_ORDER_RATE,
  SEED_ACCOUNTS,
  SEED_INSTRUMENTS,
} from '@perp/demo-seed';
import { localSqsClient, startSqs } from './sqs-local.ts';
import { readStackConfig, workspaceRoot } from './stack-config.ts';
import type { UnexpectedExit } from './children.ts';
import { ServiceStartError, startService } from './supervisor.ts';
import { migrateNotifier, startTelegramSide } from './telegram-local.ts';

const output = prefixedOutput();
const log = (text: string) => output.line('stack', text);
/** What has started, oldest first; stopped newest first. */
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping: Promise<never> | undefined;

/** Stops everything started so far, newest first, then exits. Later calls join the first. */
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    // Popped, not iterated: something that finishes starting meanwhile is still stopped.
    for (let entry = stops.pop(); entry; entry = stops.pop()) {
      const { name, stop } = entry;
      log(`stopping ${name}`);
      await stop().catch((error: unknown) => log(`${name} did not stop cleanly: ${String(error)}`));
    }
    log('stopped');
    process.exit(code);
  })();
  return stopping;
}

const childExited: UnexpectedExit = (name, code, signal) => {
  if (stopping) return;
  log(`${name} exited unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
  void stopAll(1);
};

/** The bot talks to a Bot API the stack does not run (Telegram, or one the user started). */
const externalTelegram = (config: ReturnType<typeof readStackConfig>) =>
  config.TELEGRAM_API_ROOT !== undefined || config.TELEGRAM_BOT_TOKEN !== undefined;

async function start(): Promise<void> {
  const config = readStackConfig();
  requireNode24();
  requireJava();
  await requireRedis(config.REDIS_URL);
  requireDistinctPorts({
    SQS_PORT: config.SQS_PORT,
    DYNAMODB_PORT: config.DYNAMODB_PORT,
    SIM_VENUE_PORT: config.SIM_VENUE_PORT,
    OMS_PORT: config.OMS_PORT,
    IDENTITY_PORT: config.IDENTITY_PORT,
    GATEWAY_PORT: config.GATEWAY_PORT,
    ...(config.STACK_MARKET_MAKER ? { MARKET_MAKER_PORT: config.MARKET_MAKER_PORT } : {}),
    ...(config.STACK_NOTIFIER
      ? { NOTIFIER_PORT: config.NOTIFIER_PORT, MARGIN_CALL_PORT: config.MARGIN_CALL_PORT }
      : {}),
    ...(config.STACK_NOTIFIER && !externalTelegram(config)
      ? {
          WEB_CHAT_PORT: config.WEB_CHAT_PORT,
          TELEGRAM_STAND_IN_PORT: config.TELEGRAM_STAND_IN_PORT,
        }
      : {}),
  });
  await requireFreePort('0.0.0.0', config.SQS_PORT, 'SQS_PORT', 'SQS (fauxqs)');
  await requireFreePort(config.STACK_HOST, config.DYNAMODB_PORT, 'DYNAMODB_PORT', 'DynamoDB Local');
  await requireFreePort(APP_HOST, config.SIM_VENUE_PORT, 'SIM_VENUE_PORT', 'the sim-venue');
  await requireFreePort(APP_HOST, config.OMS_PORT, 'OMS_PORT', 'the OMS');
  await requireFreePort(APP_HOST, config.IDENTITY_PORT, 'IDENTITY_PORT', 'the token issuer');
  await requireFreePort(APP_HOST, config.GATEWAY_PORT, 'GATEWAY_PORT', 'the ws-gateway');
  if (config.STACK_MARKET_MAKER)
    await requireFreePort(
      APP_HOST,
      config.MARKET_MAKER_PORT,
      'MARKET_MAKER_PORT',
      'the market maker (STACK_MARKET_MAKER=false runs none)',
    );

  if (config.STACK_NOTIFIER) {
    const off = '(STACK_NOTIFIER=false runs none)';
    await requireFreePort(APP_HOST, config.NOTIFIER_PORT, 'NOTIFIER_PORT', `the notifier ${off}`);
    await requireFreePort(
      APP_HOST,
      config.MARGIN_CALL_PORT,
      'MARGIN_CALL_PORT',
      `the margin-call scheduler ${off}`,
    );
    if (!externalTelegram(config)) {
      await requireFreePort(APP_HOST, config.WEB_CHAT_PORT, 'WEB_CHAT_PORT', 'the web chat page');
      await requireFreePort(
        APP_HOST,
        config.TELEGRAM_STAND_IN_PORT,
        'TELEGRAM_STAND_IN_PORT',
        'the Telegram Bot API stand-in',
      );
    }
  }

  const sqs = await startSqs({
    port: config.SQS_PORT,
    host: config.STACK_HOST,
    dataDir: join(config.STACK_DATA_DIR, 'sqs'),
  });
  stops.push({ name: 'sqs', stop: sqs.stop });
  log(`SQS (fauxqs) on ${sqs.endpoint}`);

  const dynamodb = await startDynamoDbLocal({
    port: config.DYNAMODB_PORT,
    host: config.STACK_HOST,
    dataDir:
      config.STACK_DYNAMODB_STORAGE === 'disk' ? join(config.STACK_DATA_DIR, 'dynamodb') : null,
    region: config.AWS_REGION,
    output,
    onExit: childExited,
  });
  stops.push({ name: 'dynamodb', stop: dynamodb.stop });
  log(`DynamoDB Local on ${dynamodb.endpoint} (tables on ${config.STACK_DYNAMODB_STORAGE})`);

  const postgres = await ensurePostgres({
    url: config.DATABASE_URL,
    host: config.STACK_HOST,
    pglitePort: config.PGLITE_PORT,
    dataDir: join(config.STACK_DATA_DIR, 'pglite'),
  });
  stops.push({ name: 'postgres', stop: postgres.stop });
  log(
    `PostgreSQL (${postgres.kind === 'server' ? 'local server' : 'embedded PGlite'}) on ${postgres.url}`,
  );
  log(`Redis on ${config.REDIS_URL}`);

  const prefix = config.RESOURCE_PREFIX ?? '';
  const sqsClient = localSqsClient(sqs.endpoint, config.AWS_REGION);
  const dynamoClient = localDynamoDbClient(dynamodb.endpoint, config.AWS_REGION);
  try {
    const queues = await ensureQueues(sqsClient, prefix);
    for (const queue of Object.values(queues)) {
      log(`queue ${queue.name} ${queue.action}: ${queue.url}`);
      if (queue.deadLetter)
        log(`queue ${queue.deadLetter.name} ${queue.deadLetter.action}: ${queue.deadLetter.url}`);
    }
    const tables = await ensureTables(dynamoClient, prefix);
    for (const table of Object.values(tables)) log(`table ${table.name} ${table.action}`);
    if (tables.trading.action === 'created') {
      const cleared = await clearRedisKeyspace(config.REDIS_URL, config.REDIS_KEY_PREFIX);
      if (cleared > 0)
        log(
          `new trading data: cleared ${cleared} Redis keys left under ${config.REDIS_KEY_PREFIX}`,
        );
    }
    if (tables.trading.action === 'updated') {
      // An index added to older data: the items written before it get its attributes.
      const db = documentClient(dynamoClient);
      const positions = await backfillHeldPositions(db, prefix);
      const orders = await backfillInFlightOrders(db, prefix);
      log(
        `trading table indexes added; written before them and now indexed: ${positions} positions, ${orders} orders awaiting the venue`,
      );
    }

    const seed: SeedTargets = {
      dynamodb: dynamoClient,
      sqs: sqsClient,
      ordersQueueUrl: queues.orders.url,
      prefix,
    };
    for (const { symbol, action } of await seedInstruments(seed))
      log(`instrument ${symbol} ${action}`);

    const endpoints = appEndpoints(config);
    const venueSpec = simVenueService(config, endpoints);
    const venue = await startService(workspaceRoot, venueSpec, output, childExited);
    stops.push(venue);
    log(`sim-venue ready (pid ${venue.pid})`);
    const omsSpec = omsService(
      config,
      { sqsEndpoint: sqs.endpoint, dynamodbEndpoint: dynamodb.endpoint },
      endpoints,
    );
    const oms = await startService(workspaceRoot, omsSpec, output, childExited);
    stops.push(oms);
    log(`OMS ready (pid ${oms.pid})`);

    // Through the queue, so the OMS (now running) does the work; waits until it has.
    for (const { accountId, action } of await seedAccounts(seed))
      log(`account ${accountId} ${action}`);
    await waitForSeededAccounts(seed);

    // Before the issuer starts: it reads the machine clients once.
    const machineClient = await ensureMachineClient(config.STACK_DATA_DIR);
    const identity = await startService(
      workspaceRoot,
      identityService(config, endpoints),
      output,
      childExited,
    );
    stops.push(identity);
    log(`token issuer ready (pid ${identity.pid})`);

    // The notifier before the gateway, whose telegram.link asks it for codes. A fresh secret
    // for their internal API every start: only these two processes ever hold it.
    let notifierApi: { url: string; apiToken: string } | undefined;
    let telegramLine = '';
    if (config.STACK_NOTIFIER) {
      const telegram = await startTelegramSide(config);
      stops.push({ name: 'telegram', stop: telegram.stop });
      telegramLine = telegram.description;
      log(await migrateNotifier(postgres.url));
      notifierApi = { url: endpoints.notifier, apiToken: randomBytes(24).toString('base64url') };
      const notifier = await startService(
        workspaceRoot,
        notifierService(
          config,
          { sqsEndpoint: sqs.endpoint, dynamodbEndpoint: dynamodb.endpoint },
          endpoints,
          {
            telegramApiRoot: telegram.apiRoot,
            telegramBotToken: telegram.botToken,
            databaseUrl: postgres.url,
            apiToken: notifierApi.apiToken,
          },
        ),
        output,
        childExited,
      );
      stops.push(notifier);
      log(`notifier ready (pid ${notifier.pid})`);
      await writeNotifierSecret(config.STACK_DATA_DIR, notifierApi.apiToken);
    }

    const gateway = await startService(
      workspaceRoot,
      gatewayService(
        config,
        { sqsEndpoint: sqs.endpoint, dynamodbEndpoint: dynamodb.endpoint },
        endpoints,
        notifierApi,
      ),
      output,
      childExited,
    );
    stops.push(gateway);
    log(`ws-gateway ready (pid ${gateway.pid})`);
    if (config.STACK_MARKET_MAKER) {
      const marketMaker = await startService(
        workspaceRoot,
        marketMakerService(config, endpoints, machineClient),
        output,
        childExited,
      );
      stops.push(marketMaker);
      log(
        `market maker ready (pid ${marketMaker.pid}), quoting ${SEED_INSTRUMENTS.map((i) => i.symbol).join(' and ')}`,
      );
    }
    if (notifierApi) {
      // It warns through the notifier and margin-calls through the queue the OMS consumes.
      const marginCall = await startService(
        workspaceRoot,
        marginCallService(
          config,
          { sqsEndpoint: sqs.endpoint, dynamodbEndpoint: dynamodb.endpoint },
          endpoints,
          notifierApi,
        ),
        output,
        childExited,
      );
      stops.push(marginCall);
      log(`margin-call scheduler ready (pid ${marginCall.pid})`);
    }
    log(
      `demo accounts: ${SEED_ACCOUNTS.map((a) => `${a.accountId} (${a.deposit} USD)`).join(', ')}`,
    );
    log(
      `market maker account: ${MARKET_MAKER_ACCOUNT.accountId} (${MARKET_MAKER_ACCOUNT.deposit} USD, ` +
        `${MARKET_MAKER_ORDER_RATE.perSecond} order requests/s, burst ${MARKET_MAKER_ORDER_RATE.burst}; ` +
        `token: npm run -s token -- --account ${MARKET_MAKER_ACCOUNT.accountId} --scope perp-api/trade)`,
    );
    if (!config.STACK_MARKET_MAKER)
      log('no market maker (STACK_MARKET_MAKER=false): the books start empty');

    for (const line of endpointLines(endpoints)) log(line);
    if (config.STACK_MARKET_MAKER) log(marketMakerLine(endpoints));
    if (config.STACK_NOTIFIER) for (const line of notifierLines(endpoints, telegramLine)) log(line);
    if (notifierApi) log(marginCallLine(endpoints, config));
    log(`SQS                ${sqs.endpoint} (queue ${queues.orders.name})`);
    log(`DynamoDB           ${dynamodb.endpoint}`);
  } finally {
    sqsClient.destroy();
    dynamoClient.destroy();
  }

  log('ready. Press Ctrl-C to stop.');
}

// Every time: npm forwards the terminal's Ctrl-C to a process that got it already, and a second
// signal must not kill the stack half-way through stopping its (detached) children.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void stopAll(0));

// A crash of the stack itself after start-up must not orphan its detached children.
for (const event of ['uncaughtException', 'unhandledRejection'] as const)
  process.on(event, (error: unknown) => {
    log(`${event}: ${describeError(error)}; stopping everything`);
    void stopAll(1);
  });

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function describeFailure(error: unknown): string {
  if (error instanceof PrerequisiteError) return error.message;
  if (error instanceof ServiceStartError) return `failed to start: ${error.message}`;
  return `failed to start: ${describeError(error)}`;
}

start().catch((error: unknown) => {
  // Stopping already (Ctrl-C while starting): the error is the consequence, not the news.
  if (!stopping) log(describeFailure(error));
  void stopAll(1);
});
