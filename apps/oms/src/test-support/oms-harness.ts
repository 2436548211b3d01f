import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CommandEnvelope, ExecutionReport } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { createLogger, type Logger } from '@perp/logger';
import { redisKeyspace, replayReports, type RedisKeyspace } from '@perp/redis-adapter';
import { QUEUES, ensureQueueWithDeadLetter, ensureTables } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  connectDynamoDb,
  connectRedis,
  startNodeService,
  startSimVenueProcess,
  startSqs,
  type DynamoDbTestInstance,
  type NodeService,
  type RedisTestInstance,
  type SqsTestInstance,
} from '@perp/test-services';
import { instrumentFromText, type AccountId } from '@perp/trading-domain';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import { SimVenueClient } from '@perp/venue-adapter';
import { buildOms, type Oms } from '../app.ts';
import { createAccountCommand, depositCommand, toMessage } from './commands.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const OMS_ENTRY = join(REPO_ROOT, 'apps/oms/src/main.ts');

/** The test instruments: the OMS's config table and the sim-venue get the same ticks and lots. */
export const TEST_INSTRUMENTS = [
  { symbol: 'BTC-PERP', tick: '0.5', lot: '0.001', min: '0.001', start: '60000', max: '100' },
  { symbol: 'ETH-PERP', tick: '0.05', lot: '0.01', min: '0.05', start: '3000', max: '2000' },
] as const;

export interface OmsHarness {
  readonly prefix: string;
  readonly sqs: SqsTestInstance;
  readonly sqsClient: SQSClient;
  readonly dynamo: DynamoDbTestInstance;
  readonly dynamoClient: DynamoDBClient;
  readonly redis: RedisTestInstance;
  readonly keys: RedisKeyspace;
  readonly queueUrl: string;
  readonly deadLetterUrl: string;
  /** The running sim-venue process (replaced by `restartSimVenue`). */
  readonly simVenue: NodeService;
  /** Stops the sim-venue (SIGKILL: an outage, not a shutdown). */
  killSimVenue(): Promise<void>;
  /** Starts it again on the same port and data directory: its journal brings its books back. */
  restartSimVenue(): Promise<NodeService>;
  readonly store: TradingStore;
  readonly config: ConfigStore;
  readonly logger: Logger;
  /** The OMS in this process, wired exactly as main.ts wires it. */
  startOms(options?: { receiveLoops?: number }): Promise<Oms>;
  /** The OMS as its own process (main.ts), for crash tests. */
  startOmsProcess(env?: Record<string, string>): Promise<NodeService>;
  send(...commands: CommandEnvelope[]): Promise<void>;
  /** Creates and funds accounts through the queue; resolves when the OMS has done it. */
  fundAccounts(amount: string, ...accountIds: string[]): Promise<void>;
  /** The account's published reports, from its replay stream, oldest first. */
  reports(accountId: string): Promise<ExecutionReport[]>;
  /** Waits until the account has at least `count` reports, then returns them all. */
  waitForReports(accountId: string, count: number, timeoutMs?: number): Promise<ExecutionReport[]>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** Resolves when the orders queue holds no message, visible or in flight. */
  drained(timeoutMs?: number): Promise<void>;
  /** Takes what waits in the dead-letter queue (received and deleted). */
  deadLetters(): Promise<string[]>;
  dispose(): Promise<void>;
}

export interface OmsHarnessOptions {
  /** The orders queue's visibility timeout (default: the declared one), e.g. short for crash tests. */
  readonly visibilityTimeoutSeconds?: number;
}

export async function startOmsHarness(options: OmsHarnessOptions = {}): Promise<OmsHarness> {
  const logger = createLogger({
    service: 'oms-test',
    level: (process.env['OMS_TEST_LOG_LEVEL'] ?? 'silent') as 'silent',
  });
  const [sqs, dynamo, redis, dataDir] = await Promise.all([
    startSqs(),
    connectDynamoDb(),
    connectRedis(),
    mkdtemp(join(tmpdir(), 'oms-test-venue-')),
  ]);
  const prefix = dynamo.tablePrefix;
  const sqsClient = sqs.createClient();
  const dynamoClient = dynamo.createClient();
  const [orders] = await Promise.all([
    ensureQueueWithDeadLetter(
      sqsClient,
      {
        ...QUEUES.orders,
        visibilityTimeoutSeconds:
          options.visibilityTimeoutSeconds ?? QUEUES.orders.visibilityTimeoutSeconds,
      },
      prefix,
    ),
    ensureTables(dynamoClient, prefix),
  ]);
  const db = documentClient(dynamoClient);
  const store = new TradingStore({ db, tablePrefix: prefix });
  const config = new ConfigStore({ db, tablePrefix: prefix });
  await Promise.all(
    TEST_INSTRUMENTS.map((i) =>
      config.putInstrument(
        instrumentFromText({
          symbol: i.symbol,
          baseAsset: i.symbol.split('-')[0] ?? i.symbol,
          quoteAsset: 'USD',
          tickSize: i.tick,
          lotSize: i.lot,
          minQuantity: i.min,
          maxQuantity: i.max,
          maxNotional: '5000000',
          initialMarginRate: '0.1',
          maintenanceMarginRate: '0.05',
          priceBandRate: '0.05',
          status: 'trading',
        }),
      ),
    ),
  );
  const startVenue = (port?: number) =>
    startSimVenueProcess({
      symbols: TEST_INSTRUMENTS.map((i) => `${i.symbol}:${i.tick}:${i.lot}:${i.start}`).join(','),
      dataDir,
      ...(port === undefined ? {} : { port }),
    });
  let simVenue = await startVenue();
  const keys = redisKeyspace(redis.keyPrefix);
  const queueUrl = orders.url;
  const deadLetterUrl = orders.deadLetter?.url ?? '';
  const producer = new FifoQueueProducer({ sqs: sqsClient, queueUrl });
  const running: Oms[] = [];
  const processes: NodeService[] = [];

  const reports = async (accountId: string) =>
    (await replayReports(redis.client, keys, accountId, 0, 10_000)) as ExecutionReport[];

  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 15_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const harness: OmsHarness = {
    prefix,
    sqs,
    sqsClient,
    dynamo,
    dynamoClient,
    redis,
    keys,
    queueUrl,
    deadLetterUrl,
    get simVenue() {
      return simVenue;
    },
    killSimVenue: () => simVenue.kill(),
    async restartSimVenue() {
      simVenue = await startVenue(simVenue.port);
      return simVenue;
    },
    store,
    config,
    logger,
    async startOms(options = {}) {
      const redisClient = await redis.newClient();
      const oms = buildOms({
        sqs: sqsClient,
        dynamodb: dynamoClient,
        redis: redisClient,
        venue: new SimVenueClient({ baseUrl: simVenue.url, timeoutMs: 5_000 }),
        logger,
        ordersQueueUrl: queueUrl,
        deadLetterQueueUrl: deadLetterUrl,
        tablePrefix: prefix,
        redisPrefix: redis.keyPrefix,
        receiveLoops: options.receiveLoops ?? 2,
        waitTimeSeconds: 1,
        venueStream: { url: simVenue.url, owner: `test-${running.length}`, leaseTtlMs: 2_000 },
      });
      oms.start();
      running.push(oms);
      return oms;
    },
    async startOmsProcess(env = {}) {
      const service = await startNodeService({
        name: 'oms',
        entry: OMS_ENTRY,
        portVariable: 'HTTP_PORT',
        cwd: REPO_ROOT,
        env: {
          AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
          AWS_REGION: LOCAL_AWS_REGION,
          SQS_ENDPOINT: sqs.endpoint,
          DYNAMODB_ENDPOINT: dynamo.endpoint,
          RESOURCE_PREFIX: prefix,
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: redis.keyPrefix,
          SIM_VENUE_URL: simVenue.url,
          HTTP_HOST: '127.0.0.1',
          VENUE_LEASE_TTL_MS: '1000',
          QUEUE_VISIBILITY_TIMEOUT_SECONDS: String(
            options.visibilityTimeoutSeconds ?? QUEUES.orders.visibilityTimeoutSeconds,
          ),
          LOG_LEVEL: 'warn',
          ...env,
        },
      });
      processes.push(service);
      return service;
    },
    async send(...commands) {
      await producer.sendMany(commands.map(toMessage));
    },
    async fundAccounts(amount, ...accountIds) {
      await harness.send(
        ...accountIds.flatMap((a) => [createAccountCommand(a), depositCommand(a, amount)]),
      );
      for (const accountId of accountIds) {
        await waitFor(`account ${accountId} funded`, async () => {
          const balance = await store.getBalance(accountId as AccountId);
          return balance?.value.collateral.eq(Decimal.parse(amount)) ? true : undefined;
        });
      }
    },
    reports,
    async waitForReports(accountId, count, timeoutMs) {
      return waitFor(
        `${count} reports for ${accountId}`,
        async () => {
          const found = await reports(accountId);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
      );
    },
    waitFor,
    async drained(timeoutMs) {
      await waitFor(
        'the orders queue to drain',
        async () => {
          const { Attributes } = await sqsClient.send(
            new GetQueueAttributesCommand({
              QueueUrl: queueUrl,
              AttributeNames: [
                'ApproximateNumberOfMessages',
                'ApproximateNumberOfMessagesNotVisible',
              ],
            }),
          );
          const waiting =
            Number(Attributes?.['ApproximateNumberOfMessages'] ?? 1) +
            Number(Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 1);
          return waiting === 0 ? true : undefined;
        },
        timeoutMs,
      );
    },
    async deadLetters() {
      const received = await sqsClient.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetterUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
        }),
      );
      // FIFO hands out a group's next message only once the one before is deleted.
      for (const m of received.Messages ?? []) {
        await sqsClient.send(
          new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: m.ReceiptHandle }),
        );
      }
      return (received.Messages ?? []).map((m) => m.Body ?? '');
    },
    async dispose() {
      await Promise.allSettled(running.map((oms) => oms.stop()));
      await Promise.allSettled(processes.map((p) => p.stop(2_000)));
      await simVenue.stop(2_000);
      await Promise.allSettled([sqs.stop(), redis.dispose(), dynamo.dispose()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
