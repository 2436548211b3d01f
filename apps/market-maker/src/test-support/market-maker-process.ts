import {
  ENTRY_POINTS,
  startNodeProcess,
  type LocalStack,
  type StartedProcess,
} from '@perp/local-stack';
import { MARKET_MAKER_STACK_SETTINGS } from '@perp/demo-seed';
import { freePort, waitFor } from '@perp/test-services';

export interface MarketMakerProcess {
  readonly process: StartedProcess;
  readonly opsUrl: string;
  health(): Promise<MarketMakerHealth>;
  /** One metric's value (summed over its labels), from /metrics. */
  metric(name: string, labels?: Readonly<Record<string, string>>): Promise<number>;
  /** Resolves once /health says `role`. */
  untilRole(role: 'active' | 'standby', timeoutMs?: number): Promise<MarketMakerHealth>;
}

export interface MarketMakerHealth {
  readonly role: 'active' | 'standby';
  readonly state: string;
  readonly halted: boolean;
  readonly symbols: readonly {
    readonly symbol: string;
    readonly quoting: boolean;
    readonly withheld: string | null;
    readonly reference: string | null;
    readonly position: string;
    readonly reservation: string | null;
    readonly restingOrders: number;
  }[];
  readonly halt: { readonly reason: string; readonly detail?: string } | null;
}

/** A market maker as its own process against a test's local stack, on the account `mm`. */
export async function startMarketMaker(
  stack: LocalStack,
  env: Readonly<Record<string, string>> = {},
): Promise<MarketMakerProcess> {
  const port = await freePort();
  const opsUrl = `http://127.0.0.1:${port}`;
  const process = startNodeProcess(ENTRY_POINTS.marketMaker, {
    env: {
      MARKET_MAKER_GATEWAY_URL: stack.wsUrl,
      MARKET_MAKER_TOKEN: await stack.token('mm'),
      REDIS_URL: stack.redis.url,
      REDIS_KEY_PREFIX: stack.redis.keyPrefix,
      MARKET_MAKER_PORT: String(port),
      ...MARKET_MAKER_STACK_SETTINGS,
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  const health = async () => (await (await fetch(`${opsUrl}/health`)).json()) as MarketMakerHealth;
  await waitFor(() => health().catch(() => undefined), { timeoutMs: 20_000, intervalMs: 100 });
  return {
    process,
    opsUrl,
    health,
    async metric(name, labels = {}) {
      const text = await (await fetch(`${opsUrl}/metrics`)).text();
      let sum = 0;
      for (const line of text.split('\n')) {
        const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
        if (!match) continue;
        if (
          Object.entries(labels).some(
            ([key, value]) => !(match[1] ?? '').includes(`${key}="${value}"`),
          )
        )
          continue;
        sum += Number(match[2]);
      }
      return sum;
    },
    untilRole: (role, timeoutMs = 20_000) =>
      waitFor(
        async () => {
          const current = await health().catch(() => undefined);
          return current?.role === role && current.state !== 'starting' ? current : undefined;
        },
        { timeoutMs, intervalMs: 100 },
      ),
  };
}
