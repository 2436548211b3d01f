import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { Logger } from '@perp/logger';
import { ReportPublisher, redisKeyspace } from '@perp/redis-adapter';
import { instrumentAwsClients } from '@perp/resources';
import { FifoQueueConsumer, FifoQueueProducer } from '@perp/sqs-adapter';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import { DEFAULT_VENUE_ROUTE } from '@perp/trading-domain';
import { VenueConnector, VenueFeedForwarder, type VenueClient } from '@perp/venue-adapter';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { commandHandler } from './command-handler.ts';
import { ConfigCache } from './config-cache.ts';
import type { OmsContext } from './context.ts';
import { InstrumentCache } from './instrument-cache.ts';
import { MarketCache } from './market-cache.ts';
import { consumerMetrics, reconciliationMetrics } from './oms-metrics.ts';
import { Reconciler } from './reconciliation/reconciler.ts';
import { RecentOrders } from './recent-orders.ts';
import { VenueRouter, type VenueAccountClient } from './venue-router.ts';

export interface OmsDependencies {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly redis: Redis;
  /** The default venue account's client (the simulated venue locally; DEFAULT_VENUE_ROUTE). */
  readonly venue: VenueClient;
  /** Further venue accounts instruments may route to (the config table's routes). */
  readonly venueAccounts?: readonly VenueAccountClient[];
  /** This replica's name in the venue feeds' leases (default: the venue stream's owner). */
  readonly replicaId?: string;
  readonly logger: Logger;
  readonly ordersQueueUrl: string;
  /** Poison commands are moved here at once, with their reason (else left to the redrive policy). */
  readonly deadLetterQueueUrl?: string;
  /**
   * Where the venue's private event stream is read by this replica's connector (one replica holds
   * the lease and forwards events into the queue; the others stand by). Omitted: no connector.
   */
  readonly venueStream?: {
    readonly url: string;
    readonly owner: string;
    readonly leaseTtlMs?: number;
    /** Venue events arriving within this window share one SendMessageBatch (default 10 ms). */
    readonly batchWindowMs?: number;
  };
  readonly tablePrefix?: string;
  readonly redisPrefix?: string;
  readonly receiveLoops?: number;
  readonly waitTimeSeconds?: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly clock?: () => number;
  /** How long risk limits and trading states are cached (default 1 s). */
  readonly configCacheTtlMs?: number;
  /** The reconciliation sweep (see RECONCILE_GRACE_MS, RECONCILE_INTERVAL_MS). */
  readonly reconcile?: {
    readonly graceMs?: number;
    readonly intervalMs?: number;
    /** Cancel orders of ours the venue works that the OMS does not hold open (default: report). */
    readonly cancelUnknown?: boolean;
    /** Poll the venue's fills for those the feed missed, this far back at start (default: no poll). */
    readonly pollFillsLookbackMs?: number;
  };
}

export interface Oms {
  readonly context: OmsContext;
  readonly consumer: FifoQueueConsumer;
  readonly connector: VenueConnector | undefined;
  /** The real venue accounts' feeds, each forwarded by the replica holding its lease. */
  readonly feeds: readonly VenueFeedForwarder[];
  readonly reconciler: Reconciler;
  readonly http: FastifyInstance;
  start(): void;
  /** Stops taking commands and lets the ones in flight finish. */
  stop(): Promise<void>;
}

/** Builds the OMS without starting it, so tests drive the same wiring as main.ts. */
export function buildOms(deps: OmsDependencies): Oms {
  const db = documentClient(deps.dynamodb);
  const config = new ConfigStore({ db, tablePrefix: deps.tablePrefix ?? '' });
  const clock = deps.clock ?? Date.now;
  const keys = redisKeyspace(deps.redisPrefix);
  const instruments = new InstrumentCache({ config, clock });
  const venues = new VenueRouter(
    [{ route: DEFAULT_VENUE_ROUTE, client: deps.venue }, ...(deps.venueAccounts ?? [])],
    instruments,
  );
  const context: OmsContext = {
    store: new TradingStore({ db, tablePrefix: deps.tablePrefix ?? '' }),
    config,
    riskConfig: new ConfigCache({
      config,
      clock,
      ...(deps.configCacheTtlMs === undefined ? {} : { ttlMs: deps.configCacheTtlMs }),
    }),
    venues,
    publisher: new ReportPublisher({ redis: deps.redis, keys }),
    instruments,
    markets: new MarketCache({ venue: venues, clock }),
    recent: new RecentOrders(),
    logger: deps.logger,
    clock,
    reconcileGraceMs: deps.reconcile?.graceMs ?? 30_000,
  };
  const registry = createMetricsRegistry('oms');
  instrumentAwsClients({ sqs: deps.sqs, dynamodb: deps.dynamodb }, registry);
  const consumer = new FifoQueueConsumer({
    observer: consumerMetrics(registry),
    sqs: deps.sqs,
    queueUrl: deps.ordersQueueUrl,
    handler: commandHandler(context),
    logger: deps.logger,
    receiveLoops: deps.receiveLoops ?? 2,
    waitTimeSeconds: deps.waitTimeSeconds ?? 20,
    ...(deps.visibilityTimeoutSeconds
      ? { visibilityTimeoutSeconds: deps.visibilityTimeoutSeconds }
      : {}),
    ...(deps.deadLetterQueueUrl ? { deadLetterQueueUrl: deps.deadLetterQueueUrl } : {}),
  });
  const queue = new FifoQueueProducer({ sqs: deps.sqs, queueUrl: deps.ordersQueueUrl });
  const connector = deps.venueStream
    ? new VenueConnector({
        venue: deps.venue.venue,
        venueUrl: deps.venueStream.url,
        redis: deps.redis,
        keys,
        owner: deps.venueStream.owner,
        queue,
        logger: deps.logger.child({ component: 'venue-connector' }),
        batchWindowMs: deps.venueStream.batchWindowMs ?? 10,
        ...(deps.venueStream.leaseTtlMs === undefined
          ? {}
          : {
              leaseTtlMs: deps.venueStream.leaseTtlMs,
              leaseIntervalMs: Math.max(50, Math.floor(deps.venueStream.leaseTtlMs / 5)),
            }),
      })
    : undefined;
  // One feed per real venue account whose events are the platform's, each under its own lease.
  const owner = deps.venueStream?.owner ?? deps.replicaId ?? `oms-${process.pid}`;
  const feeds = (deps.venueAccounts ?? []).flatMap(({ route, feed }) =>
    feed === undefined
      ? []
      : [
          new VenueFeedForwarder({
            venue: route.venue,
            venueAccount: route.venueAccount,
            openFeed: feed,
            redis: deps.redis,
            keys,
            owner,
            queue,
            logger: deps.logger.child({ component: 'venue-feed', ...route }),
            ...(deps.venueStream?.leaseTtlMs === undefined
              ? {}
              : {
                  leaseTtlMs: deps.venueStream.leaseTtlMs,
                  leaseIntervalMs: Math.max(50, Math.floor(deps.venueStream.leaseTtlMs / 5)),
                }),
          }),
        ],
  );
  const reconciler = new Reconciler({
    context,
    intervalMs: deps.reconcile?.intervalMs ?? 10_000,
    cancelUnknown: deps.reconcile?.cancelUnknown ?? false,
    ...(deps.reconcile?.pollFillsLookbackMs === undefined
      ? {}
      : { pollFillsLookbackMs: deps.reconcile.pollFillsLookbackMs }),
    // With a connector, the replica holding its lease sweeps; the others would only repeat it.
    ...(connector ? { isActive: () => connector.active } : {}),
    observe: reconciliationMetrics(registry),
  });
  let draining = false;
  const http = createServiceHttp({
    service: 'oms',
    logger: deps.logger,
    registry,
    isDraining: () => draining,
    readiness: {
      redis: () => deps.redis.ping(),
      dynamodb: () => config.getRiskLimits(),
      consumer: async () => {
        if (!consumer.running) throw new Error('not consuming');
      },
    },
  });
  return {
    context,
    consumer,
    connector,
    feeds,
    reconciler,
    http,
    start: () => {
      consumer.start();
      connector?.start();
      for (const feed of feeds) feed.start();
      reconciler.start();
    },
    stop: async () => {
      draining = true;
      await reconciler.stop();
      // The feeds first: what they have read from the venue still reaches the queue.
      await Promise.all([connector?.stop(), ...feeds.map((feed) => feed.stop())]);
      await consumer.stop();
    },
  };
}
