import { Decimal } from '@perp/decimal';
import type { ExecutionReportFields } from '@perp/trading-domain';
import type { ExecutionReport } from '../events/execution-report.ts';

const orNull = (text: string | null): Decimal | null =>
  text === null ? null : Decimal.parse(text);

/** The domain's fields of a wire execution report (what the events stream carries). */
export function reportFieldsOf(report: ExecutionReport): ExecutionReportFields & { seq: number } {
  return {
    seq: report.seq,
    accountId: report.accountId,
    orderId: report.orderId,
    clientOrderId: report.clientOrderId,
    symbol: report.symbol,
    side: report.side,
    type: report.type,
    timeInForce: report.timeInForce,
    price: orNull(report.price),
    quantity: Decimal.parse(report.quantity),
    filledQuantity: Decimal.parse(report.filledQuantity),
    remainingQuantity: Decimal.parse(report.remainingQuantity),
    avgFillPrice: orNull(report.avgFillPrice),
    status: report.status,
    execType: report.execType,
    lastFillPrice: orNull(report.lastFillPrice),
    lastFillQuantity: orNull(report.lastFillQuantity),
    fee: orNull(report.fee),
    tradeId: report.tradeId,
    reason: report.reason,
    ts: report.ts,
  };
}
