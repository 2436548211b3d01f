import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger, type Logger } from '@perp/logger';
import { QUEUES, ensureQueueWithDeadLetter, ensureTables } from '@perp/resources';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  connectDynamoDb,
  connectRedis,
  startNodeService,
  startSqs,
  type DynamoDbTestInstance,
  type NodeService,
  type RedisTestInstance,
  type SqsTestInstance,
} from '@perp/test-services';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import { ENTRY_POINTS, WORKSPACE_ROOT, type Program } from './entry-points.ts';
import { TEST_INSTRUMENTS, listedInstrument, type InstrumentSeed } from '@perp/demo-seed';
import { startSimVenueProcess } from './sim-venue-process.ts';

export interface BackingServicesOptions {
  /** Names the logger's service and the temp folder: `oms-test`, `gateway-test`. */
  readonly name: string;
  /** The log level of `logger` (default silent: tests read assertions, not logs). */
  readonly logLevel?: string;
  /** Listed in the config table and at the sim-venue (default TEST_INSTRUMENTS). */
  readonly instruments?: readonly InstrumentSeed[];
  /** The orders queue's visibility timeout (default the declared one), short for crash tests. */
  readonly visibilityTimeoutSeconds?: number;
}

/**
 * What the OMS and the gateway run against, for one test file: fauxqs with the orders queue and
 * its dead-letter queue, DynamoDB Local with the tables (both under a prefix of its own), Redis
 * under a key prefix of its own, the instruments listed, and the sim-venue as a process.
 */
export interface BackingServices {
  readonly prefix: string;
  readonly sqs: SqsTestInstance;
  readonly sqsClient: SQSClient;
  readonly dynamo: DynamoDbTestInstance;
  readonly dynamoClient: DynamoDBClient;
  readonly redis: RedisTestInstance;
  readonly queueUrl: string;
  readonly deadLetterUrl: string;
  readonly store: TradingStore;
  readonly config: ConfigStore;
  readonly logger: Logger;
  readonly instruments: readonly InstrumentSeed[];
  /** The running sim-venue process (replaced by `restartSimVenue`). */
  readonly simVenue: NodeService;
  /** Stops the sim-venue (SIGKILL: an outage, not a shutdown). */
  killSimVenue(): Promise<void>;
  /** Starts it again on the same port and data directory: its journal brings its books back. */
  restartSimVenue(): Promise<NodeService>;
  /** The environment an app's main.ts reads to reach these services (AWS, Redis, venue). */
  processEnv(): Record<string, string>;
  /** One of the apps as its own process (main.ts) on these services; stopped by `dispose()`. */
  startProcess(
    program: Extract<Program, 'oms' | 'gateway'>,
    options: { portVariable: string; env?: Record<string, string> },
  ): Promise<NodeService>;
  dispose(): Promise<void>;
}

export async function startBackingServices(
  options: BackingServicesOptions,
): Promise<BackingServices> {
  const logger = createLogger({
    service: options.name,
    level: (options.logLevel ?? 'silent') as 'silent',
  });
  const instruments = options.instruments ?? TEST_INSTRUMENTS;
  const [sqs, dynamo, redis, venueDataDir] = await Promise.all([
    startSqs(),
    connectDynamoDb(),
    connectRedis(),
    mkdtemp(join(tmpdir(), `${options.name}-venue-`)),
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
  await Promise.all(instruments.map((seed) => config.putInstrument(listedInstrument(seed))));
  const startVenue = (port?: number) =>
    startSimVenueProcess({
      instruments,
      dataDir: venueDataDir,
      ...(port === undefined ? {} : { port }),
    });
  let simVenue = await startVenue();
  const processes: NodeService[] = [];

  const processEnv = (): Record<string, string> => ({
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_AWS_REGION,
    SQS_ENDPOINT: sqs.endpoint,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    RESOURCE_PREFIX: prefix,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    SIM_VENUE_URL: simVenue.url,
    LOG_LEVEL: 'warn',
  });

  return {
    prefix,
    sqs,
    sqsClient,
    dynamo,
    dynamoClient,
    redis,
    queueUrl: orders.url,
    deadLetterUrl: orders.deadLetter?.url ?? '',
    store,
    config,
    logger,
    instruments,
    get simVenue() {
      return simVenue;
    },
    killSimVenue: () => simVenue.kill(),
    async restartSimVenue() {
      simVenue = await startVenue(simVenue.port);
      return simVenue;
    },
    processEnv,
    async startProcess(program, { portVariable, env = {} }) {
      const service = await startNodeService({
        name: program,
        entry: ENTRY_POINTS[program],
        portVariable,
        cwd: WORKSPACE_ROOT,
        env: { ...processEnv(), ...env },
      });
      processes.push(service);
      return service;
    },
    async dispose() {
      await Promise.allSettled(processes.map((p) => p.stop(2_000)));
      await simVenue.stop(2_000);
      await Promise.allSettled([sqs.stop(), redis.dispose(), dynamo.dispose()]);
      await rm(venueDataDir, { recursive: true, force: true });
    },
  };
}
