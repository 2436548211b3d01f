// The platform under test: the local stack (`npm start`) launched on free ports with its own
// data folder and Redis key prefix, or a running stack named by BENCH_WS_URL.
import { join, resolve } from 'node:path';
import { WORKSPACE_ROOT, startLocalStack, tokenMinter } from '@perp/local-stack';

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

/** A running stack: BENCH_WS_URL, tokens signed with the key in BENCH_IDENTITY_DATA_DIR. */
export function runningPlatform(url: string): Platform {
  const pid = process.env['BENCH_GATEWAY_PID'];
  return {
    url,
    gatewayPid: pid ? Number(pid) : undefined,
    connectionsPerAccount: Number(process.env['BENCH_CONNECTIONS_PER_ACCOUNT'] ?? '10'),
    limitsRaised: false,
    mintToken: tokenMinter({
      identityDataDir: resolve(
        process.env['BENCH_IDENTITY_DATA_DIR'] ?? join(WORKSPACE_ROOT, '.local/identity'),
      ),
      identityPort: process.env['BENCH_IDENTITY_PORT'] ?? '9104',
    }),
    stop: () => Promise.resolve(),
  };
}

/** Starts the whole platform; `log` gets the stack's own lines (the apps log at warn). */
export async function startPlatform(
  log: (line: string) => void,
  dynamoDbStorage: 'disk' | 'memory',
  timeoutMs = 120_000,
): Promise<Platform> {
  const stack = await startLocalStack({
    env: OWN_STACK_GATEWAY_ENV,
    dynamoDbStorage,
    readyTimeoutMs: timeoutMs,
    onLine: (line) => {
      if (/\bstack\b|error|exited/i.test(line)) log(line);
    },
  });
  return {
    url: stack.wsUrl,
    gatewayPid: stack.pidOf('ws-gateway'),
    connectionsPerAccount: Number(OWN_STACK_GATEWAY_ENV.MAX_CONNECTIONS_PER_ACCOUNT),
    limitsRaised: true,
    mintToken: (accountId, roles) => stack.token(accountId, roles),
    stop: async () => {
      await stack.stop();
    },
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
