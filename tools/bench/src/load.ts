// Order load through the gateway: funded accounts, one socket each subscribed to `orders`,
// resting limit orders sent on a fixed schedule (open loop) and cancelled once accepted.
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { RpcErrorCode, type ExecutionReport } from '@perp/contracts';
import { waitUntil } from '@perp/test-services';
import { RpcError, TraderClient } from '@perp/trader-client';
import { mapLimit, type Platform } from './platform.ts';

export const SYMBOL = 'BTC-PERP';
const DEPOSIT = '1000000';

export interface Trader {
  readonly accountId: string;
  readonly token: string;
  readonly client: TraderClient;
}

/** One socket of the load: no reconnect (a dropped socket is a finding, not something to hide). */
function connect(url: string, token: string): Promise<TraderClient> {
  return TraderClient.connect({ url, token, reconnect: false, perMessageDeflate: false });
}

/** The error's code for the tally: the API's, or -1 for a transport failure. */
const codeOf = (error: unknown) => (error instanceof RpcError ? error.code : -1);

/** Creates and funds `count` accounts as an operator, then connects one socket per account. */
export async function prepareTraders(
  platform: Platform,
  count: number,
  runId: string,
  log: (line: string) => void,
): Promise<Trader[]> {
  const operator = await connect(
    platform.url,
    await platform.mintToken(`bench-operator-${runId}`, 'operator'),
  );
  const accountIds = Array.from({ length: count }, (_, i) => `bench-${runId}-${i}`);
  const tokens = await mapLimit(accountIds, 4, (id) => platform.mintToken(id));
  for (const accountId of accountIds) {
    await operator.call('admin.account.create', { accountId });
    await operator.call('admin.deposit', { accountId, amount: DEPOSIT });
  }
  await operator.close();
  log(`created and funded ${count} accounts (${DEPOSIT} USD each)`);

  const traders = await Promise.all(
    accountIds.map(async (accountId, i) => {
      const token = tokens[i] ?? '';
      return { accountId, token, client: await connect(platform.url, token) };
    }),
  );
  // Queued through the OMS: wait until every deposit is booked.
  const funded = async (trader: Trader) => {
    const account = await trader.client.call('account.get').catch((error: unknown) => {
      if (error instanceof RpcError && error.code === RpcErrorCode.Forbidden) return undefined;
      throw error;
    });
    return account !== undefined && Number(account.collateral) >= Number(DEPOSIT);
  };
  for (const trader of traders)
    await waitUntil(() => funded(trader), { timeoutMs: 60_000, intervalMs: 200 }).catch(
      (error: unknown) => {
        throw new Error(`${trader.accountId} was not funded in 60 s`, { cause: error });
      },
    );
  await Promise.all(traders.map((t) => t.client.subscribe(['orders'])));
  return traders;
}

interface OrderState {
  readonly intended: number;
  readonly phase: PhaseStats;
  readonly trader: Trader;
}

export interface PhaseStats {
  readonly label: string;
  readonly rate: number;
  readonly seconds: number;
  readonly cancel: boolean;
  windowStart: number;
  windowEnd: number;
  sent: number;
  placeAcks: number;
  placeAcksInWindow: number;
  accepted: number;
  acceptedInWindow: number;
  /** Denied, rejected or expired instead of accepted. */
  refused: number;
  cancelAcks: number;
  canceled: number;
  canceledInWindow: number;
  reportsInWindow: number;
  readonly errors: Map<string, number>;
  readonly reasons: Map<string, number>;
  /** Microseconds from the intended send time to the `accepted` report. */
  readonly latency: hdr.Histogram;
  /** Milliseconds after the window until every order was answered (or the drain gave up). */
  drainMs: number;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export class OrderLoad {
  readonly #traders: readonly Trader[];
  readonly #orders = new Map<string, OrderState>();
  #nextOrder = 0;

  constructor(traders: readonly Trader[]) {
    this.#traders = traders;
    for (const trader of traders)
      trader.client.onChannel('orders', (data) => {
        if (!('orders' in data)) this.#report(trader, data);
      });
  }

  #inWindow(stats: PhaseStats, now: number): boolean {
    return now >= stats.windowStart && now <= stats.windowEnd;
  }

  #report(trader: Trader, report: ExecutionReport): void {
    const order = this.#orders.get(report.clientOrderId);
    if (!order) return;
    const stats = order.phase;
    const now = performance.now();
    const inWindow = this.#inWindow(stats, now);
    if (inWindow) stats.reportsInWindow++;
    switch (report.execType) {
      case 'accepted':
        stats.accepted++;
        if (inWindow) stats.acceptedInWindow++;
        stats.latency.recordValue(Math.max(1, Math.round((now - order.intended) * 1000)));
        if (stats.cancel)
          trader.client
            .call('order.cancel', { clientOrderId: report.clientOrderId, symbol: SYMBOL })
            .then(
              () => stats.cancelAcks++,
              (error: unknown) => count(stats.errors, `order.cancel ${codeOf(error)}`),
            );
        else this.#orders.delete(report.clientOrderId);
        break;
      case 'canceled':
        stats.canceled++;
        if (inWindow) stats.canceledInWindow++;
        this.#orders.delete(report.clientOrderId);
        break;
      case 'denied':
      case 'rejected':
      case 'expired':
        stats.refused++;
        count(stats.reasons, `${report.execType} ${report.reason ?? ''}`.trim());
        this.#orders.delete(report.clientOrderId);
        break;
      default:
        break;
    }
  }

  #place(stats: PhaseStats, intended: number): void {
    const n = this.#nextOrder++;
    const trader = this.#traders[n % this.#traders.length] as Trader;
    const clientOrderId = `o${n}`;
    const buy = n % 2 === 0;
    this.#orders.set(clientOrderId, { intended, phase: stats, trader });
    stats.sent++;
    trader.client
      .call('order.place', {
        clientOrderId,
        symbol: SYMBOL,
        side: buy ? 'buy' : 'sell',
        type: 'limit',
        // About 3 % away from the 60 000 start: resting, inside the 5 % price band.
        price: buy ? '58000' : '62000',
        quantity: '0.001',
        postOnly: true,
      })
      .then(
        () => {
          stats.placeAcks++;
          if (this.#inWindow(stats, performance.now())) stats.placeAcksInWindow++;
        },
        (error: unknown) => {
          count(stats.errors, `order.place ${codeOf(error)}`);
          this.#orders.delete(clientOrderId);
        },
      );
  }

  /**
   * `rate` orders/s for `seconds`, each sent at its scheduled time (order k at start + k/rate),
   * latency measured from that time, so a stalled sender cannot hide a stall (no coordinated
   * omission). Then waits up to `drainSeconds` for every order's outcome.
   */
  async run(
    label: string,
    rate: number,
    seconds: number,
    cancel: boolean,
    drainSeconds: number,
  ): Promise<PhaseStats> {
    const start = performance.now() + 20;
    const stats: PhaseStats = {
      label,
      rate,
      seconds,
      cancel,
      windowStart: start,
      windowEnd: start + seconds * 1000,
      sent: 0,
      placeAcks: 0,
      placeAcksInWindow: 0,
      accepted: 0,
      acceptedInWindow: 0,
      refused: 0,
      cancelAcks: 0,
      canceled: 0,
      canceledInWindow: 0,
      reportsInWindow: 0,
      errors: new Map(),
      reasons: new Map(),
      latency: hdr.build({
        lowestDiscernibleValue: 1,
        highestTrackableValue: 3_600_000_000,
        numberOfSignificantValueDigits: 3,
      }),
      drainMs: 0,
    };
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (k < total && start + k * interval <= now) {
          this.#place(stats, start + k * interval);
          k++;
        }
        if (k >= total) resolve();
        else setTimeout(tick, Math.max(0, start + k * interval - performance.now()));
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
    const windowLeft = stats.windowEnd - performance.now();
    if (windowLeft > 0) await new Promise((r) => setTimeout(r, windowLeft));
    const drainDeadline = performance.now() + drainSeconds * 1000;
    while (this.#open(stats) > 0 && performance.now() < drainDeadline)
      await new Promise((r) => setTimeout(r, 50));
    stats.drainMs = performance.now() - stats.windowEnd;
    return stats;
  }

  /** Orders of the phase still waiting for their outcome (accepted-and-cancelled when cancelling). */
  #open(stats: PhaseStats): number {
    let open = 0;
    for (const order of this.#orders.values()) if (order.phase === stats) open++;
    return open;
  }

  /** Forgets orders a phase gave up on, so they do not count against the next one. */
  forget(stats: PhaseStats): number {
    let forgotten = 0;
    for (const [id, order] of this.#orders)
      if (order.phase === stats) {
        this.#orders.delete(id);
        forgotten++;
      }
    return forgotten;
  }
}
