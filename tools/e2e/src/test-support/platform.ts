import {
  startExtraGateway,
  startLocalStack,
  type LocalStack,
  type StartedProcess,
} from '@perp/local-stack';
import { waitFor } from '@perp/test-services';
import type { JsonRpcErrorObject } from '@perp/contracts';
import { RpcSocket } from '@perp/trader-client';

/** How long a test waits for anything the platform does asynchronously (queue, OMS, venue). */
export const WAIT_MS = 15_000;

/** The audience the stack's issuer stamps and its gateway requires (tools/stack/src/apps.ts). */

/** `waitFor` with the suite's patience. */
export function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  return waitFor(probe, { what, timeoutMs, intervalMs: 50 });
}

/** The error of a request that must fail; a result fails the test. */
export async function errorOf(
  socket: RpcSocket,
  method: string,
  params?: unknown,
): Promise<JsonRpcErrorObject> {
  const answer = await socket.request(method, params);
  if (!answer.error)
    throw new Error(`${method} answered ${JSON.stringify(answer.result)}, not an error`);
  return answer.error;
}

/**
 * The whole local platform as `npm start` runs it (SQS, DynamoDB Local, sim-venue, OMS, token
 * issuer, ws-gateway; Redis and PostgreSQL as found), on free ports with its own data folder and
 * Redis key prefix, so a developer's stack may run meanwhile. alice and bob hold 100000 USD.
 */
export class Platform {
  readonly stack: LocalStack;
  readonly #extra = new Set<StartedProcess>();

  private constructor(stack: LocalStack) {
    this.stack = stack;
  }

  /** `notifier`: with the notifier, its Telegram stand-in (on the stack's port) and web chat. */
  static async start(
    timeoutMs = 60_000,
    options: { readonly notifier?: { readonly databaseUrl: string } } = {},
  ): Promise<Platform> {
    return new Platform(
      await startLocalStack({
        readyTimeoutMs: timeoutMs,
        ...(options.notifier
          ? { notifier: true, env: { DATABASE_URL: options.notifier.databaseUrl } }
          : {}),
      }),
    );
  }

  get wsUrl(): string {
    return this.stack.wsUrl;
  }

  /** A token from the stack's issuer, minted as a developer does (`npm run token`); cached. */
  token(accountId: string, roles = 'trader'): Promise<string> {
    return this.stack.token(accountId, roles);
  }

  /**
   * A socket to the stack's gateway (or `url`), authenticated as `accountId` unless null, that
   * keeps every frame so a test can look back at what arrived.
   */
  async connect(accountId: string | null, roles = 'trader', url = this.wsUrl): Promise<RpcSocket> {
    return RpcSocket.open(url, {
      recordFrames: true,
      requestTimeoutMs: WAIT_MS,
      ...(accountId === null ? {} : { token: await this.token(accountId, roles) }),
    });
  }

  /** The sim-venue's mark for `symbol`, as the venue prints it. */
  async markPrice(symbol: string): Promise<string> {
    const response = await fetch(`${this.stack.httpUrl('SIM_VENUE_PORT')}/v1/markets/${symbol}`);
    const market = (await response.json()) as { markPrice: string };
    return market.markPrice;
  }

  /** A new account created and funded by an operator through the gateway, as in production. */
  async fundedAccount(accountId: string, amount = '100000'): Promise<void> {
    const operator = await this.connect('e2e-operator', 'operator');
    try {
      await operator.result('admin.account.create', { accountId });
      await operator.result('admin.deposit', { accountId, amount });
    } finally {
      await operator.close();
    }
    const trader = await this.connect(accountId);
    try {
      await eventually(`account ${accountId} funded`, async () => {
        const answer = await trader.request('account.get');
        const account = answer.result as { collateral?: string } | undefined;
        return account?.collateral === amount ? true : undefined;
      });
    } finally {
      await trader.close();
    }
  }

  /** A second ws-gateway on its own port: it can be stopped without stopping the stack. */
  async startGateway(
    env: Record<string, string> = {},
  ): Promise<{ url: string; process: StartedProcess }> {
    const gateway = await startExtraGateway(this.stack, { env });
    this.#extra.add(gateway.process);
    return gateway;
  }

  /** The extra gateways, then Ctrl-C to the stack (it stops every child), its Redis keys and data. */
  async stop(): Promise<void> {
    await Promise.all([...this.#extra].map((started) => started.stop()));
    await this.stack.stop();
  }
}
