import type { ServiceDefinition } from './service-definition.ts';
import { backingEnvironment } from './service-definition.ts';

/** Traders' WebSocket API behind the internet-facing load balancer. */
export const WS_GATEWAY: ServiceDefinition = {
  name: 'ws-gateway',
  app: 'ws-gateway',
  launch: 'fargate',
  cpu: 512,
  memoryMiB: 1024,
  desiredCount: 1,
  maxCount: 4,
  singleton: false,
  exposure: 'public-load-balancer',
  listen: { host: 'GATEWAY_HOST', port: 'GATEWAY_PORT' },
  startPeriodSeconds: 30,
  // The drain: reconnect hints go out, then sockets close within SHUTDOWN_RECONNECT_*.
  stopTimeoutSeconds: 30,
  grants: ['tables:read', 'queue:send'],
  environment: (wiring) => ({
    ...backingEnvironment(wiring),
    SIM_VENUE_URL: wiring.simVenueUrl,
    AUTH_ISSUER: wiring.auth.issuer,
    AUTH_JWKS_URL: wiring.auth.jwksUrl,
    // Cognito access tokens carry the app client in client_id: the users' and the market maker's.
    AUTH_AUDIENCE: `${wiring.auth.traderClientId},${wiring.auth.marketMakerClientId}`,
    PING_INTERVAL_MS: '20000',
    // The ALB appends the client's address to X-Forwarded-For: the per-IP limit keys on that.
    TRUST_PROXY_HOPS: '1',
    NOTIFIER_URL: wiring.notifierUrl,
  }),
  secrets: (wiring) => ({ NOTIFIER_API_TOKEN: { secret: wiring.secrets.notifierApiToken } }),
};
