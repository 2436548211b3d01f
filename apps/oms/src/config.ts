import {
  ConfigError,
  bool,
  configOrExit,
  int,
  json,
  loadConfig,
  oneOf,
  port,
  str,
  url,
} from '@perp/config';
import { BACKING_SERVICES_ENV, QUEUES } from '@perp/resources';
import { VenueAccountsSettings } from '@perp/venue-adapter';

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
  /**
   * How long an order may await the venue's answer (submitted, pending_cancel) before
   * reconciliation asks the venue what became of it. A place is re-sent only within the first
   * half of it, so the venue cannot take an order after reconciliation found it absent.
   */
  RECONCILE_GRACE_MS: int(2_000, 3_600_000).default(30_000),
  /** How often the reconciliation sweep runs (and once at start-up). */
  RECONCILE_INTERVAL_MS: int(100, 600_000).default(10_000),
  /**
   * Orders of ours the venue works that the OMS does not hold open: canceled at the venue when
   * true, else only reported (logged, counted on /metrics).
   */
  RECONCILE_CANCEL_UNKNOWN: bool().default(false),
  /**
   * How far back (ms) the fill polls read at start-up. Real venue accounts' fills are always
   * polled (their feeds cannot replay from a cursor), from 10 minutes back when this is 0; set,
   * it also polls the sim-venue, whose stream replays and is otherwise not polled.
   */
  RECONCILE_POLL_FILLS_LOOKBACK_MS: int(0, 7 * 24 * 3_600_000).default(0),
  /**
   * The real venue accounts this OMS trades besides the sim-venue, as a JSON list (see the venue
   * adapter's README): `[{"venue":"binance-usdm","account":"main","symbols":{"BTC-PERP":
   * "BTCUSDT"}}]`. The config table's routes send instruments to them; their keys come from the
   * credential store, never from here.
   */
  VENUE_ACCOUNTS: json(VenueAccountsSettings, []),
  /** Read venue keys from Secrets Manager's `perp/<this>/venue-keys/…` first (production). */
  VENUE_SECRETS_ENVIRONMENT: str().optional(),
  /** The git-ignored venue keys file (local use), then `VENUE_KEYS_<VENUE>_<ACCOUNT>`. */
  VENUE_KEYS_FILE: str().default('.local/venue-keys.json'),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

/** Throws ConfigError naming every variable that is wrong, including combinations. */
export function loadOmsConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  const config = loadConfig(OMS_ENV, env);
  if (config.RECONCILE_GRACE_MS / 2 <= config.VENUE_TIMEOUT_MS)
    throw new ConfigError([
      `RECONCILE_GRACE_MS (${config.RECONCILE_GRACE_MS}) must be more than twice VENUE_TIMEOUT_MS (${config.VENUE_TIMEOUT_MS}): a re-sent place must be answered before reconciliation may find it absent`,
    ]);
  return config;
}

/** For main.ts: the config, or what is wrong on stderr and exit 78 (EX_CONFIG). */
export function readOmsConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return configOrExit(() => loadOmsConfig(env));
}

export type OmsConfig = ReturnType<typeof readOmsConfig>;
