// The platform under test: the local stack (`npm start`) launched as a child process on free
// ports with its own data folder and Redis key prefix, or a running stack named by BENCH_WS_URL.
import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@perp/test-services';

const run = promisify(execFile);
export const workspaceRoot = resolve(import.meta.dirname, '../../..');
const STACK_MAIN = join(workspaceRoot, 'tools/stack/src/main.ts');
const TOKEN_CLI = join(workspaceRoot, 'tools/identity/src/token-cli.ts');

const PORT_VARIABLES = [
  'SQS_PORT',
  'DYNAMODB_PORT',
  'SIM_VENUE_PORT',
  'OMS_PORT',
  'IDENTITY_PORT',
  'GATEWAY_PORT',
  'PGLITE_PORT',
] as const;

export interface Platform {
  /** The gateway's `ws://…/v1/ws`. */
  readonly url: string;
  /** The gateway process, for its RSS; undefined when not known (a running stack without BENCH_GATEWAY_PID). */
  readonly gatewayPid: number | undefined;
  /** How many sockets one account may hold at the gateway. */
  readonly connectionsPerAccount: number;
  /** Whether the bench raised the gateway's rate limits (its own stack only). */
  readonly limitsRaised: boolean;
  mintToken(accountId: string, roles?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Gateway settings for the bench's own stack: the load, not the default per-account policy, is measured. */
export const OWN_STACK_GATEWAY_ENV = {
  RATE_LIMIT_ACCOUNT_ORDERS_PER_SECOND: '10000',
  RATE_LIMIT_ACCOUNT_ORDERS_BURST: '10000',
  RATE_LIMIT_CONNECTION_PER_SECOND: '10000',
  RATE_LIMIT_CONNECTION_BURST: '10000',
  MAX_CONNECTIONS_PER_ACCOUNT: '500',
} as const;

function tokenMinter(identityDataDir: string, identityPort: string) {
  return async (accountId: string, roles = 'trader'): Promise<string> => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@perp/source', TOKEN_CLI, '--account', accountId, '--roles', roles],
      {
        cwd: workspaceRoot,
        env: { ...process.env, IDENTITY_DATA_DIR: identityDataDir, IDENTITY_PORT: identityPort },
      },
    );
    return stdout.trim();
  };
}

/** A running stack: BENCH_WS_URL, tokens signed with the key in BENCH_IDENTITY_DATA_DIR. */
export function runningPlatform(url: string): Platform {
  const pid = process.env['BENCH_GATEWAY_PID'];
  return {
    url,
    gatewayPid: pid ? Number(pid) : undefined,
    connectionsPerAccount: Number(process.env['BENCH_CONNECTIONS_PER_ACCOUNT'] ?? '10'),
    limitsRaised: false,
    mintToken: tokenMinter(
      resolve(process.env['BENCH_IDENTITY_DATA_DIR'] ?? join(workspaceRoot, '.local/identity')),
      process.env['BENCH_IDENTITY_PORT'] ?? '9104',
    ),
    stop: () => Promise.resolve(),
  };
}

/** Starts the whole platform; `log` gets the stack's own lines (the apps log at warn). */
export async function startPlatform(
  log: (line: string) => void,
  dynamoDbStorage: 'disk' | 'memory',
  timeoutMs = 120_000,
): Promise<Platform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'perp-bench-'));
  const ports = new Set<number>();
  while (ports.size < PORT_VARIABLES.length) ports.add(await freePort());
  const portEnv = Object.fromEntries(
    PORT_VARIABLES.map((name, i) => [name, String([...ports][i])]),
  );
  const keyPrefix = `bench:${process.pid}-${Date.now().toString(36)}:`;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--conditions=@perp/source', STACK_MAIN],
    {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        ...portEnv,
        ...OWN_STACK_GATEWAY_ENV,
        STACK_DATA_DIR: dataDir,
        STACK_DYNAMODB_STORAGE: dynamoDbStorage,
        REDIS_KEY_PREFIX: keyPrefix,
        LOG_LEVEL: 'warn',
      },
    },
  );
  let output = '';
  let pending = '';
  const onChunk = (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (/\bstack\b|error|exited/i.test(line)) log(line);
  };
  child.stdout.on('data', onChunk);
  child.stderr.on('data', onChunk);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes('ready. Press Ctrl-C')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the stack did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = /ws-gateway ready \(pid (\d+)\)/.exec(output)?.[1];
  return {
    url: `ws://127.0.0.1:${portEnv['GATEWAY_PORT']}/v1/ws`,
    gatewayPid: pid ? Number(pid) : undefined,
    connectionsPerAccount: Number(OWN_STACK_GATEWAY_ENV.MAX_CONNECTIONS_PER_ACCOUNT),
    limitsRaised: true,
    mintToken: tokenMinter(join(dataDir, 'identity'), portEnv['IDENTITY_PORT'] ?? ''),
    stop,
  };
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
