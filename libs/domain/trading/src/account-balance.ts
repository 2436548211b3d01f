import { Decimal } from '@perp/decimal';
import type { ExecutionReportFields } from './execution-report.ts';
import type { AccountId } from './identifiers.ts';

/** An account's cash and the sequence number of its last execution report. */
export interface AccountBalance {
  readonly accountId: AccountId;
  /** Deposits + realised PnL - fees, in the quote asset (USD). */
  readonly collateral: Decimal;
  /** The `seq` of the newest execution report; the next report gets `seq + 1`. */
  readonly seq: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An execution report numbered in its account's stream: `seq` strictly increasing, no gaps. */
export interface SequencedReport extends ExecutionReportFields {
  readonly seq: number;
}

/** A new account: no collateral, no report yet. */
export function openAccount(accountId: AccountId, now: number): AccountBalance {
  return { accountId, collateral: Decimal.ZERO, seq: 0, createdAt: now, updatedAt: now };
}

/** Collateral credited by a deposit. */
export function deposit(balance: AccountBalance, amount: Decimal, now: number): AccountBalance {
  return { ...balance, collateral: balance.collateral.add(amount), updatedAt: now };
}

/** Collateral after a fill: its realised PnL in, its fee out (a negative fee is a rebate). */
export function settleFill(
  balance: AccountBalance,
  fill: { readonly realizedPnl: Decimal; readonly fee: Decimal },
  now: number,
): AccountBalance {
  return {
    ...balance,
    collateral: balance.collateral.add(fill.realizedPnl).sub(fill.fee),
    updatedAt: now,
  };
}

/**
 * Numbers a change's reports after the account's last one and advances the balance's `seq` by
 * exactly as many: the only way a `seq` moves, so published reports never leave a gap or repeat.
 * Missing reports (`null`: a change that reports nothing, such as a cancel request) are skipped.
 */
export function sequenceReports(
  balance: AccountBalance,
  fields: readonly (ExecutionReportFields | null)[],
  now: number,
): { readonly balance: AccountBalance; readonly reports: readonly SequencedReport[] } {
  const reports = fields
    .filter((report): report is ExecutionReportFields => report !== null)
    .map((report, index) => ({ ...report, seq: balance.seq + index + 1 }));
  return {
    balance:
      reports.length === 0
        ? balance
        : { ...balance, seq: balance.seq + reports.length, updatedAt: now },
    reports,
  };
}
