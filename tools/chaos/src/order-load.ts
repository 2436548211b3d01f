// A steady order load through the gateway, as traders' programs send it: each order placed, then
// canceled, each request retried with the same clientOrderId while the answer says it is safe
// (10007, 10003, a dropped socket, no answer), as ws-api.md tells a client to. Every report that
// arrives on the `orders` channel is kept for the audit.
import { isOpenStatus, type OrderStatus } from '@perp/trading-domain';
import { ConnectionError, RpcError, TraderClient } from '@perp/trader-client';
import { sleep, type ChaosPlatform } from './chaos-platform.ts';

export interface LoadOptions {
  readonly accounts: readonly string[];
  /** Orders placed per second across the accounts (each also canceled: two requests). */
  readonly ordersPerSecond: number;
  /** Distinguishes this load's clientOrderIds from every other run's. */
  readonly runId: string;
  /** How long one request is retried before the order counts as given up (never acked). */
  readonly giveUpAfterMs?: number;
}

/** One execution report as the audit needs it. */
export interface SeenReport {
  readonly seq: number;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly status: OrderStatus;
  readonly execType: string;
  readonly filledQuantity: string;
}

export interface PlacedOrder {
  readonly accountId: string;
  readonly clientOrderId: string;
  /** order.place answered `submitted` (the trader was told it is queued). */
  acked: boolean;
  cancelAcked: boolean;
  attempts: number;
}

export interface LoadResult {
  readonly orders: readonly PlacedOrder[];
  /** Per account, every report in the order it arrived. */
  readonly reports: ReadonlyMap<string, readonly SeenReport[]>;
  /** How often each error code (or `connection`) answered a request: the faults' fingerprints. */
  readonly answers: ReadonlyMap<string, number>;
}

const SYMBOL = 'BTC-PERP';
// Rests: below the still index (60000) by less than any price band, on the tick and the lot.
const PRICE = '59000';
const QUANTITY = '0.001';

export class OrderLoad {
  readonly #options: LoadOptions;
  readonly #clients = new Map<string, TraderClient>();
  readonly #orders: PlacedOrder[] = [];
  readonly #reports = new Map<string, SeenReport[]>();
  readonly #answers = new Map<string, number>();
  readonly #flows = new Set<Promise<void>>();
  #running = true;
  #ticker: Promise<void> | undefined;

  private constructor(options: LoadOptions) {
    this.#options = options;
  }

  static async start(platform: ChaosPlatform, options: LoadOptions): Promise<OrderLoad> {
    const load = new OrderLoad(options);
    for (const accountId of options.accounts) {
      const client = await TraderClient.connect({
        url: platform.wsUrl,
        token: () => platform.token(accountId),
        reconnect: { initialMs: 100, maxMs: 1_000 },
        requestTimeoutMs: 5_000,
      });
      const seen: SeenReport[] = [];
      load.#reports.set(accountId, seen);
      client.onChannel('orders', (data) => {
        const report = data as Partial<SeenReport> & { snapshot?: boolean };
        if (report.snapshot || typeof report.seq !== 'number') return;
        seen.push(report as SeenReport);
      });
      await client.subscribe(['orders']);
      load.#clients.set(accountId, client);
    }
    load.#ticker = load.#tick();
    return load;
  }

  async #tick(): Promise<void> {
    const interval = 1_000 / this.#options.ordersPerSecond;
    const accounts = this.#options.accounts;
    let next = Date.now();
    for (let n = 0; this.#running; n += 1) {
      const accountId = accounts[n % accounts.length] ?? '';
      const order: PlacedOrder = {
        accountId,
        clientOrderId: `${this.#options.runId}-${n}`,
        acked: false,
        cancelAcked: false,
        attempts: 0,
      };
      this.#orders.push(order);
      const flow = this.#placeThenCancel(order).finally(() => this.#flows.delete(flow));
      this.#flows.add(flow);
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  async #placeThenCancel(order: PlacedOrder): Promise<void> {
    const client = this.#clients.get(order.accountId);
    if (!client) return;
    const base = { clientOrderId: order.clientOrderId, symbol: SYMBOL };
    order.acked = await this.#retrying(order, () =>
      client.call('order.place', {
        ...base,
        side: 'buy',
        type: 'limit',
        price: PRICE,
        quantity: QUANTITY,
      }),
    );
    if (!order.acked) return;
    await sleep(200);
    // 10005 while the place is still queued: the cancel waits for the order to exist.
    order.cancelAcked = await this.#retrying(
      order,
      () => client.call('order.cancel', base),
      [10005],
    );
  }

  /** True once the call succeeds; false when it was refused for good or retried past the limit. */
  async #retrying(
    order: PlacedOrder,
    call: () => Promise<unknown>,
    alsoRetry: number[] = [],
  ): Promise<boolean> {
    const deadline = Date.now() + (this.#options.giveUpAfterMs ?? 60_000);
    for (let attempt = 0; ; attempt += 1) {
      order.attempts += 1;
      try {
        await call();
        return true;
      } catch (error) {
        const retry = this.#classify(error, alsoRetry);
        if (retry === undefined || Date.now() > deadline) return false;
        // Full jitter over a doubling ceiling, as a well-behaved client backs off (ws-api.md).
        const ceiling = Math.min(2_000, retry * 2 ** attempt);
        await sleep(Math.max(retry, Math.random() * ceiling));
      }
    }
  }

  /** The wait before trying again, or undefined when the answer is final. */
  #classify(error: unknown, alsoRetry: readonly number[]): number | undefined {
    if (error instanceof RpcError) {
      this.#count(String(error.code));
      if (error.code === 10003) {
        const after = (error.data as { retryAfterMs?: number } | undefined)?.retryAfterMs;
        return typeof after === 'number' ? after : 100;
      }
      return error.retryable || alsoRetry.includes(error.code) ? 200 : undefined;
    }
    if (error instanceof ConnectionError) {
      this.#count('connection');
      return 200;
    }
    this.#count(error instanceof Error ? error.name : 'unknown');
    return 200;
  }

  #count(answer: string): void {
    this.#answers.set(answer, (this.#answers.get(answer) ?? 0) + 1);
  }

  /** Stops placing, lets every order in progress finish its requests, closes the clients. */
  async stop(): Promise<LoadResult> {
    this.#running = false;
    await this.#ticker;
    await Promise.all([...this.#flows]);
    return { orders: this.#orders, reports: this.#reports, answers: this.#answers };
  }

  /** Closes the traders' sockets (after the audit has read what they were sent). */
  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((client) => client.close()));
  }

  /** Whether every acked order's last report is terminal (nothing left to arrive). */
  settled(): boolean {
    return this.#orders
      .filter((order) => order.acked)
      .every((order) => {
        const last = (this.#reports.get(order.accountId) ?? []).findLast(
          (report) => report.clientOrderId === order.clientOrderId,
        );
        return last !== undefined && !isOpenStatus(last.status);
      });
  }
}
