import type { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ClientOrderId,
  InstrumentSymbol,
  OrderId,
  TradeId,
} from './identifiers.ts';
import type { Order } from './order.ts';
import type { CancelRejectReason, OrderReason } from './order-reason.ts';
import type {
  ExecType,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
} from './order-vocabulary.ts';

/**
 * The fields of a ws-api.md execution report that follow from the order and the event. The OMS
 * adds `seq` (per account) when it publishes; the contracts turn decimals into strings.
 */
export interface ExecutionReportFields {
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly price: Decimal | null;
  readonly quantity: Decimal;
  readonly filledQuantity: Decimal;
  readonly remainingQuantity: Decimal;
  readonly avgFillPrice: Decimal | null;
  readonly status: OrderStatus;
  readonly execType: ExecType;
  readonly lastFillPrice: Decimal | null;
  readonly lastFillQuantity: Decimal | null;
  readonly fee: Decimal | null;
  readonly tradeId: TradeId | null;
  readonly reason: OrderReason | null;
  readonly ts: number;
}

export interface ReportFill {
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly fee: Decimal;
  readonly tradeId: TradeId;
}

/** The report for `order` as it is now. */
export function executionReport(
  order: Order,
  execType: ExecType,
  ts: number,
  extra: { readonly fill?: ReportFill; readonly reason?: OrderReason | null } = {},
): ExecutionReportFields {
  const { fill } = extra;
  return {
    accountId: order.accountId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    price: order.price,
    quantity: order.quantity,
    filledQuantity: order.filledQuantity,
    remainingQuantity: order.remainingQuantity,
    avgFillPrice: order.avgFillPrice,
    status: order.status,
    execType,
    lastFillPrice: fill?.price ?? null,
    lastFillQuantity: fill?.quantity ?? null,
    fee: fill?.fee ?? null,
    tradeId: fill?.tradeId ?? null,
    reason: extra.reason ?? null,
    ts,
  };
}

/**
 * The `cancel_rejected` report for a cancel request the OMS refuses itself (the order is not open
 * any more): not a state change, so not in the transition table.
 */
export function cancelRejectedReport(
  order: Order,
  reason: CancelRejectReason,
  ts: number,
): ExecutionReportFields {
  return executionReport(order, 'cancel_rejected', ts, { reason });
}
