import type { ServiceDefinition } from './service-definition.ts';

/** A client of the gateway like any trader's program, with its own Cognito machine client. */
export const MARKET_MAKER: ServiceDefinition = {
  name: 'market-maker',
  app: 'market-maker',
  launch: 'fargate',
  cpu: 256,
  memoryMiB: 512,
  desiredCount: 1,
  maxCount: 1,
  singleton: true,
  exposure: 'none',
  listen: { host: 'MARKET_MAKER_HOST', port: 'MARKET_MAKER_PORT' },
  startPeriodSeconds: 30,
  // Cancels its quotes before it exits.
  stopTimeoutSeconds: 30,
  grants: [],
  environment: (wiring) => ({
    AWS_REGION: wiring.environment.region,
    REDIS_URL: wiring.redisUrl,
    REDIS_KEY_PREFIX: 'perp:',
    MARKET_MAKER_GATEWAY_URL: wiring.gatewayWebSocketUrl,
    MARKET_MAKER_TOKEN_URL: wiring.auth.tokenUrl,
    MARKET_MAKER_CLIENT_ID: wiring.auth.marketMakerClientId,
    MARKET_MAKER_TOKEN_SCOPE: 'perp-api/trade',
    MARKET_MAKER_SYMBOLS: 'BTC-PERP,ETH-PERP',
    LOG_LEVEL: 'info',
  }),
  secrets: (wiring) => ({
    MARKET_MAKER_CLIENT_SECRET: { secret: wiring.secrets.marketMakerClientSecret },
  }),
};
