import { join } from 'node:path';
import { startNodeService, type NodeService } from '@perp/test-services';
import { TEST_API_TOKEN, TEST_BOT_TOKEN } from './harness.ts';

export const NOTIFIER_MAIN = join(import.meta.dirname, '..', 'main.ts');
export const NOTIFIER_MIGRATE = join(import.meta.dirname, '..', 'migrate.ts');

export interface NotifierProcessOptions {
  readonly apiRoot: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly keyPrefix: string;
  readonly port?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/** The notifier as production runs it: `node apps/notifier/src/main.ts`. */
export function startNotifierProcess(options: NotifierProcessOptions): Promise<NodeService> {
  return startNodeService({
    name: 'notifier',
    entry: NOTIFIER_MAIN,
    portVariable: 'NOTIFIER_PORT',
    ...(options.port === undefined ? {} : { port: options.port }),
    env: {
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_API_ROOT: options.apiRoot,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.keyPrefix,
      NOTIFIER_API_TOKEN: TEST_API_TOKEN,
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      // Read by /status and the rest only, which these tests do not ask.
      SIM_VENUE_URL: 'http://127.0.0.1:1',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      ...options.env,
    },
  });
}
