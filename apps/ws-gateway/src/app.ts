import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { Logger } from '@perp/logger';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { TokenVerifier } from '@perp/auth';
import { CommandSender } from './commands/command-sender.ts';
import { PlacedOrders } from './commands/placed-orders.ts';
import type { GatewayContext } from './context.ts';
import { gatewayKeys } from './gateway-keys.ts';
import { InstrumentCatalog } from './market/instrument-catalog.ts';
import type { MarketData } from './market/market-data.ts';
import { METHODS, ORDER_METHODS } from './methods/index.ts';
import { createGatewayMetrics } from './metrics.ts';
import { AccountOrderLimiter } from './rate-limit/account-order-limiter.ts';
import { Dispatcher } from './rpc/dispatcher.ts';
import { MessageHandler } from './rpc/message-handler.ts';
import { AccountConnections } from './session/account-connections.ts';
import { ConnectionRegistry } from './session/connection-registry.ts';
import { WS_PATH, WebSocketEndpoint } from './session/websocket-endpoint.ts';
import {
  noCancelOnDisconnect,
  noSubscriptions,
  type CancelOnDisconnectService,
  type SubscriptionService,
} from './subscriptions/subscription-service.ts';

/** ws-api.md's limits; every one configurable. */
export interface GatewayLimits {
  readonly connectionRequestsPerSecond: number;
  readonly connectionRequestBurst: number;
  readonly accountOrdersPerSecond: number;
  readonly accountOrderBurst: number;
  readonly connectionsPerAccount: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  connectionRequestsPerSecond: 50,
  connectionRequestBurst: 100,
  accountOrdersPerSecond: 20,
  accountOrderBurst: 20,
  connectionsPerAccount: 10,
};

export interface GatewayDependencies {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly redis: Redis;
  readonly verifier: TokenVerifier;
  readonly market: MarketData;
  readonly logger: Logger;
  readonly ordersQueueUrl: string;
  readonly tablePrefix?: string;
  readonly redisPrefix?: string;
  /** The subscription service; without it `subscribe` subscribes to nothing. */
  readonly subscriptions?: SubscriptionService;
  /** Cancel on disconnect; without it `session.cancelOnDisconnect` answers `enabled: false`. */
  readonly cancelOnDisconnect?: CancelOnDisconnectService;
  readonly limits?: Partial<GatewayLimits>;
  /** Ping interval and idle timeout (defaults 20 s and 60 s). */
  readonly pingIntervalMs?: number;
  readonly idleTimeoutMs?: number;
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
  const metrics = createGatewayMetrics(registry);
  const leaseTtlMs = deps.connectionLeaseTtlMs ?? 60_000;
  const accountConnections = new AccountConnections({
    redis: deps.redis,
    keys,
    maxPerAccount: limits.connectionsPerAccount,
    leaseTtlMs,
  });
  const context: GatewayContext = {
    store: new TradingStore({ db, tablePrefix: deps.tablePrefix ?? '' }),
    config,
    instruments: new InstrumentCatalog({ config, clock }),
    market: deps.market,
    commands: new CommandSender({
      producer: new FifoQueueProducer({ sqs: deps.sqs, queueUrl: deps.ordersQueueUrl }),
      metrics,
    }),
    placedOrders: new PlacedOrders({
      redis: deps.redis,
      keys,
      ttlMs: deps.placedOrderTtlMs ?? 3_600_000,
    }),
    orderLimiter: new AccountOrderLimiter({
      redis: deps.redis,
      keys,
      ratePerSecond: limits.accountOrdersPerSecond,
      burst: limits.accountOrderBurst,
    }),
    accountConnections,
    verifier: deps.verifier,
    subscriptions: deps.subscriptions ?? noSubscriptions,
    cancelOnDisconnect: deps.cancelOnDisconnect ?? noCancelOnDisconnect,
    logger: deps.logger,
    clock,
    newId: () => randomUUID(),
  };

  const connections = new ConnectionRegistry({
    accountConnections,
    logger: deps.logger,
    clock,
    pingIntervalMs: deps.pingIntervalMs ?? 20_000,
    idleTimeoutMs: deps.idleTimeoutMs ?? 60_000,
    leaseRenewIntervalMs: Math.max(100, Math.floor(leaseTtlMs / 3)),
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
  });
  const reconnectAfterMs = deps.reconnectAfterMs ?? 1_000;
  const jitterMs = deps.reconnectJitterMs ?? 2_000;

  let stopped: Promise<void> | undefined;
  return {
    context,
    http,
    registry,
    connections,
    async listen(options) {
      const address = await http.listen(options);
      connections.start();
      const url = new URL(address);
      return `ws://${url.host}${WS_PATH}`;
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        await endpoint.shutdown(
          () => reconnectAfterMs + Math.floor(Math.random() * (jitterMs + 1)),
          deps.closeTimeoutMs ?? 5_000,
        );
        connections.stop();
        await http.close();
      })();
      return stopped;
    },
  };
}
