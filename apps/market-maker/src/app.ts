import { createMetricsRegistry, createServiceHttp } from '@perp/http';
import type { Logger } from '@perp/logger';
import { redisKeyspace } from '@perp/redis-adapter';
import type { TokenSource } from '@perp/trader-client';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { MarketMakerConfig } from './config.ts';
import { MarketMaker } from './market-maker.ts';
import { createMarketMakerMetrics } from './ops/market-maker-metrics.ts';
import type { ReferenceSource } from './reference/reference-source.ts';

export interface MarketMakerAppOptions {
  readonly config: MarketMakerConfig;
  readonly token: TokenSource;
  readonly redis: Redis;
  readonly logger: Logger;
  readonly replicaId: string;
  readonly externalReference?: ReferenceSource;
}

export interface MarketMakerApp {
  readonly http: FastifyInstance;
  readonly marketMaker: MarketMaker;
  readonly registry: Registry;
}

/** The bot and its ops endpoints, wired but not started (main starts, tests start their own). */
export function buildMarketMakerApp(options: MarketMakerAppOptions): MarketMakerApp {
  const { config, redis, logger } = options;
  const registry = createMetricsRegistry('market-maker');
  const metrics = createMarketMakerMetrics(registry);
  const marketMaker = new MarketMaker({
    config,
    token: options.token,
    redis,
    keyspace: redisKeyspace(config.REDIS_KEY_PREFIX),
    replicaId: options.replicaId,
    logger,
    metrics,
    ...(options.externalReference ? { externalReference: options.externalReference } : {}),
  });
  const http = createServiceHttp({
    service: 'market-maker',
    logger,
    registry,
    readiness: {
      redis: () => redis.ping(),
      gateway: async () => {
        if (!marketMaker.connected) throw new Error('not connected to the gateway');
      },
    },
    isDraining: () => marketMaker.role === 'stopping' || marketMaker.role === 'stopped',
    health: () => ({
      role: marketMaker.role === 'active' || marketMaker.role === 'starting' ? 'active' : 'standby',
      state: marketMaker.role,
      halted: marketMaker.halted !== undefined,
      halt: marketMaker.halted ?? null,
      dryRun: config.MARKET_MAKER_DRY_RUN,
      symbols: marketMaker.quoters,
    }),
  });
  // The operator's kill switch and its release. The ops port is private (loopback locally, the
  // task's security group in AWS): whoever reaches it operates the bot.
  http.post('/halt', async () => {
    await marketMaker.haltNow('operator request');
    return { halted: true };
  });
  http.post('/resume', async () => {
    await marketMaker.resume();
    return { halted: false };
  });
  return { http, marketMaker, registry };
}
