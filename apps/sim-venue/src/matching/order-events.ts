import type { BookOrder } from './book-order.ts';
import type { PlaceOrderCommand } from './commands.ts';
import type {
  OrderAcceptedEvent,
  OrderCanceledEvent,
  OrderExpiredEvent,
  OrderFillEvent,
  OrderRejectedEvent,
} from './events.ts';
import type { CancelReason, ExpireReason, RejectReason } from './reasons.ts';
import type { InstrumentSymbol, Liquidity, TradeId } from './vocabulary.ts';

// Builders for the events that describe an order's state; one object shape per kind keeps the
// consumers' property accesses monomorphic.

export function fillEvent(
  symbol: InstrumentSymbol,
  order: BookOrder,
  tradeId: TradeId,
  priceTicks: number,
  quantityLots: number,
  liquidity: Liquidity,
  ts: number,
): OrderFillEvent {
  return {
    kind: 'fill',
    symbol,
    venueOrderId: order.venueOrderId,
    orderId: order.orderId,
    accountId: order.accountId,
    side: order.side,
    tradeId,
    priceTicks,
    quantityLots,
    liquidity,
    filledLots: order.filledLots,
    remainingLots: order.remainingLots,
    ts,
  };
}

export function canceledEvent(
  symbol: InstrumentSymbol,
  order: BookOrder,
  reason: CancelReason,
  ts: number,
): OrderCanceledEvent {
  return {
    kind: 'canceled',
    symbol,
    venueOrderId: order.venueOrderId,
    orderId: order.orderId,
    accountId: order.accountId,
    side: order.side,
    filledLots: order.filledLots,
    remainingLots: order.remainingLots,
    reason,
    ts,
  };
}

export function expiredEvent(
  symbol: InstrumentSymbol,
  order: BookOrder,
  reason: ExpireReason,
  ts: number,
): OrderExpiredEvent {
  return {
    kind: 'expired',
    symbol,
    venueOrderId: order.venueOrderId,
    orderId: order.orderId,
    accountId: order.accountId,
    side: order.side,
    filledLots: order.filledLots,
    remainingLots: order.remainingLots,
    reason,
    ts,
  };
}

export function rejectedEvent(
  command: PlaceOrderCommand,
  reason: RejectReason,
  ts: number,
): OrderRejectedEvent {
  return {
    kind: 'rejected',
    symbol: command.symbol,
    orderId: command.orderId,
    accountId: command.accountId,
    reason,
    ts,
  };
}

export function acceptedEvent(
  command: PlaceOrderCommand,
  order: BookOrder,
  ts: number,
): OrderAcceptedEvent {
  return {
    kind: 'accepted',
    symbol: command.symbol,
    venueOrderId: order.venueOrderId,
    orderId: order.orderId,
    accountId: order.accountId,
    side: order.side,
    orderType: command.orderType,
    timeInForce: command.timeInForce,
    postOnly: command.postOnly === true,
    priceTicks: command.orderType === 'limit' ? command.priceTicks : null,
    quantityLots: order.quantityLots,
    ts,
  };
}
