import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRedis, type RedisTestInstance } from '@perp/test-services';
import { ENTRY_POINTS } from './entry-points.ts';
import { startNodeProcess, type StartedProcess } from './node-process.ts';
import { freeStackPorts, type StackPorts } from './stack-ports.ts';
import { tokenMinter } from './token-minter.ts';

/** What `npm start` prints once every app is up (tools/stack/src/main.ts). */
export const STACK_READY_LINE = 'ready. Press Ctrl-C';

/** Where the stack keeps its Redis keys. */
export interface RedisPlace {
  readonly url: string;
  readonly keyPrefix: string;
}

export interface LocalStackOptions {
  /** Environment for the stack, over the ports and the places below (a test's overrides). */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: a free port for every variable. */
  readonly ports?: StackPorts;
  /** STACK_DATA_DIR. Default: a temporary folder of its own, removed by `stop()`. */
  readonly dataDir?: string;
  /** Default: the test Redis under a key prefix of its own, whose keys `stop()` deletes. */
  readonly redis?: RedisPlace;
  /** DynamoDB Local's tables in memory (the bench) or on disk (the default, as `npm start`). */
  readonly dynamoDbStorage?: 'disk' | 'memory';
  /**
   * Runs the stack's market maker, as `npm start` does. Default off: a test places against an
   * empty book unless it asks for the bot's.
   */
  readonly marketMaker?: boolean;
  /** Runs the notifier with its Telegram stand-in and web chat, as `npm start` does. Default off. */
  readonly notifier?: boolean;
  /** The apps' LOG_LEVEL (default warn: a test reads the stack's own lines, not the apps'). */
  readonly logLevel?: string;
  /** Each line the stack prints, as it comes. */
  readonly onLine?: (line: string) => void;
}

/** One `npm start` on its own ports, data folder and Redis key prefix. */
export interface LocalStack {
  readonly process: StartedProcess;
  readonly ports: StackPorts;
  readonly dataDir: string;
  readonly redis: RedisPlace;
  /** The gateway's `ws://127.0.0.1:<port>/v1/ws`. */
  readonly wsUrl: string;
  /** What the token CLI (and the trader CLI's `--account`) needs to mint for this stack. */
  readonly identityEnv: Readonly<Record<'IDENTITY_DATA_DIR' | 'IDENTITY_PORT', string>>;
  output(): string;
  /** Resolves once every app is up; throws with the stack's output if it exits first. */
  untilReady(timeoutMs?: number): Promise<void>;
  /** The pid the stack printed for an app (`OMS ready (pid N)`), once it is ready. */
  pidOf(app: 'OMS' | 'ws-gateway' | 'sim-venue' | 'market maker' | 'notifier'): number | undefined;
  /** `http://127.0.0.1:<port>` of a component, by its port variable. */
  httpUrl(port: keyof StackPorts): string;
  /** A token from the stack's issuer for `accountId` (roles comma-separated); cached. */
  token(accountId: string, roles?: string): Promise<string>;
  /** Ctrl-C (it stops every child), then its own Redis keys and data folder. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/** Starts the stack and returns at once (a test of a failing start reads its exit). */
export async function launchStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const ports = options.ports ?? (await freeStackPorts());
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'perp-stack-')));
  const ownRedis: RedisTestInstance | undefined =
    options.redis === undefined ? await connectRedis() : undefined;
  const redis: RedisPlace = options.redis ?? {
    url: ownRedis?.url ?? '',
    keyPrefix: ownRedis?.keyPrefix ?? '',
  };
  const process = startNodeProcess(ENTRY_POINTS.stack, {
    env: {
      ...ports,
      STACK_DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      LOG_LEVEL: options.logLevel ?? 'warn',
      STACK_MARKET_MAKER: String(options.marketMaker ?? false),
      STACK_NOTIFIER: String(options.notifier ?? false),
      ...(options.dynamoDbStorage ? { STACK_DYNAMODB_STORAGE: options.dynamoDbStorage } : {}),
      ...options.env,
    },
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  const identityEnv = {
    IDENTITY_DATA_DIR: join(dataDir, 'identity'),
    IDENTITY_PORT: options.env?.['IDENTITY_PORT'] ?? ports.IDENTITY_PORT,
  };
  const mint = tokenMinter({
    identityDataDir: identityEnv.IDENTITY_DATA_DIR,
    identityPort: identityEnv.IDENTITY_PORT,
  });
  const port = (variable: keyof StackPorts) => options.env?.[variable] ?? ports[variable];
  let stopped: Promise<number | string | null> | undefined;
  return {
    process,
    ports,
    dataDir,
    redis,
    wsUrl: `ws://127.0.0.1:${port('GATEWAY_PORT')}/v1/ws`,
    identityEnv,
    output: () => process.output(),
    untilReady: (timeoutMs = 90_000) => process.untilOutput(STACK_READY_LINE, timeoutMs),
    pidOf(app) {
      const pid = new RegExp(`${app} ready \\(pid (\\d+)\\)`).exec(process.output())?.[1];
      return pid === undefined ? undefined : Number(pid);
    },
    httpUrl: (variable) => `http://127.0.0.1:${port(variable)}`,
    token: mint,
    stop(signal = 'SIGINT') {
      stopped ??= (async () => {
        const exit = await process.stop(signal);
        await ownRedis?.dispose();
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
        return exit;
      })();
      return stopped;
    },
  };
}

/** Starts the stack and waits until it is ready; a stack that fails to start is stopped. */
export async function startLocalStack(
  options: LocalStackOptions & { readonly readyTimeoutMs?: number } = {},
): Promise<LocalStack> {
  const stack = await launchStack(options);
  try {
    await stack.untilReady(options.readyTimeoutMs);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
