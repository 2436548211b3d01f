import { DEFAULT_SCOPE_PREFIX } from '@perp/auth';
import { BACKING_SERVICES_ENV } from '@perp/resources';
import { int, list, loadConfigOrExit, oneOf, port, str, url } from '@perp/config';
import { orderRateOverrides, type OrderRateOverrides } from './rate-limit/order-rate-overrides.ts';

const NO_OVERRIDES: OrderRateOverrides = new Map();

export const GATEWAY_ENV = {
  ...BACKING_SERVICES_ENV,
  /** The venue that gives marks (positions, account margin) and books (public.book). */
  SIM_VENUE_URL: url(['http', 'https']),
  VENUE_TIMEOUT_MS: int(100, 60_000).default(2_000),

  GATEWAY_HOST: str().default('127.0.0.1'),
  GATEWAY_PORT: port().default(8080),

  /** The token issuer's JWKS (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json). */
  AUTH_JWKS_URL: url(['http', 'https']),
  /** The `iss` every token must carry. */
  AUTH_ISSUER: str(),
  /**
   * Comma-separated; each accepted in `aud` or `client_id` (Cognito access tokens carry
   * `client_id`: the app client id). A machine client has an app client of its own: list it too.
   */
  AUTH_AUDIENCE: list().pipe(str().array().min(1, 'must name at least one audience')),
  /**
   * The resource server's scope prefix: a client-credentials token (no groups) with
   * `<prefix>trade` is a trader, with `<prefix>read` a viewer. Never operator or admin.
   */
  AUTH_SCOPE_PREFIX: str()
    .regex(/^\S+\/$/, 'must be a resource server identifier and "/", such as "perp-api/"')
    .default(DEFAULT_SCOPE_PREFIX),

  /** Requests per second per connection (token bucket) and the bucket's size. */
  RATE_LIMIT_CONNECTION_PER_SECOND: int(1, 100_000).default(50),
  RATE_LIMIT_CONNECTION_BURST: int(1, 100_000).default(100),
  /** Order requests (place, cancel, cancel all) per second per account, across every gateway. */
  RATE_LIMIT_ACCOUNT_ORDERS_PER_SECOND: int(1, 100_000).default(20),
  RATE_LIMIT_ACCOUNT_ORDERS_BURST: int(1, 100_000).default(20),
  /** Accounts with their own order budget: `accountId=perSecond[:burst],…`, e.g. `mm=200:400`. */
  RATE_LIMIT_ACCOUNT_ORDERS_OVERRIDES: orderRateOverrides().default(NO_OVERRIDES),
  /** Open sockets per account, across every gateway. */
  MAX_CONNECTIONS_PER_ACCOUNT: int(1, 10_000).default(10),
  /** Channels one connection may hold. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 10_000).default(50),
  /** Bytes waiting to be sent on one socket before it is closed as a slow consumer (1008). */
  MAX_BUFFERED_BYTES: int(16_384, 1_073_741_824).default(4 * 1024 * 1024),
  /**
   * Unauthenticated sockets one client IP may hold on this gateway process (counted in memory,
   * not across replicas); the next upgrade without a Bearer token gets HTTP 429. A socket that
   * logs in stops counting here and counts against MAX_CONNECTIONS_PER_ACCOUNT.
   */
  MAX_UNAUTHENTICATED_PER_IP: int(1, 100_000).default(20),
  /**
   * How many proxies in front of the gateway append the address they were connected from to
   * X-Forwarded-For; the client IP is that many entries from the header's right end. 0 (local,
   * no proxy): the TCP peer, and the header is ignored, since any client can send it. Behind the
   * AWS ALB: 1. More than the real number lets clients pick their own address.
   */
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  /**
   * A socket that has not authenticated (Bearer at the upgrade or auth.login) by then, counted
   * from its last public market-data request, is closed with 1008 "authentication deadline".
   */
  AUTH_DEADLINE_MS: int(100, 3_600_000).default(10_000),
  /**
   * How long a client may take to send its whole upgrade request (Node's headersTimeout and
   * requestTimeout): a client that dribbles its headers is answered 408 and closed.
   */
  UPGRADE_TIMEOUT_MS: int(100, 600_000).default(10_000),
  /** Bytes of a request's line and headers (Node's maxHeaderSize); beyond it HTTP 431. */
  MAX_HEADER_BYTES: int(1_024, 65_536).default(16_384),
  /** How long order.place with respType "result" waits for the first report before 10008. */
  ORDER_RESULT_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** A gateway that dies leaves its connections counted until this passes. */
  CONNECTION_LEASE_TTL_MS: int(1_000, 3_600_000).default(60_000),

  /** WebSocket ping interval, and how long a silent connection lives. */
  PING_INTERVAL_MS: int(100, 3_600_000).default(20_000),
  IDLE_TIMEOUT_MS: int(200, 3_600_000).default(60_000),
  /** session.shutdown's reconnectAfterMs: this plus a random share of the jitter, per socket. */
  SHUTDOWN_RECONNECT_AFTER_MS: int(0, 600_000).default(1_000),
  SHUTDOWN_RECONNECT_JITTER_MS: int(0, 600_000).default(2_000),

  /**
   * The notifier's internal API, for telegram.link; without it the method answers 10007. Its
   * bearer secret comes with it (NOTIFIER_API_TOKEN).
   */
  NOTIFIER_URL: url(['http', 'https']).optional(),
  NOTIFIER_API_TOKEN: str().min(16, 'must be at least 16 characters').optional(),

  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export function readGatewayConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  const config = loadConfigOrExit(GATEWAY_ENV, env);
  if ((config.NOTIFIER_URL === undefined) !== (config.NOTIFIER_API_TOKEN === undefined)) {
    process.stderr.write('NOTIFIER_URL and NOTIFIER_API_TOKEN go together: set both or neither\n');
    process.exit(78);
  }
  return config;
}

export type GatewayConfig = ReturnType<typeof readGatewayConfig>;
