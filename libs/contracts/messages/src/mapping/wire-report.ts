import type { SequencedReport } from '@perp/trading-domain';
import type { ExecutionReport } from '../events/execution-report.ts';
import { decimalText, decimalTextOrNull } from './decimal-text.ts';

/** The contract's execution report of a domain report numbered in its account's stream. */
export function wireReport(report: SequencedReport): ExecutionReport {
  return {
    version: 1,
    seq: report.seq,
    accountId: report.accountId,
    orderId: report.orderId,
    clientOrderId: report.clientOrderId,
    symbol: report.symbol,
    side: report.side,
    type: report.type,
    timeInForce: report.timeInForce,
    price: decimalTextOrNull(report.price),
    quantity: decimalText(report.quantity),
    filledQuantity: decimalText(report.filledQuantity),
    remainingQuantity: decimalText(report.remainingQuantity),
    avgFillPrice: decimalTextOrNull(report.avgFillPrice),
    status: report.status,
    execType: report.execType,
    lastFillPrice: decimalTextOrNull(report.lastFillPrice),
    lastFillQuantity: decimalTextOrNull(report.lastFillQuantity),
    fee: decimalTextOrNull(report.fee),
    tradeId: report.tradeId,
    reason: report.reason,
    ts: report.ts,
  };
}
