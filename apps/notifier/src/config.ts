import { int, loadConfigOrExit, oneOf, port, str, url, type Config } from '@perp/config';
import { BACKING_SERVICES_ENV } from '@perp/resources';

/** The notifier's environment, read once; a wrong value stops start-up naming the variable. */
export const NOTIFIER_ENV = {
  /** DynamoDB (the OMS's tables, read for /status and the rest), Redis (the events stream). */
  ...BACKING_SERVICES_ENV,
  /** The venue whose marks value positions and margin, as the gateway values them. */
  SIM_VENUE_URL: url(['http', 'https']),
  VENUE_TIMEOUT_MS: int(100, 60_000).default(2_000),
  /** The bot's token from @BotFather. A secret: never logged (logs scrub it from URLs too). */
  TELEGRAM_BOT_TOKEN: str().regex(/^\d+:[A-Za-z0-9_-]+$/, 'must be a bot token (digits:secret)'),
  /** Telegram's Bot API, or a local stand-in that speaks it. */
  TELEGRAM_API_ROOT: url(['http', 'https']).default('https://api.telegram.org'),
  /** PostgreSQL; the schema comes from `npm run -s notifier:migrate`, never from the service. */
  DATABASE_URL: url(['postgres', 'postgresql']),
  /** The consumer group on the OMS's events stream, and this instance's name in it. */
  NOTIFIER_EVENTS_GROUP: str().default('notifier'),
  NOTIFIER_CONSUMER_NAME: str().default('notifier'),
  /** The internal API's bearer secret (Secrets Manager in AWS). At least 16 characters. */
  NOTIFIER_API_TOKEN: str().min(16, 'must be at least 16 characters'),
  /** The singleton's lease: one replica polls, consumes and sends; a standby takes over after the TTL. */
  NOTIFIER_LEASE_NAME: str().default('notifier'),
  NOTIFIER_LEASE_TTL_MS: int(1_000, 120_000).default(10_000),
  NOTIFIER_LEASE_INTERVAL_MS: int(100, 60_000).default(2_000),
  /** This replica's name in the lease; defaults to host and pid. */
  NOTIFIER_REPLICA_ID: str().optional(),
  NOTIFIER_HOST: str().default('127.0.0.1'),
  /** Internal API and /health, /ready, /metrics. */
  NOTIFIER_PORT: port().default(9107),
  /** Telegram's limits: about 30 messages a second overall and one a second per chat. */
  NOTIFIER_MESSAGES_PER_SECOND: int(1, 1_000).default(30),
  NOTIFIER_CHAT_INTERVAL_MS: int(0, 60_000).default(1_000),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export type NotifierConfig = Config<typeof NOTIFIER_ENV>;

export function readNotifierConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): NotifierConfig {
  return loadConfigOrExit(NOTIFIER_ENV, env);
}
