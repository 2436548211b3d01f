import { executionReport, type ExecutionReportFields } from './execution-report.ts';
import type { FillEvent, OrderEvent, OrderEventType } from './order-event.ts';
import { OrderError } from './order-error.ts';
import { IllegalTransitionError, transitionRule } from './order-transitions.ts';
import type { Order } from './order.ts';
import type { ExecType, OrderStatus } from './order-vocabulary.ts';

export interface OrderTransition {
  readonly order: Order;
  /**
   * The execution report this change produces, or `null` for a cancel request: ws-api.md has no
   * execType for it (the order.cancel ack already says `pending_cancel`).
   */
  readonly report: ExecutionReportFields | null;
}

const EXEC_TYPES = {
  accept: 'accepted',
  deny: 'denied',
  reject: 'rejected',
  fill: 'trade',
  request_cancel: null,
  cancel: 'canceled',
  cancel_reject: 'cancel_rejected',
  expire: 'expired',
} as const satisfies Record<OrderEventType, ExecType | null>;

/**
 * Applies one event to an order: the new order and its report. Pure. Throws
 * `IllegalTransitionError` when the table forbids the event, `OrderError` (`ORDER_OVERFILL`,
 * `ORDER_INVALID_FILL`) for a fill that cannot be booked; the order is then unchanged.
 */
export function applyOrderEvent(order: Order, event: OrderEvent): OrderTransition {
  const rule = transitionRule(order.status, event.type);
  if (rule.kind === 'illegal') throw new IllegalTransitionError(order.status, event.type);
  if (event.type === 'fill') {
    if (rule.kind !== 'fill') throw new IllegalTransitionError(order.status, event.type);
    return bookFill(order, event, rule.whilePartial);
  }
  const status =
    rule.kind === 'to' ? rule.status : rule.kind === 'resume' ? workingStatus(order) : order.status;
  const next: Order = {
    ...order,
    status,
    updatedAt: event.ts,
    ...(event.type === 'accept' ? acceptance(order, event.venueOrderId, event.ts) : {}),
    ...('reason' in event ? { reason: event.reason } : {}),
  };
  const execType = EXEC_TYPES[event.type];
  const report =
    execType === null
      ? null
      : executionReport(next, execType, event.ts, {
          reason: 'reason' in event ? event.reason : null,
        });
  return { order: next, report };
}

function acceptance(order: Order, venueOrderId: Order['venueOrderId'], ts: number) {
  return { venueOrderId: venueOrderId ?? order.venueOrderId, acceptedAt: order.acceptedAt ?? ts };
}

function workingStatus(order: Order): OrderStatus {
  if (order.filledQuantity.isPositive()) return 'partially_filled';
  return order.acceptedAt === null ? 'submitted' : 'accepted';
}

function bookFill(order: Order, fill: FillEvent, whilePartial: OrderStatus): OrderTransition {
  if (!fill.quantity.isPositive() || !fill.price.isPositive()) {
    throw new OrderError(
      'ORDER_INVALID_FILL',
      `fill ${fill.tradeId}: quantity and price must be positive`,
    );
  }
  if (fill.quantity.gt(order.remainingQuantity)) {
    throw new OrderError(
      'ORDER_OVERFILL',
      `fill ${fill.tradeId} of ${fill.quantity} exceeds the remaining ${order.remainingQuantity} of order ${order.orderId}`,
    );
  }
  const filledQuantity = order.filledQuantity.add(fill.quantity);
  const remainingQuantity = order.quantity.sub(filledQuantity);
  // Exact whenever tick and lot decimals fit 18 digits (defineInstrument guarantees it); the
  // rounding mode only matters for off-grid venue prices and never makes a fill fail.
  const filledNotional = order.filledNotional.add(fill.quantity.mul(fill.price, 'half_even'));
  const next: Order = {
    ...order,
    filledQuantity,
    remainingQuantity,
    filledNotional,
    avgFillPrice: filledNotional.div(filledQuantity, 'half_even'),
    status: remainingQuantity.isZero() ? 'filled' : whilePartial,
    updatedAt: fill.ts,
  };
  const report = executionReport(next, 'trade', fill.ts, {
    fill: { price: fill.price, quantity: fill.quantity, fee: fill.fee, tradeId: fill.tradeId },
  });
  return { order: next, report };
}
