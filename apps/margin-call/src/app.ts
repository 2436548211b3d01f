import { Decimal } from '@perp/decimal';
import type { Logger } from '@perp/logger';
import { RUN_ID_PATTERN, scheduledRunId, type MarginCallMode } from '@perp/margin-calls';
import { ReportPublisher, redisKeyspace } from '@perp/redis-adapter';
import { QUEUES, awsClients, queueName, requireQueueUrl } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import {
  ConfigStore,
  HeldPositionsReader,
  TradingStore,
  documentClient,
} from '@perp/trading-store';
import { SimVenueClient } from '@perp/venue-adapter';
import { Redis } from 'ioredis';
import type { MarginCallConfig } from './config.ts';
import type { MarginCallContext, MarginCallSettings } from './context.ts';
import { runMarginCall } from './margin-call-run.ts';
import { NotifierClient } from './notifier-client.ts';
import type { MarginCallSummary } from './run-summary.ts';
import { WarningLedger } from './warning-ledger.ts';

const HUNDRED = Decimal.fromInt(100);
const fraction = (percent: string) => Decimal.parse(percent).div(HUNDRED, 'ceil');

/** The schedules' periods, for the run id of a scheduled run (one id per period). */
export const SCHEDULE_PERIOD_MS: Readonly<Record<MarginCallMode, number>> = {
  warn: 15 * 60_000,
  execute: 86_400_000,
};

export function settingsOf(config: MarginCallConfig): MarginCallSettings {
  const warning = fraction(config.MARGIN_UTILIZATION_WARNING_PERCENT);
  const levels = [warning, ...config.MARGIN_CALL_REWARN_PERCENTS.map(fraction), Decimal.ONE]
    .filter((level) => level.gte(warning))
    .sort((a, b) => a.cmp(b))
    .filter((level, i, all) => i === 0 || !level.eq(all[i - 1] ?? level));
  return {
    warning,
    levels,
    cooldownMs: config.MARGIN_CALL_WARNING_COOLDOWN_MS,
    target: fraction(config.MARGIN_CALL_TARGET_PERCENT),
    markMaxAgeMs: config.MARGIN_CALL_MARK_MAX_AGE_MS,
    scanConcurrency: config.MARGIN_CALL_SCAN_CONCURRENCY,
    accountConcurrency: config.MARGIN_CALL_ACCOUNT_CONCURRENCY,
    orderTimeoutMs: config.MARGIN_CALL_ORDER_TIMEOUT_MS,
    maxReduceRounds: config.MARGIN_CALL_MAX_REDUCE_ROUNDS,
    leaseWaitMs: config.MARGIN_CALL_LEASE_WAIT_MS,
    leaseTtlMs: config.MARGIN_CALL_LEASE_TTL_MS,
    pollMs: 100,
  };
}

export interface MarginCallJob {
  readonly context: MarginCallContext;
  /** One run; without a run id, a scheduled run's (the mode and the period it falls in). */
  run(mode: MarginCallMode, runId?: string): Promise<MarginCallSummary>;
  close(): Promise<void>;
}

/** Thrown for a run id outside the command ids' characters. */
export class InvalidRunIdError extends Error {
  readonly code = 'INVALID_RUN_ID';
  constructor(runId: string) {
    super(
      `run id ${JSON.stringify(runId)} must be 1 to 64 characters of A-Z, a-z, 0-9, _, ., : or -`,
    );
    this.name = 'InvalidRunIdError';
  }
}

/** The job's clients, built from the configuration without running anything. */
export async function buildMarginCallJob(
  config: MarginCallConfig,
  logger: Logger,
  clock: () => number = Date.now,
): Promise<MarginCallJob> {
  const { sqs, dynamodb } = awsClients({
    region: config.AWS_REGION,
    sqsEndpoint: config.SQS_ENDPOINT,
    dynamodbEndpoint: config.DYNAMODB_ENDPOINT,
  });
  const db = documentClient(dynamodb);
  const tablePrefix = config.RESOURCE_PREFIX;
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: true });
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const keys = redisKeyspace(config.REDIS_KEY_PREFIX);
  const queueUrl = await requireQueueUrl(
    sqs,
    queueName(QUEUES.orders.name, config.RESOURCE_PREFIX),
  );
  const settings = settingsOf(config);
  const context: MarginCallContext = {
    store: new TradingStore({ db, tablePrefix }),
    held: new HeldPositionsReader({ db, tablePrefix }),
    config: new ConfigStore({ db, tablePrefix }),
    venue: new SimVenueClient({
      baseUrl: config.SIM_VENUE_URL,
      timeoutMs: config.VENUE_TIMEOUT_MS,
    }),
    notifier: new NotifierClient({
      baseUrl: config.NOTIFIER_URL,
      apiToken: config.NOTIFIER_API_TOKEN,
      timeoutMs: config.NOTIFIER_TIMEOUT_MS,
    }),
    ledger: new WarningLedger({ redis, keys, cooldownMs: settings.cooldownMs }),
    publisher: new ReportPublisher({ redis, keys }),
    queue: new FifoQueueProducer({ sqs, queueUrl }),
    redis,
    keys,
    logger,
    clock,
    settings,
  };
  return {
    context,
    run(mode, runId) {
      const id = runId ?? scheduledRunId(mode, clock(), SCHEDULE_PERIOD_MS[mode]);
      if (!RUN_ID_PATTERN.test(id)) return Promise.reject(new InvalidRunIdError(id));
      return runMarginCall(context, { mode, runId: id });
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
      sqs.destroy();
      dynamodb.destroy();
    },
  };
}
