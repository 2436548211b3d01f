import { describe, expect, it } from 'vitest';
import { deposit, openAccount, sequenceReports, settleFill } from './account-balance.ts';
import { createOrder } from './order.ts';
import { executionReport } from './execution-report.ts';
import { ALICE, d, newOrder } from './test-support/fixtures.ts';

const order = createOrder(newOrder());
const report = (ts: number) => executionReport(order, 'accepted', ts);

describe('account balance', () => {
  it('opens with no collateral and no report, and credits deposits exactly', () => {
    const opened = openAccount(ALICE, 1_000);
    expect(opened).toMatchObject({ accountId: ALICE, seq: 0, createdAt: 1_000, updatedAt: 1_000 });
    expect(opened.collateral.isZero()).toBe(true);
    const credited = deposit(deposit(opened, d('0.1'), 2_000), d('0.2'), 3_000);
    expect(credited.collateral.toString()).toBe('0.3');
    expect(credited.updatedAt).toBe(3_000);
    expect(credited.seq).toBe(0);
  });

  it('settles a fill: realised PnL in, fee out, a negative fee (rebate) credited', () => {
    const start = deposit(openAccount(ALICE, 0), d('1000'), 0);
    expect(
      settleFill(start, { realizedPnl: d('12.5'), fee: d('0.3') }, 1).collateral.toString(),
    ).toBe('1012.2');
    expect(
      settleFill(start, { realizedPnl: d('0'), fee: d('-0.25') }, 1).collateral.toString(),
    ).toBe('1000.25');
  });
});

describe('sequenceReports', () => {
  it('numbers reports after the last one and advances seq by exactly their number', () => {
    const balance = { ...openAccount(ALICE, 0), seq: 7 };
    const { balance: next, reports } = sequenceReports(balance, [report(1), report(2)], 5);
    expect(reports.map((r) => r.seq)).toEqual([8, 9]);
    expect(next.seq).toBe(9);
    expect(next.updatedAt).toBe(5);
  });

  it('advances by one for a single report (the deny path), never by a fixed step', () => {
    const balance = { ...openAccount(ALICE, 0), seq: 3 };
    const one = sequenceReports(balance, [report(1)], 5);
    expect(one.balance.seq).toBe(4);
    const three = sequenceReports(balance, [report(1), report(2), report(3)], 5);
    expect(three.balance.seq).toBe(6);
  });

  it('skips a step that reports nothing and leaves the balance untouched when none does', () => {
    const balance = { ...openAccount(ALICE, 0), seq: 3 };
    const mixed = sequenceReports(balance, [null, report(1), null], 5);
    expect(mixed.reports.map((r) => r.seq)).toEqual([4]);
    expect(mixed.balance.seq).toBe(4);
    const none = sequenceReports(balance, [null], 5);
    expect(none.reports).toEqual([]);
    expect(none.balance).toBe(balance);
  });
});
