import { spawnSync } from 'node:child_process';
import { loadConfig } from '@perp/config';
import { parseCommandEnvelope, deduplicationIdOf, messageGroupIdOf } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { createLogger } from '@perp/logger';
import {
  ENTRY_POINTS,
  commitSeed,
  nodeArgs,
  startBackingServices,
  type BackingServices,
} from '@perp/local-stack';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import {
  createPostgresDatabase,
  startNodeService,
  startTelegramStandIn,
  waitFor,
  type NodeService,
  type TelegramStandIn,
} from '@perp/test-services';
import { identifierOf, type AccountId, type InstrumentSymbol } from '@perp/trading-domain';
import { buildMarginCallJob, type MarginCallJob } from '../app.ts';
import { MARGIN_CALL_ENV } from '../config.ts';

export const BOT_TOKEN = '7012345678:AAFx3kQm9ZpLw2RtYv8NcB4dHsJeU6oGiTq';
export const API_TOKEN = 'margin-call-test-api-token-0123';
const d = Decimal.parse;

/**
 * What the margin-call job runs against in its tests: the backing services (DynamoDB Local,
 * fauxqs, Redis, the sim-venue at a still index), the OMS and the notifier as processes, and the
 * Telegram stand-in the notifier talks to.
 */
export interface MarginCallPlatform {
  readonly services: BackingServices;
  readonly oms: NodeService;
  readonly notifier: NodeService;
  readonly telegram: TelegramStandIn;
  /** The job, built from an environment as the Lambda's and the CLI's (overrides on top). */
  job(env?: Record<string, string>): Promise<MarginCallJob>;
  /** The environment the job reads. */
  env(overrides?: Record<string, string>): Record<string, string>;
  /** An account with collateral and one position at `entry`, written straight to the store. */
  seedAccount(
    accountId: string,
    collateral: string,
    position?: { symbol: string; quantity: string; entry: string },
  ): Promise<AccountId>;
  /** Queues commands as a producer would (admin and trader commands for set-up). */
  send(...commands: Record<string, unknown>[]): Promise<void>;
  /** Links a private chat (user id) to the account through the bot, as a person does. */
  link(userId: number, accountId: string): Promise<void>;
  moveIndex(symbol: string, price: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startMarginCallPlatform(name: string): Promise<MarginCallPlatform> {
  const services = await startBackingServices({ name });
  const [telegram, database] = await Promise.all([
    startTelegramStandIn({ token: BOT_TOKEN, rateLimits: false }),
    createPostgresDatabase(),
  ]);
  const migrated = spawnSync(process.execPath, nodeArgs(ENTRY_POINTS.notifierMigrate), {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`notifier migration failed: ${migrated.stderr}`);
  const [oms, notifier] = await Promise.all([
    services.startProcess('oms', {
      portVariable: 'HTTP_PORT',
      env: { HTTP_HOST: '127.0.0.1', VENUE_LEASE_TTL_MS: '1000' },
    }),
    startNodeService({
      name: 'notifier',
      entry: ENTRY_POINTS.notifier,
      portVariable: 'NOTIFIER_PORT',
      env: {
        ...services.processEnv(),
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATABASE_URL: database.url,
        NOTIFIER_API_TOKEN: API_TOKEN,
        NOTIFIER_LEASE_TTL_MS: '2000',
        NOTIFIER_LEASE_INTERVAL_MS: '200',
        LOG_LEVEL: 'warn',
      },
    }),
  ]);
  // The job runs in this process, whose AWS SDK reads its credentials from the environment.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const)
    process.env[name] ??= services.processEnv()[name] ?? 'local';
  const producer = new FifoQueueProducer({ sqs: services.sqsClient, queueUrl: services.queueUrl });
  const jobs: MarginCallJob[] = [];
  const env = (overrides: Record<string, string> = {}) => ({
    ...services.processEnv(),
    NOTIFIER_URL: notifier.url,
    NOTIFIER_API_TOKEN: API_TOKEN,
    // Short: a test's run waits seconds, not minutes, for what another holds.
    MARGIN_CALL_LEASE_TTL_MS: '2000',
    MARGIN_CALL_LEASE_WAIT_MS: '20000',
    MARGIN_CALL_ORDER_TIMEOUT_MS: '15000',
    ...overrides,
  });
  let users = 0;
  return {
    services,
    oms,
    notifier,
    telegram,
    env,
    async job(overrides = {}) {
      const config = loadConfig(MARGIN_CALL_ENV, env(overrides));
      const job = await buildMarginCallJob(
        config,
        createLogger({ service: 'margin-call', level: 'silent' }),
      );
      jobs.push(job);
      return job;
    },
    async seedAccount(accountId, collateral, position) {
      const id = identifierOf('AccountId', accountId);
      const now = Date.now();
      await commitSeed(services.store, {
        accountId: id,
        balance: {
          value: {
            accountId: id,
            collateral: d(collateral),
            seq: 0,
            createdAt: now,
            updatedAt: now,
          },
          expectedVersion: null,
        },
        ...(position
          ? {
              position: {
                value: {
                  accountId: id,
                  symbol: position.symbol as InstrumentSymbol,
                  quantity: d(position.quantity),
                  costBasis: d(position.quantity).abs().mul(d(position.entry)),
                  realizedPnl: Decimal.ZERO,
                  fees: Decimal.ZERO,
                },
                expectedVersion: null,
              },
            }
          : {}),
      });
      return id;
    },
    async send(...commands) {
      for (const fields of commands) {
        const command = parseCommandEnvelope({
          version: 1,
          receivedAt: Date.now(),
          traceId: 'test',
          ...fields,
        });
        await producer.send({
          body: JSON.stringify(command),
          groupId: messageGroupIdOf(command),
          deduplicationId: deduplicationIdOf(command),
        });
      }
    },
    async link(userId, accountId) {
      const response = await fetch(`${notifier.url}/v1/link-codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accountId }),
      });
      const { code } = (await response.json()) as { code: string };
      users += 1;
      telegram.userSays({ userId, firstName: `User${users}`, text: `/start ${code}` });
      await waitFor(
        () =>
          telegram.sentMessages(userId).some((m) => m.text.includes('Linked account'))
            ? true
            : undefined,
        { timeoutMs: 10_000, what: `chat ${userId} linked to ${accountId}` },
      );
    },
    async moveIndex(symbol, price) {
      const response = await fetch(`${services.simVenue.url}/v1/admin/index-price`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol, price }),
      });
      if (response.status !== 200) throw new Error(`index-price answered ${response.status}`);
    },
    async stop() {
      await Promise.all(jobs.map((job) => job.close()));
      await notifier.stop?.();
      await telegram.stop();
      await services.dispose();
      await database.dispose();
    },
  };
}
