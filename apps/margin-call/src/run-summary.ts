import type { MarginCallMode } from '@perp/margin-calls';
import type { InstrumentSymbol } from '@perp/trading-domain';
import type { SkipReason } from './marks.ts';

/** One reduce order of a margin call and what became of it. */
export interface ReduceOrderReport {
  readonly clientOrderId: string;
  readonly symbol: InstrumentSymbol;
  readonly side: 'buy' | 'sell';
  readonly quantity: string;
  readonly price: string;
  /** The order's status when the call stopped waiting (`pending` if the OMS had not stored it). */
  readonly status: string;
  readonly filledQuantity: string;
  readonly reason: string | null;
}

export interface CallReport {
  readonly accountId: string;
  /** Utilisation as the scan found it and after the call ("infinite" when equity <= 0). */
  readonly utilizationBefore: string;
  readonly utilizationAfter: string | null;
  readonly ordersCanceled: number;
  readonly reduceOrders: readonly ReduceOrderReport[];
  /** What was still to close to reach the target when the call stopped (the book did not absorb it). */
  readonly unabsorbed: readonly { readonly symbol: string; readonly quantity: string }[];
}

/** The report of one run: what the Lambda returns and the CLI prints as its last line. */
export interface MarginCallSummary {
  readonly runId: string;
  readonly mode: MarginCallMode;
  readonly startedAt: number;
  /** Accounts with a position that were read. */
  scanned: number;
  /** At or above the warning threshold. */
  atRisk: number;
  warned: number;
  /** Warnings inside their cool-down. */
  cooledDown: number;
  /** Warnings the notifier did not take: kept, sent again next run. */
  warningsPending: number;
  /** At or above 100 % in an execute run. */
  called: number;
  ordersCanceled: number;
  reduceOrders: number;
  skipped: number;
  errors: number;
  durationMs: number;
  /** Set when the run did nothing because another held the lease. */
  runSkipped?: 'RUN_IN_PROGRESS';
  readonly skippedAccounts: { accountId: string; reason: SkipReason; detail: string }[];
  readonly errorDetails: { accountId?: string; code: string; detail: string }[];
  readonly calls: CallReport[];
}

/** Details are capped: a report of a bad day must still fit a Lambda's answer and a log line. */
export const DETAIL_LIMIT = 100;

export function newSummary(
  runId: string,
  mode: MarginCallMode,
  startedAt: number,
): MarginCallSummary {
  return {
    runId,
    mode,
    startedAt,
    scanned: 0,
    atRisk: 0,
    warned: 0,
    cooledDown: 0,
    warningsPending: 0,
    called: 0,
    ordersCanceled: 0,
    reduceOrders: 0,
    skipped: 0,
    errors: 0,
    durationMs: 0,
    skippedAccounts: [],
    errorDetails: [],
    calls: [],
  };
}

export function addError(
  summary: MarginCallSummary,
  error: { accountId?: string; code: string; detail: string },
): void {
  summary.errors += 1;
  if (summary.errorDetails.length < DETAIL_LIMIT) summary.errorDetails.push(error);
}

export function addSkip(
  summary: MarginCallSummary,
  skip: { accountId: string; reason: SkipReason; detail: string },
): void {
  summary.skipped += 1;
  if (summary.skippedAccounts.length < DETAIL_LIMIT) summary.skippedAccounts.push(skip);
}
