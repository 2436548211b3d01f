import { z } from 'zod';
import { Decimal, NonNegativeDecimal, PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId, ClientOrderId, OrderId, TradeId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { Sequence, TimestampMs } from '../primitives/timestamp.ts';
import {
  ExecType,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
} from '../trading/order-enums.ts';
import {
  CancelReasons,
  CancelRejectReasons,
  ExpireReasons,
  RiskRejectReasons,
  VenueRejectReasons,
} from '@perp/trading-domain';
import { OrderReason } from '../trading/order-reason.ts';
import { checkOrderFields } from './order-invariants.ts';

export const EXECUTION_REPORT_VERSIONS = [1] as const;

// Which reasons each execType may carry; `accepted` and `trade` carry none.
const reasonsByExecType: Record<ExecType, readonly string[] | null> = {
  accepted: null,
  trade: null,
  denied: RiskRejectReasons,
  rejected: VenueRejectReasons,
  canceled: CancelReasons,
  expired: ExpireReasons,
  cancel_rejected: CancelRejectReasons,
};

/**
 * One state change of one order, as the OMS emits it: to the trader's `orders` channel, the
 * per-account replay stream and the events stream. `seq` is per account, strictly increasing,
 * without gaps; `quantity = filledQuantity + remainingQuantity` always holds. The `lastFill*`,
 * `fee` and `tradeId` fields describe this report's fill and are null unless execType is `trade`.
 */
export const ExecutionReport = z
  .strictObject({
    version: z.literal(1),
    seq: Sequence,
    accountId: AccountId,
    orderId: OrderId,
    clientOrderId: ClientOrderId,
    symbol: InstrumentSymbol,
    side: OrderSide,
    type: OrderType,
    timeInForce: TimeInForce,
    price: PositiveDecimal.nullable(),
    quantity: PositiveDecimal,
    filledQuantity: NonNegativeDecimal,
    remainingQuantity: NonNegativeDecimal,
    avgFillPrice: PositiveDecimal.nullable(),
    status: OrderStatus,
    execType: ExecType,
    lastFillPrice: PositiveDecimal.nullable(),
    lastFillQuantity: PositiveDecimal.nullable(),
    fee: Decimal.nullable(),
    tradeId: TradeId.nullable(),
    reason: OrderReason.nullable(),
    ts: TimestampMs,
  })
  .superRefine((report, ctx) => {
    checkOrderFields(report, ctx);
    const isTrade = report.execType === 'trade';
    for (const field of ['lastFillPrice', 'lastFillQuantity', 'fee', 'tradeId'] as const) {
      if ((report[field] !== null) !== isTrade) {
        const message = isTrade
          ? 'is required when execType is trade'
          : 'must be null unless execType is trade';
        ctx.addIssue({ code: 'custom', path: [field], message, input: report[field] });
      }
    }
    const allowed = reasonsByExecType[report.execType];
    if (allowed === null && report.reason !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `must be null for execType ${report.execType}`,
        input: report.reason,
      });
    }
    if (allowed !== null && (report.reason === null || !allowed.includes(report.reason))) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `must be one of ${allowed.join(', ')} for execType ${report.execType}`,
        input: report.reason,
      });
    }
  });
export type ExecutionReport = z.infer<typeof ExecutionReport>;
