import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { connectRedis, freePort, type RedisTestInstance } from '@perp/test-services';
import { RpcTestClient, until } from './rpc-client.ts';

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
/** `npm start`, run as a process: one app project cannot import another (tools/stack). */
const STACK_MAIN = 'tools/stack/src/main.ts';
const GATEWAY_MAIN = 'apps/ws-gateway/src/main.ts';
const TOKEN_CLI = 'tools/identity/src/token-cli.ts';
/** The audience the stack's issuer stamps and its gateway requires (tools/stack/src/apps.ts). */
const LOCAL_AUDIENCE = 'perp-local';

const PORT_VARIABLES = [
  'SQS_PORT',
  'DYNAMODB_PORT',
  'SIM_VENUE_PORT',
  'OMS_PORT',
  'IDENTITY_PORT',
  'GATEWAY_PORT',
  'PGLITE_PORT',
] as const;
type PortVariable = (typeof PORT_VARIABLES)[number];

/** A process started by a test, its output collected. */
export interface Started {
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM (or `signal`); resolves with the exit code or signal once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

function startNode(entry: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--conditions=@perp/source', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code, killedBy] = await exited;
      return code ?? killedBy;
    },
  };
}

async function untilOutput(started: Started, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null || started.child.signalCode !== null)
      throw new Error(`exited before "${text}":\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" in time:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The whole local platform as `npm start` runs it (SQS, DynamoDB Local, sim-venue, OMS, token
 * issuer, ws-gateway; Redis and PostgreSQL as found), on free ports with its own data folder and
 * Redis key prefix, so a developer's stack may run meanwhile. alice and bob hold 100000 USD.
 */
export class Platform {
  readonly stack: Started;
  readonly ports: Readonly<Record<PortVariable, string>>;
  readonly #dataDir: string;
  readonly #redis: RedisTestInstance;
  readonly #tokens = new Map<string, Promise<string>>();
  readonly #extra = new Set<Started>();

  private constructor(
    stack: Started,
    ports: Record<PortVariable, string>,
    dataDir: string,
    redis: RedisTestInstance,
  ) {
    this.stack = stack;
    this.ports = ports;
    this.#dataDir = dataDir;
    this.#redis = redis;
  }

  static async start(timeoutMs = 60_000): Promise<Platform> {
    const dataDir = await mkdtemp(join(tmpdir(), 'perp-e2e-'));
    const redis = await connectRedis();
    const free = new Set<number>();
    while (free.size < PORT_VARIABLES.length) free.add(await freePort());
    const ports = Object.fromEntries(
      PORT_VARIABLES.map((name, i) => [name, String([...free][i])]),
    ) as Record<PortVariable, string>;
    const stack = startNode(STACK_MAIN, {
      ...ports,
      STACK_DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      LOG_LEVEL: 'warn',
    });
    const platform = new Platform(stack, ports, dataDir, redis);
    try {
      await untilOutput(stack, 'ready. Press Ctrl-C', timeoutMs);
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.ports.GATEWAY_PORT}/v1/ws`;
  }

  /** A token from the stack's issuer, minted as a developer does (`npm run token`); cached. */
  token(accountId: string, roles = 'trader'): Promise<string> {
    const key = `${accountId}/${roles}`;
    let minted = this.#tokens.get(key);
    if (!minted) {
      minted = run(
        process.execPath,
        ['--conditions=@perp/source', TOKEN_CLI, '--account', accountId, '--roles', roles],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            IDENTITY_DATA_DIR: join(this.#dataDir, 'identity'),
            IDENTITY_PORT: this.ports.IDENTITY_PORT,
          },
        },
      ).then(({ stdout }) => stdout.trim());
      this.#tokens.set(key, minted);
    }
    return minted;
  }

  /** A socket to the stack's gateway (or `url`), authenticated as `accountId` unless null. */
  async connect(accountId: string | null, roles = 'trader', url = this.wsUrl) {
    return RpcTestClient.connect(
      url,
      accountId === null ? undefined : await this.token(accountId, roles),
    );
  }

  /** The sim-venue's mark for `symbol`, as the venue prints it. */
  async markPrice(symbol: string): Promise<string> {
    const response = await fetch(
      `http://127.0.0.1:${this.ports.SIM_VENUE_PORT}/v1/markets/${symbol}`,
    );
    const market = (await response.json()) as { markPrice: string };
    return market.markPrice;
  }

  /** A new account created and funded by an operator through the gateway, as in production. */
  async fundedAccount(accountId: string, amount = '100000'): Promise<void> {
    const operator = await this.connect('e2e-operator', 'operator');
    try {
      await operator.call('admin.account.create', { accountId });
      await operator.call('admin.deposit', { accountId, amount });
    } finally {
      await operator.close();
    }
    const trader = await this.connect(accountId);
    try {
      await until(`account ${accountId} funded`, async () => {
        const answer = await trader.request('account.get');
        const account = answer.result as { collateral?: string } | undefined;
        return account?.collateral === amount ? true : undefined;
      });
    } finally {
      await trader.close();
    }
  }

  /**
   * A second ws-gateway, its own process on its own port, configured as the stack configures its
   * own (tools/stack/src/apps.ts gatewayService): it can be stopped without stopping the stack.
   */
  async startGateway(env: Record<string, string> = {}): Promise<{ url: string; process: Started }> {
    const stackOutput = this.stack.output();
    const sqs = /SQS \(fauxqs\) on (\S+)/.exec(stackOutput)?.[1];
    const dynamodb = /DynamoDB Local on (\S+)/.exec(stackOutput)?.[1];
    if (!sqs || !dynamodb) throw new Error(`no SQS/DynamoDB endpoint in:\n${stackOutput}`);
    const port = String(await freePort());
    const identity = `http://127.0.0.1:${this.ports.IDENTITY_PORT}`;
    const gateway = startNode(GATEWAY_MAIN, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SQS_ENDPOINT: sqs,
      DYNAMODB_ENDPOINT: dynamodb,
      RESOURCE_PREFIX: '',
      REDIS_URL: this.#redis.url,
      REDIS_KEY_PREFIX: this.#redis.keyPrefix,
      SIM_VENUE_URL: `http://127.0.0.1:${this.ports.SIM_VENUE_PORT}`,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: port,
      AUTH_JWKS_URL: `${identity}/.well-known/jwks.json`,
      AUTH_ISSUER: identity,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      ...env,
    });
    this.#extra.add(gateway);
    await until(
      'the second gateway to be ready',
      async () => {
        if (gateway.child.exitCode !== null)
          throw new Error(`the gateway exited:\n${gateway.output()}`);
        const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
          (r) => r.ok,
          () => false,
        );
        return ready ? true : undefined;
      },
      30_000,
    );
    return { url: `ws://127.0.0.1:${port}/v1/ws`, process: gateway };
  }

  /** Ctrl-C to the stack (it stops every child), then the extra gateways, Redis keys and data. */
  async stop(): Promise<void> {
    await Promise.all([...this.#extra].map((started) => started.stop()));
    await this.stack.stop('SIGINT');
    await this.#redis.dispose();
    await rm(this.#dataDir, { recursive: true, force: true });
  }
}
