import { Decimal } from '@perp/decimal';
import {
  DEFAULT_VENUE_ROUTE,
  createOrder,
  deposit,
  executionReport,
  identifierOf,
  openAccount,
  type NewOrder,
} from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { storedChange, type CommandIdentity } from './commit.ts';

const accountId = identifierOf('AccountId', 'alice');
const command: CommandIdentity = {
  commandId: identifierOf('CommandId', 'cmd-1'),
  accountId,
  type: 'order.place',
};
const newOrder: NewOrder = {
  orderId: identifierOf('OrderId', 'o-1'),
  clientOrderId: identifierOf('ClientOrderId', 'c-1'),
  accountId,
  symbol: identifierOf('InstrumentSymbol', 'BTC-PERP'),
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: Decimal.parse('60000'),
  quantity: Decimal.parse('0.01'),
  postOnly: false,
  reduceOnly: false,
  route: DEFAULT_VENUE_ROUTE,
  createdAt: 1,
};
const order = createOrder(newOrder);
const read = { value: { ...openAccount(accountId, 0), seq: 4 }, version: 9 };
const report = executionReport(order, 'accepted', 2);

describe('storedChange', () => {
  it('numbers the reports after the balance and writes the balance under its version', () => {
    const { change, reports } = storedChange(
      command,
      { balance: { read }, reports: [report, null, report] },
      10,
    );
    expect(reports.map((r) => r.seq)).toEqual([5, 6]);
    expect(change.balance).toEqual({
      value: { ...read.value, seq: 6, updatedAt: 10 },
      expectedVersion: 9,
    });
    expect(change.command).toEqual({
      commandId: command.commandId,
      accountId,
      commandType: 'order.place',
      reports,
      processedAt: 10,
    });
  });

  it('advances seq by one for a denial: its one report, not a fixed step', () => {
    const { change, reports } = storedChange(command, { balance: { read }, reports: [report] }, 10);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.seq).toBe(5);
    expect(change.balance?.value.seq).toBe(5);
  });

  it('leaves the balance alone (and unlocked) when nothing is reported and no cash moved', () => {
    const { change, reports } = storedChange(command, { balance: { read }, reports: [null] }, 10);
    expect(reports).toEqual([]);
    expect(change.balance).toBeUndefined();
  });

  it('writes moved cash with or without reports, and a new account without a version', () => {
    const credited = storedChange(
      { ...command, type: 'admin.deposit' },
      { balance: { read, next: deposit(read.value, Decimal.parse('5'), 10) } },
      10,
    );
    expect(credited.change.balance?.value.collateral.toString()).toBe('5');
    expect(credited.change.balance?.expectedVersion).toBe(9);
    const opened = storedChange(
      { ...command, type: 'admin.account.create' },
      { balance: { read: null, next: openAccount(accountId, 10) } },
      10,
    );
    expect(opened.change.balance).toEqual({
      value: openAccount(accountId, 10),
      expectedVersion: null,
    });
  });

  it('refuses to number reports without the balance they belong to', () => {
    expect(() => storedChange(command, { reports: [report] }, 10)).toThrow(/without the account/);
  });
});
