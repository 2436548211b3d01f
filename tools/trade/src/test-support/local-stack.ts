import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectRedis, freePort, type RedisTestInstance } from '@perp/test-services';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
/** `npm start`, run as a process: an app cannot import another app (tools/stack). */
const STACK_MAIN = join(REPO_ROOT, 'tools/stack/src/main.ts');
const TRADE_MAIN = join(REPO_ROOT, 'tools/trade/src/main.ts');

const PORT_VARIABLES = [
  'SQS_PORT',
  'DYNAMODB_PORT',
  'SIM_VENUE_PORT',
  'OMS_PORT',
  'IDENTITY_PORT',
  'GATEWAY_PORT',
  'PGLITE_PORT',
] as const;

/**
 * The whole local platform (real SQS, DynamoDB Local, sim-venue, OMS, token issuer, gateway,
 * Redis) with its own data folder, ports and Redis key prefix, so a developer's `npm start` may
 * run meanwhile. The demo accounts alice and bob are funded.
 */
export interface LocalStack {
  /** The gateway's `ws://127.0.0.1:<port>/v1/ws`. */
  readonly url: string;
  /** What the trade CLI needs to mint tokens this stack's gateway trusts. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startLocalStack(timeoutMs = 50_000): Promise<LocalStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trade-cli-stack-'));
  const redis: RedisTestInstance = await connectRedis();
  const ports = new Set<number>();
  while (ports.size < PORT_VARIABLES.length) ports.add(await freePort());
  const portEnv = Object.fromEntries(
    PORT_VARIABLES.map((name, i) => [name, String([...ports][i])]),
  );
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--conditions=@perp/source', STACK_MAIN],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...portEnv,
        STACK_DATA_DIR: dataDir,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    }
    await redis.dispose();
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes('ready. Press Ctrl-C')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the local stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${portEnv['GATEWAY_PORT']}/v1/ws`,
    env: {
      IDENTITY_DATA_DIR: join(dataDir, 'identity'),
      IDENTITY_PORT: portEnv['IDENTITY_PORT'] ?? '',
    },
    stop,
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as a user runs it (`npm run -s trade -- …`), with `env` over a clean environment. */
export async function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const { PERP_TOKEN: _token, PERP_WS_URL: _url, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--conditions=@perp/source', TRADE_MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** The CLI started and left running (watch); output collected as it comes. */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): { readonly child: ChildProcessWithoutNullStreams; output(): string } {
  const { PERP_TOKEN: _token, PERP_WS_URL: _url, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--conditions=@perp/source', TRADE_MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, output: () => stdout };
}
