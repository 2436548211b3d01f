import type { ExecutionReport } from '@perp/contracts';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

// The OMS runs as its own process here and is killed with SIGKILL while commands are between
// receive and delete; a second process takes over the queue and the venue connector's lease.

const ORDERS_PER_ACCOUNT = 80;
let h: OmsHarness;

beforeAll(async () => {
  // Short visibility: what the dead process had in flight comes back within seconds.
  h = await startOmsHarness({ visibilityTimeoutSeconds: 3 });
  // The burst below would otherwise trip the per-second order limit (a denial, not a crash).
  await h.config.putRiskLimits({ maxOpenOrders: 1_000, maxOrdersPerSecond: null });
}, 60_000);
afterAll(() => h?.dispose());

const reportKey = (r: ExecutionReport) => `${r.orderId}:${r.execType}:${r.tradeId ?? ''}`;

describe('crash between receive and delete', () => {
  it('a killed OMS and its replacement publish every report exactly once', async () => {
    const first = await h.startOmsProcess();
    await h.fundAccounts('100000', 'hank', 'ivy');

    // Equal buys and sells at one price and size: every order fills exactly once, whatever the
    // interleaving of the two accounts' groups.
    const commands = Array.from({ length: ORDERS_PER_ACCOUNT }, () => [
      placeCommand('hank', { side: 'sell', price: '60000', quantity: '0.001' }),
      placeCommand('ivy', { side: 'buy', price: '60000', quantity: '0.001' }),
    ]).flat();
    await h.send(...commands);
    const expected = ORDERS_PER_ACCOUNT * 2; // accepted + trade per order

    // Kill it mid-flight: some reports out, most not. (Each account's places come first in its
    // group, so the first reports appear once they are all through.)
    const published = async () =>
      (await h.reports('hank')).length + (await h.reports('ivy')).length;
    await h.waitFor(
      'the first reports',
      async () => ((await published()) >= 10 ? true : undefined),
      60_000,
    );
    await first.kill();
    const beforeKill = await published();
    expect(beforeKill).toBeLessThan(expected * 2);

    const second = await h.startOmsProcess();
    const [hank, ivy] = await Promise.all([
      h.waitForReports('hank', expected, 60_000),
      h.waitForReports('ivy', expected, 60_000),
    ]);
    await h.drained(30_000);

    for (const [accountId, reports] of [
      ['hank', await h.reports('hank')],
      ['ivy', await h.reports('ivy')],
    ] as const) {
      // exactly the expected reports: no gap, no duplicate
      expect(reports).toHaveLength(expected);
      expect(reports.map((r) => r.seq)).toEqual(reports.map((_, i) => i + 1));
      expect(new Set(reports.map(reportKey)).size).toBe(expected);
      expect(reports.filter((r) => r.execType === 'accepted')).toHaveLength(ORDERS_PER_ACCOUNT);
      expect(reports.filter((r) => r.execType === 'trade' && r.status === 'filled')).toHaveLength(
        ORDERS_PER_ACCOUNT,
      );
      // the stored state agrees with what was published
      const account = accountId as AccountId;
      expect((await h.store.getBalance(account))?.value.seq).toBe(expected);
      expect(await h.store.listFills(account, { limit: 1000 })).toHaveLength(ORDERS_PER_ACCOUNT);
      expect(await h.store.listOpenOrders(account)).toEqual([]);
    }
    const btc = 'BTC-PERP' as InstrumentSymbol;
    expect((await h.store.getPosition('hank' as AccountId, btc))?.value.quantity.toString()).toBe(
      '-0.08',
    );
    expect((await h.store.getPosition('ivy' as AccountId, btc))?.value.quantity.toString()).toBe(
      '0.08',
    );
    // both sides of each trade were reported once, with the same trade id
    const trades = (list: ExecutionReport[]) =>
      list
        .filter((r) => r.execType === 'trade')
        .map((r) => r.tradeId)
        .sort();
    expect(trades(hank)).toEqual(trades(ivy));
    await second.stop();
  }, 120_000);
});
