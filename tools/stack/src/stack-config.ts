import { resolve } from 'node:path';
import { bool, int, loadConfigOrExit, oneOf, port, str, url } from '@perp/config';

export const workspaceRoot = resolve(import.meta.dirname, '../../..');

/** Everything the local stack listens on, overridable by environment variables. */
export function readStackConfig() {
  return loadConfigOrExit({
    STACK_DATA_DIR: str().default(resolve(workspaceRoot, '.local')),
    /**
     * `memory` keeps DynamoDB Local's tables in memory (lost when the stack stops): about twice
     * the transactions per second of its SQLite files, for throwaway stacks such as the bench's.
     */
    STACK_DYNAMODB_STORAGE: oneOf(['disk', 'memory'] as const).default('disk'),
    STACK_HOST: str().default('127.0.0.1'),
    SQS_PORT: port().default(9324),
    DYNAMODB_PORT: port().default(8000),
    // Not 0 (any free port): the OMS is told the sim-venue's URL, and the stack prints both.
    SIM_VENUE_PORT: int(1, 65_535).default(9100),
    OMS_PORT: int(1, 65_535).default(9102),
    /** The local token issuer (its JWKS is what the gateway trusts). */
    IDENTITY_PORT: int(1, 65_535).default(9104),
    GATEWAY_PORT: int(1, 65_535).default(8080),
    /** The market maker's ops port (/health, /metrics, POST /halt, /resume). */
    MARKET_MAKER_PORT: int(1, 65_535).default(9106),
    /** `false`: no market maker, an empty book (the tests that place against nothing else). */
    STACK_MARKET_MAKER: bool().default(true),
    /** The notifier's internal API and ops port; `STACK_NOTIFIER=false` runs none. */
    NOTIFIER_PORT: int(1, 65_535).default(9107),
    STACK_NOTIFIER: bool().default(true),
    /**
     * A real bot's token (from @BotFather): the notifier talks to TELEGRAM_API_ROOT (Telegram's by
     * default). Without it the stack runs a local Bot API stand-in and the web chat page.
     */
    TELEGRAM_BOT_TOKEN: str().optional(),
    TELEGRAM_API_ROOT: url(['http', 'https']).optional(),
    /** The page where a person talks to the bot through the stand-in. */
    WEB_CHAT_PORT: int(1, 65_535).default(9108),
    TELEGRAM_STAND_IN_PORT: int(1, 65_535).default(9109),
    /** The margin-call scheduler's ops port; it runs with the notifier, which it warns through. */
    MARGIN_CALL_PORT: int(1, 65_535).default(9110),
    /** The scheduler's two schedules (cron, UTC), as the Lambda's EventBridge rules. */
    MARGIN_CALL_WARN_CRON: str().default('*/15 * * * *'),
    MARGIN_CALL_EXECUTE_CRON: str().default('0 0 * * *'),
    REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    /** Prepended to every Redis key the apps use, so a test's stack never meets the dev stack's. */
    REDIS_KEY_PREFIX: str().default('perp:'),
    DATABASE_URL: url(['postgres', 'postgresql']).default(
      'postgres://postgres@127.0.0.1:5432/postgres',
    ),
    PGLITE_PORT: port().default(5433),
    AWS_REGION: str().default('us-east-1'),
    RESOURCE_PREFIX: str().optional(),
  });
}

export type StackConfig = ReturnType<typeof readStackConfig>;
