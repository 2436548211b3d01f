import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ENTRY_POINTS, nodeArgs, WORKSPACE_ROOT } from '@perp/local-stack';
import { DEFAULT_STAND_IN_TOKEN, startTelegramStandIn, startWebChat } from '@perp/test-services';
import { APP_HOST } from './apps.ts';
import { PrerequisiteError } from './prerequisites.ts';
import type { StackConfig } from './stack-config.ts';

const TELEGRAM_API = 'https://api.telegram.org';

export interface TelegramSide {
  readonly apiRoot: string;
  readonly botToken: string;
  /** For the banner: where a person talks to the bot. */
  readonly description: string;
  stop(): Promise<void>;
}

/**
 * Where the notifier's bot talks. TELEGRAM_API_ROOT set: there (no stand-in). A token only:
 * Telegram itself. Neither: the Bot API stand-in on 127.0.0.1 and the web chat page beside it.
 */
export async function startTelegramSide(config: StackConfig): Promise<TelegramSide> {
  if (config.TELEGRAM_API_ROOT !== undefined || config.TELEGRAM_BOT_TOKEN !== undefined) {
    const apiRoot = config.TELEGRAM_API_ROOT ?? TELEGRAM_API;
    return {
      apiRoot,
      botToken: config.TELEGRAM_BOT_TOKEN ?? DEFAULT_STAND_IN_TOKEN,
      description: `Bot API at ${apiRoot} (TELEGRAM_API_ROOT${config.TELEGRAM_API_ROOT ? '' : ' unset: Telegram'})`,
      // Nothing of ours runs: the Bot API is someone else's.
      stop: () => Promise.resolve(),
    };
  }
  const standIn = await startTelegramStandIn({
    host: APP_HOST,
    port: config.TELEGRAM_STAND_IN_PORT,
  });
  const webChat = await startWebChat({ standIn, host: APP_HOST, port: config.WEB_CHAT_PORT }).catch(
    async (error: unknown) => {
      await standIn.stop();
      throw error;
    },
  );
  return {
    apiRoot: standIn.apiRoot,
    botToken: standIn.token,
    description:
      `web chat ${webChat.url} (talk to @${standIn.botUsername}; link with ` +
      '`npm run -s trade -- telegram-link --account alice`), Bot API stand-in ' +
      `${standIn.apiRoot}`,
    async stop() {
      await webChat.stop();
      await standIn.stop();
    },
  };
}

const run = promisify(execFile);

/** `npm run notifier:migrate` against the stack's PostgreSQL; resolves with what it printed. */
export async function migrateNotifier(databaseUrl: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, nodeArgs(ENTRY_POINTS.notifierMigrate), {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PrerequisiteError(`the notifier's migration failed: ${stderr || String(error)}`);
  }
}
