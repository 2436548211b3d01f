import { decimal, int, loadConfigOrExit, oneOf, port, str, url, type Config } from '@perp/config';
import { Decimal } from '@perp/decimal';
import { BACKING_SERVICES_ENV } from '@perp/resources';
import { z } from 'zod';

const HUNDRED = Decimal.fromInt(100);
const isPercent = (text: string) => {
  const value = Decimal.tryParse(text);
  return value !== undefined && value.isPositive() && value.lte(HUNDRED);
};
const PERCENT_MESSAGE = 'must be above 0 and at most 100';
const percent = () => decimal().refine(isPercent, PERCENT_MESSAGE);
const percentList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      for (const item of items)
        if (!isPercent(item))
          ctx.addIssue({ code: 'custom', message: `${item} ${PERCENT_MESSAGE}` });
      return items;
    });

/** The margin-call job's environment (Lambda, local scheduler and CLI alike), read once. */
export const MARGIN_CALL_ENV = {
  /** The OMS's tables and queue, Redis (lease, cool-downs, events stream). */
  ...BACKING_SERVICES_ENV,
  /** The venue whose marks value positions. */
  SIM_VENUE_URL: url(['http', 'https']),
  VENUE_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** The notifier's internal API and its bearer secret. */
  NOTIFIER_URL: url(['http', 'https']),
  NOTIFIER_API_TOKEN: str().min(16, 'must be at least 16 characters'),
  NOTIFIER_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** Utilisation at which an account is warned (Lumerin's name and default). */
  MARGIN_UTILIZATION_WARNING_PERCENT: percent().default('80'),
  /** Higher bands that warn again at once, inside the cool-down. 100 (the margin call) always is one. */
  MARGIN_CALL_REWARN_PERCENTS: percentList('90'),
  MARGIN_CALL_WARNING_COOLDOWN_MS: int(0, 7 * 86_400_000).default(3_600_000),
  /** Utilisation a margin call brings an account back under. */
  MARGIN_CALL_TARGET_PERCENT: percent().default('80'),
  /** A mark older than this is no mark: the account is skipped, never liquidated on a guess. */
  MARGIN_CALL_MARK_MAX_AGE_MS: int(1_000, 3_600_000).default(60_000),
  /** Shards of the held-positions index read at once. */
  MARGIN_CALL_SCAN_CONCURRENCY: int(1, 32).default(8),
  /** Accounts margin-called at once (each is a sequence of commands on its own message group). */
  MARGIN_CALL_ACCOUNT_CONCURRENCY: int(1, 64).default(8),
  /** How long a call waits for the OMS to finish a cancel-all or a reduce order. */
  MARGIN_CALL_ORDER_TIMEOUT_MS: int(1_000, 300_000).default(30_000),
  /** Rounds of reduce orders at most, each sized again after the last one's fills. */
  MARGIN_CALL_MAX_REDUCE_ROUNDS: int(1, 10).default(3),
  /** How long a run waits for another run's lease before it gives up. */
  MARGIN_CALL_LEASE_WAIT_MS: int(0, 900_000).default(120_000),
  MARGIN_CALL_LEASE_TTL_MS: int(1_000, 600_000).default(30_000),
  /** The local scheduler's two schedules (cron, UTC), as the Lambda's EventBridge rules. */
  MARGIN_CALL_WARN_CRON: str().default('*/15 * * * *'),
  MARGIN_CALL_EXECUTE_CRON: str().default('0 0 * * *'),
  /** The local scheduler's /health, /ready and /metrics. */
  MARGIN_CALL_HOST: str().default('127.0.0.1'),
  MARGIN_CALL_PORT: port().default(9110),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
};

export type MarginCallConfig = Config<typeof MARGIN_CALL_ENV>;

export function readMarginCallConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): MarginCallConfig {
  return loadConfigOrExit(MARGIN_CALL_ENV, env);
}
