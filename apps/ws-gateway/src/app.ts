import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { AccountFeed, MarketDataRelay } from '@perp/feeds';
import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { Logger } from '@perp/logger';
import { redisKeyspace } from '@perp/redis-adapter';
import { backoff } from '@perp/retry';
import { instrumentAwsClients } from '@perp/resources';
import { newCommandId } from '@perp/trading-domain';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { TokenVerifier } from '@perp/auth';
import { CommandSender } from './commands/command-sender.ts';
import { ExistingAccounts } from './commands/existing-accounts.ts';
import { PlacedOrders } from './commands/placed-orders.ts';
import type { GatewayContext } from './context.ts';
import type { TelegramLinks } from './telegram/telegram-links.ts';
import { gatewayKeys } from './gateway-keys.ts';
import { InstrumentCatalog, type MarketData } from '@perp/account-views';
import { METHODS, ORDER_METHODS } from './methods/index.ts';
import { createGatewayMetrics } from './metrics.ts';
import { AccountOrderLimiter } from './rate-limit/account-order-limiter.ts';
import type { OrderRateOverrides } from './rate-limit/order-rate-overrides.ts';
import { Dispatcher } from './rpc/dispatcher.ts';
import { MessageHandler } from './rpc/message-handler.ts';
import { AccountConnections } from './session/account-connections.ts';
import { AnonymousSockets } from './session/anonymous-sockets.ts';
import { AuthDeadline } from './session/auth-deadline.ts';
import { applyHttpLimits } from './session/http-limits.ts';
import { ConnectionRegistry } from './session/connection-registry.ts';
import { WS_PATH, WebSocketEndpoint } from './session/websocket-endpoint.ts';
import { CancelOnDisconnect } from './subscriptions/cancel-on-disconnect.ts';
import { ChannelSubscriptions } from './subscriptions/channel-subscriptions.ts';
import type {
  CancelOnDisconnectService,
  SubscriptionService,
} from './subscriptions/subscription-service.ts';

/** ws-api.md's limits; every one configurable. */
export interface GatewayLimits {
  readonly connectionRequestsPerSecond: number;
  readonly connectionRequestBurst: number;
  readonly accountOrdersPerSecond: number;
  readonly accountOrderBurst: number;
  /** Accounts whose order rate and burst replace the two above. */
  readonly accountOrderOverrides: OrderRateOverrides;
  readonly connectionsPerAccount: number;
  readonly subscriptionsPerConnection: number;
  /** A socket with more than this many bytes waiting to be sent is closed (1008). */
  readonly maxBufferedBytes: number;
  /** Unauthenticated sockets per client IP, in this process; beyond it the upgrade gets 429. */
  readonly unauthenticatedPerIp: number;
  /** Bytes of an HTTP request's line and headers (the upgrade's); beyond it 431. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  connectionRequestsPerSecond: 50,
  connectionRequestBurst: 100,
  accountOrdersPerSecond: 20,
  accountOrderBurst: 20,
  accountOrderOverrides: new Map(),
  connectionsPerAccount: 10,
  subscriptionsPerConnection: 50,
  maxBufferedBytes: 4 * 1024 * 1024,
  unauthenticatedPerIp: 20,
  maxHeaderBytes: 16 * 1024,
};

export interface GatewayDependencies {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly redis: Redis;
  /**
   * A Redis connection of its own for the account feed's SUBSCRIBEs (one per process); the
   * gateway neither opens nor closes it. It should reconnect by itself (ioredis does).
   */
  readonly redisSubscriber: Redis;
  /** The venue whose public market data the book, trades and ticker channels relay. */
  readonly marketDataUrl: string;
  readonly verifier: TokenVerifier;
  readonly market: MarketData;
  readonly logger: Logger;
  readonly ordersQueueUrl: string;
  readonly tablePrefix?: string;
  readonly redisPrefix?: string;
  /** Replaces the subscription service (tests); by default the feeds' channels. */
  readonly subscriptions?: SubscriptionService;
  /** Replaces cancel on disconnect (tests). */
  readonly cancelOnDisconnect?: CancelOnDisconnectService;
  /** Issues telegram.link codes (the notifier); without it the method answers 10007. */
  readonly telegramLinks?: TelegramLinks;
  /** How long order.place with respType "result" waits for the first report (5 s). */
  readonly orderResultTimeoutMs?: number;
  readonly limits?: Partial<GatewayLimits>;
  /** Ping interval and idle timeout (defaults 20 s and 60 s). */
  readonly pingIntervalMs?: number;
  readonly idleTimeoutMs?: number;
  /** A socket that has not logged in by then is closed with 1008 (10 s). */
  readonly authDeadlineMs?: number;
  /** How long a client may take to send its upgrade request (10 s). */
  readonly upgradeTimeoutMs?: number;
  /** Proxies in front that append to X-Forwarded-For (0: the TCP peer is the client). */
  readonly trustProxyHops?: number;
  /** A crashed gateway's connections stop counting against their accounts after this (60 s). */
  readonly connectionLeaseTtlMs?: number;
  /** How long an order.place marker lives when the OMS does not claim the order (1 h). */
  readonly placedOrderTtlMs?: number;
  /** session.shutdown's reconnectAfterMs: base plus a random share of the jitter. */
  readonly reconnectAfterMs?: number;
  readonly reconnectJitterMs?: number;
  /** How long shutdown waits for clients to finish the close handshake (5 s). */
  readonly closeTimeoutMs?: number;
  /** Check every result against the contract before sending it (tests, development). */
  readonly validateResults?: boolean;
  readonly clock?: () => number;
}

export interface Gateway {
  readonly context: GatewayContext;
  readonly http: FastifyInstance;
  readonly registry: Registry;
  readonly connections: ConnectionRegistry;
  /** Starts serving HTTP and WebSocket; resolves the WebSocket URL. */
  listen(options: { host: string; port: number }): Promise<string>;
  /**
   * Graceful stop: /ready turns 503, new sockets are refused, every socket gets session.shutdown
   * and a 1001 close; resolves when they are closed and the server is down.
   */
  stop(): Promise<void>;
}

/** Builds the gateway without starting it, so tests drive the same wiring as main.ts. */
export function buildGateway(deps: GatewayDependencies): Gateway {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clock = deps.clock ?? Date.now;
  const redisPrefix = deps.redisPrefix ?? 'perp:';
  const keys = gatewayKeys(redisPrefix);
  const db = documentClient(deps.dynamodb);
  const config = new ConfigStore({ db, tablePrefix: deps.tablePrefix ?? '' });
  const registry = createMetricsRegistry('ws-gateway');
  instrumentAwsClients({ sqs: deps.sqs, dynamodb: deps.dynamodb }, registry);
  const metrics = createGatewayMetrics(registry);
  const leaseTtlMs = deps.connectionLeaseTtlMs ?? 60_000;
  const accountConnections = new AccountConnections({
    redis: deps.redis,
    keys,
    maxPerAccount: limits.connectionsPerAccount,
    leaseTtlMs,
  });
  const store = new TradingStore({ db, tablePrefix: deps.tablePrefix ?? '' });
  const instruments = new InstrumentCatalog({ config, clock });
  const commands = new CommandSender({
    producer: new FifoQueueProducer({ sqs: deps.sqs, queueUrl: deps.ordersQueueUrl }),
    metrics,
  });
  // One account feed (its own subscriber connection) and one market relay per process.
  const feed = new AccountFeed({
    redis: deps.redis,
    subscriber: deps.redisSubscriber,
    keys: redisKeyspace(redisPrefix),
    logger: deps.logger.child({ component: 'account-feed' }),
  });
  const relay = new MarketDataRelay({
    baseUrl: deps.marketDataUrl,
    logger: deps.logger.child({ component: 'market-relay' }),
  });
  // Built even when a test replaces it: then it holds nothing, and exempts no socket below.
  const channelSubscriptions = new ChannelSubscriptions({
    readers: { store, config, instruments, market: deps.market, clock },
    feed,
    relay,
    logger: deps.logger,
    maxPerConnection: limits.subscriptionsPerConnection,
    maxBufferedBytes: limits.maxBufferedBytes,
  });
  const context: GatewayContext = {
    store,
    config,
    instruments,
    market: deps.market,
    commands,
    placedOrders: new PlacedOrders({
      redis: deps.redis,
      keys,
      ttlMs: deps.placedOrderTtlMs ?? 3_600_000,
    }),
    existingAccounts: new ExistingAccounts(),
    orderLimiter: new AccountOrderLimiter({
      redis: deps.redis,
      keys,
      ratePerSecond: limits.accountOrdersPerSecond,
      burst: limits.accountOrderBurst,
      overrides: limits.accountOrderOverrides,
    }),
    accountConnections,
    verifier: deps.verifier,
    subscriptions: deps.subscriptions ?? channelSubscriptions,
    cancelOnDisconnect:
      deps.cancelOnDisconnect ??
      new CancelOnDisconnect({ commands, logger: deps.logger, clock, newCommandId }),
    reports: feed,
    telegramLinks: deps.telegramLinks,
    orderResultTimeoutMs: deps.orderResultTimeoutMs ?? 5_000,
    logger: deps.logger,
    clock,
    newCommandId,
  };

  const connections = new ConnectionRegistry({
    accountConnections,
    logger: deps.logger,
    clock,
    pingIntervalMs: deps.pingIntervalMs ?? 20_000,
    idleTimeoutMs: deps.idleTimeoutMs ?? 60_000,
    leaseRenewIntervalMs: Math.max(100, Math.floor(leaseTtlMs / 3)),
    // Public market data needs no login: public.book and public.instruments restart the deadline
    // (connection.readMarketData), and a socket holding a market channel may stay (today
    // subscribe needs a login, so no unauthenticated socket holds one; the rule stands anyway).
    authDeadline: new AuthDeadline({
      deadlineMs: deps.authDeadlineMs ?? 10_000,
      exempt: (connection) => channelSubscriptions.holdsMarketChannel(connection.connectionId),
    }),
  });
  let draining = false;
  const http = createServiceHttp({
    service: 'ws-gateway',
    logger: deps.logger,
    registry,
    isDraining: () => draining,
    readiness: {
      redis: () => deps.redis.ping(),
      dynamodb: () => config.listInstruments(),
    },
  });
  applyHttpLimits(http.server, {
    requestTimeoutMs: deps.upgradeTimeoutMs ?? 10_000,
    maxHeaderBytes: limits.maxHeaderBytes,
  });
  const instance = randomBytes(6).toString('hex');
  let connectionCount = 0;
  const endpoint = new WebSocketEndpoint({
    app: http,
    ctx: context,
    registry: connections,
    handler: new MessageHandler({
      dispatcher: new Dispatcher({
        ctx: context,
        methods: METHODS,
        orderMethods: ORDER_METHODS,
        metrics,
        validateResults: deps.validateResults ?? false,
      }),
      metrics,
    }),
    metrics,
    requestsPerSecond: limits.connectionRequestsPerSecond,
    requestBurst: limits.connectionRequestBurst,
    newConnectionId: () => `${instance}-${(connectionCount += 1)}`,
    anonymousSockets: new AnonymousSockets(limits.unauthenticatedPerIp),
    trustedProxyHops: deps.trustProxyHops ?? 0,
  });
  const reconnectAfterMs = deps.reconnectAfterMs ?? 1_000;
  const jitterMs = deps.reconnectJitterMs ?? 2_000;
  // One full-jitter step, uniform in [0, jitterMs]: a stopping gateway's clients come back spread.
  const reconnectJitter = backoff({ initialMs: jitterMs, maxMs: jitterMs });

  let stopped: Promise<void> | undefined;
  return {
    context,
    http,
    registry,
    connections,
    async listen(options) {
      const address = await http.listen(options);
      relay.start();
      connections.start();
      const url = new URL(address);
      return `ws://${url.host}${WS_PATH}`;
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        await endpoint.shutdown(
          () => reconnectAfterMs + reconnectJitter(0),
          deps.closeTimeoutMs ?? 5_000,
        );
        connections.stop();
        // After every socket's close handling (cancel on disconnect included) has run.
        feed.close();
        await relay.stop();
        await http.close();
      })();
      return stopped;
    },
  };
}
