import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { CommandEnvelope, ExecutionReport } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { startBackingServices, type BackingServices } from '@perp/local-stack';
import { redisKeyspace, replayReports, type RedisKeyspace } from '@perp/redis-adapter';
import { QUEUES } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { waitFor as waitForValue, type NodeService } from '@perp/test-services';
import type { AccountId } from '@perp/trading-domain';
import { SimVenueClient, type VenueClient } from '@perp/venue-adapter';
import type { VenueAccountClient } from '../venue-router.ts';
import { buildOms, type Oms } from '../app.ts';
import { createAccountCommand, depositCommand, toMessage } from './commands.ts';

/** The backing services (queues, tables, Redis, sim-venue), and the OMS on them. */
export interface OmsHarness extends Omit<
  BackingServices,
  'instruments' | 'processEnv' | 'startProcess' | 'dispose'
> {
  readonly keys: RedisKeyspace;
  /** The OMS in this process, wired exactly as main.ts wires it. */
  startOms(options?: StartOmsOptions): Promise<Oms>;
  /** The OMS as its own process (main.ts), for crash tests. */
  startOmsProcess(env?: Record<string, string>): Promise<NodeService>;
  send(...commands: CommandEnvelope[]): Promise<void>;
  /** Creates and funds accounts through the queue; resolves when the OMS has done it. */
  fundAccounts(amount: string, ...accountIds: string[]): Promise<void>;
  /** The account's published reports, from its replay stream, oldest first. */
  reports(accountId: string): Promise<ExecutionReport[]>;
  /** Waits until the account has at least `count` reports, then returns them all. */
  waitForReports(accountId: string, count: number, timeoutMs?: number): Promise<ExecutionReport[]>;
  /** Sends the command and resolves with the account's next `count` reports (default 1). */
  sendForReports(
    accountId: string,
    command: CommandEnvelope,
    count?: number,
    timeoutMs?: number,
  ): Promise<ExecutionReport[]>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** Resolves when the orders queue holds no message, visible or in flight. */
  drained(timeoutMs?: number): Promise<void>;
  /** Takes what waits in the dead-letter queue (received and deleted). */
  deadLetters(): Promise<string[]>;
  dispose(): Promise<void>;
}

export interface StartOmsOptions {
  readonly receiveLoops?: number;
  /** Wraps the venue client the OMS uses (to lose answers, or fail lookups, on purpose). */
  readonly venue?: (venue: VenueClient) => VenueClient;
  /** False: no venue connector, so nothing the venue streams reaches this OMS. */
  readonly venueStream?: boolean;
  /** Venue accounts besides the sim-venue's, for instruments routed to them. */
  readonly venueAccounts?: readonly VenueAccountClient[];
  readonly reconcile?: {
    readonly graceMs?: number;
    readonly intervalMs?: number;
    readonly pollFillsLookbackMs?: number;
  };
}

export interface OmsHarnessOptions {
  /** The orders queue's visibility timeout (default: the declared one), e.g. short for crash tests. */
  readonly visibilityTimeoutSeconds?: number;
}

export async function startOmsHarness(options: OmsHarnessOptions = {}): Promise<OmsHarness> {
  const services = await startBackingServices({
    name: 'oms-test',
    logLevel: process.env['OMS_TEST_LOG_LEVEL'] ?? 'silent',
    ...options,
  });
  const { prefix, sqs, sqsClient, dynamo, dynamoClient, redis, store, config, logger } = services;
  const keys = redisKeyspace(redis.keyPrefix);
  const { queueUrl, deadLetterUrl } = services;
  const producer = new FifoQueueProducer({ sqs: sqsClient, queueUrl });
  const running: Oms[] = [];

  const reports = async (accountId: string) =>
    (await replayReports(redis.client, keys, accountId, 0, 10_000)) as ExecutionReport[];

  const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000) =>
    waitForValue(probe, { what, timeoutMs, intervalMs: 50 });

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
      return services.simVenue;
    },
    killSimVenue: () => services.killSimVenue(),
    restartSimVenue: () => services.restartSimVenue(),
    store,
    config,
    logger,
    async startOms(options = {}) {
      const redisClient = await redis.newClient();
      const simVenue = new SimVenueClient({ baseUrl: services.simVenue.url, timeoutMs: 5_000 });
      const oms = buildOms({
        sqs: sqsClient,
        dynamodb: dynamoClient,
        redis: redisClient,
        venue: options.venue ? options.venue(simVenue) : simVenue,
        ...(options.venueAccounts ? { venueAccounts: options.venueAccounts } : {}),
        logger,
        ordersQueueUrl: queueUrl,
        deadLetterQueueUrl: deadLetterUrl,
        tablePrefix: prefix,
        redisPrefix: redis.keyPrefix,
        receiveLoops: options.receiveLoops ?? 2,
        waitTimeSeconds: 1,
        ...(options.reconcile ? { reconcile: options.reconcile } : {}),
        ...(options.venueStream === false
          ? {}
          : {
              venueStream: {
                url: services.simVenue.url,
                owner: `test-${running.length}`,
                leaseTtlMs: 2_000,
              },
            }),
      });
      oms.start();
      running.push(oms);
      return oms;
    },
    startOmsProcess(env = {}) {
      return services.startProcess('oms', {
        portVariable: 'HTTP_PORT',
        env: {
          HTTP_HOST: '127.0.0.1',
          VENUE_LEASE_TTL_MS: '1000',
          QUEUE_VISIBILITY_TIMEOUT_SECONDS: String(
            options.visibilityTimeoutSeconds ?? QUEUES.orders.visibilityTimeoutSeconds,
          ),
          ...env,
        },
      });
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
    async sendForReports(accountId, command, count = 1, timeoutMs) {
      const before = (await reports(accountId)).length;
      await harness.send(command);
      return (await harness.waitForReports(accountId, before + count, timeoutMs)).slice(before);
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
      await services.dispose();
    },
  };
  return harness;
}
