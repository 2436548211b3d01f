import type { ExecutionReport } from '@perp/contracts';
import type { ExecutionReportFields } from '@perp/trading-domain';

/** The contract's execution report for domain report fields and the account's sequence number. */
export function toWireReport(fields: ExecutionReportFields, seq: number): ExecutionReport {
  const dec = (value: { toString(): string } | null) => (value === null ? null : value.toString());
  return {
    version: 1,
    seq,
    accountId: fields.accountId,
    orderId: fields.orderId,
    clientOrderId: fields.clientOrderId,
    symbol: fields.symbol,
    side: fields.side,
    type: fields.type,
    timeInForce: fields.timeInForce,
    price: dec(fields.price),
    quantity: fields.quantity.toString(),
    filledQuantity: fields.filledQuantity.toString(),
    remainingQuantity: fields.remainingQuantity.toString(),
    avgFillPrice: dec(fields.avgFillPrice),
    status: fields.status,
    execType: fields.execType,
    lastFillPrice: dec(fields.lastFillPrice),
    lastFillQuantity: dec(fields.lastFillQuantity),
    fee: dec(fields.fee),
    tradeId: fields.tradeId,
    reason: fields.reason as ExecutionReport['reason'],
    ts: fields.ts,
  };
}

/** Numbers the reports of one command after the account's last sequence number. */
export function sequenceReports(
  fields: readonly ExecutionReportFields[],
  lastSeq: number,
): ExecutionReport[] {
  return fields.map((report, index) => toWireReport(report, lastSeq + index + 1));
}
