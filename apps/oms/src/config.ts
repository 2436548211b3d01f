import { int, loadConfigOrExit, oneOf, port, str, url } from '@perp/config';
import { BACKING_SERVICES_ENV, QUEUES } from '@perp/resources';

export const OMS_ENV = {
  ...BACKING_SERVICES_ENV,
  SIM_VENUE_URL: url(['http', 'https']),
  /** Time allowed for one venue request before it counts as a timeout (the command is retried). */
  VENUE_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** This replica's name in the venue connector's lease; defaults to host and pid. */
  OMS_REPLICA_ID: str().optional(),
  /** How long a dead replica keeps the venue connector's lease before another takes over. */
  VENUE_LEASE_TTL_MS: int(500, 120_000).default(5_000),
  HTTP_PORT: port().default(9102),
  HTTP_HOST: str().default('0.0.0.0'),
  /** Concurrent long polls; each takes a batch of up to 10 commands of different accounts. */
  RECEIVE_LOOPS: int(1, 32).default(2),
  /** Venue events arriving within this window are queued in one request (fewer SQS calls). */
  VENUE_BATCH_WINDOW_MS: int(0, 1_000).default(10),
  /** The orders queue's visibility timeout; in-flight commands are extended every half of it. */
  QUEUE_VISIBILITY_TIMEOUT_SECONDS: int(1, 43_200).default(QUEUES.orders.visibilityTimeoutSeconds),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export function readOmsConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfigOrExit(OMS_ENV, env);
}

export type OmsConfig = ReturnType<typeof readOmsConfig>;
