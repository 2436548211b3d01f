// The market maker: a singleton quoting bot that trades through the ws-gateway like any client.
import { hostname } from 'node:os';
import { createLogger } from '@perp/logger';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import { ClientCredentialsTokens, type TokenSource } from '@perp/trader-client';
import { Redis } from 'ioredis';
import { buildMarketMakerApp } from './app.ts';
import { readMarketMakerConfig } from './config.ts';
import { ChainlinkReference } from './reference/chainlink-reference.ts';

const config = readMarketMakerConfig();
const logger = createLogger({ service: 'market-maker', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);

// A fixed token, or client-credentials tokens fetched and refreshed (the config demands one).
function tokenSource(): TokenSource {
  if (config.MARKET_MAKER_TOKEN !== undefined) return config.MARKET_MAKER_TOKEN;
  const tokens = new ClientCredentialsTokens({
    tokenUrl: config.MARKET_MAKER_TOKEN_URL as string,
    clientId: config.MARKET_MAKER_CLIENT_ID as string,
    clientSecret: config.MARKET_MAKER_CLIENT_SECRET as string,
    scope: config.MARKET_MAKER_TOKEN_SCOPE,
  });
  return () => tokens.get();
}
const token = tokenSource();

const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
const externalReference =
  config.MARKET_MAKER_REFERENCE === 'ticker'
    ? undefined
    : new ChainlinkReference({
        // Both checked by the config when the reference uses chainlink.
        rpcUrl: config.MARKET_MAKER_CHAINLINK_RPC_URL as string,
        feeds: config.MARKET_MAKER_CHAINLINK_FEEDS ?? new Map(),
        pollIntervalMs: config.MARKET_MAKER_CHAINLINK_POLL_MS,
        logger,
      });
const app = buildMarketMakerApp({
  config,
  token,
  redis,
  logger,
  replicaId: config.MARKET_MAKER_REPLICA_ID ?? `${hostname()}:${process.pid}`,
  ...(externalReference ? { externalReference } : {}),
});

// In order: the bot cancels its orders and hands the lease back, then the ops port and Redis go.
shutdown
  .register('market maker', () => app.marketMaker.stop())
  .register('http', () => app.http.close())
  .register('redis', async () => void (await redis.quit()))
  .listen();

await app.http.listen({ host: config.MARKET_MAKER_HOST, port: config.MARKET_MAKER_PORT });
const bound = app.http.server.address();
logger.info(
  {
    host: config.MARKET_MAKER_HOST,
    port: typeof bound === 'object' && bound !== null ? bound.port : config.MARKET_MAKER_PORT,
    symbols: [...config.symbols.keys()],
    reference: config.MARKET_MAKER_REFERENCE,
    dryRun: config.MARKET_MAKER_DRY_RUN,
  },
  'market maker listening',
);
app.marketMaker.start();
