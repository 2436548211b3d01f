import type { CancelReason, CancelRejectReason, ExpireReason, RejectReason } from './reasons.ts';
import type {
  AccountId,
  OrderId,
  InstrumentSymbol,
  Liquidity,
  OrderType,
  PriceTicks,
  QuantityLots,
  OrderSide,
  TimeInForce,
  TradeId,
  VenueOrderId,
} from './vocabulary.ts';

// What one command produced, in the order it happened. Private events (accepted … cancel_rejected)
// go to the order's account; `trade` and `book_update` are public market data. `ts` is the engine
// clock's reading for the command, shared by all its events.

export interface OrderAcceptedEvent {
  readonly kind: 'accepted';
  readonly symbol: InstrumentSymbol;
  readonly venueOrderId: VenueOrderId;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  /** Null for a market order. */
  readonly priceTicks: PriceTicks | null;
  readonly quantityLots: QuantityLots;
  readonly ts: number;
}

export interface OrderRejectedEvent {
  readonly kind: 'rejected';
  readonly symbol: InstrumentSymbol;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly reason: RejectReason;
  readonly ts: number;
}

/** One side of a trade; every trade yields a maker fill and a taker fill with the same tradeId. */
export interface OrderFillEvent {
  readonly kind: 'fill';
  readonly symbol: InstrumentSymbol;
  readonly venueOrderId: VenueOrderId;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly side: OrderSide;
  readonly tradeId: TradeId;
  readonly priceTicks: PriceTicks;
  readonly quantityLots: QuantityLots;
  readonly liquidity: Liquidity;
  /** The order's totals after this fill: filledLots + remainingLots = the order's quantity. */
  readonly filledLots: QuantityLots;
  readonly remainingLots: QuantityLots;
  readonly ts: number;
}

interface OrderEndedBase {
  readonly symbol: InstrumentSymbol;
  readonly venueOrderId: VenueOrderId;
  readonly orderId: OrderId;
  readonly accountId: AccountId;
  readonly side: OrderSide;
  readonly filledLots: QuantityLots;
  /** What was left and will now never trade (quantity = filled + remaining still holds). */
  readonly remainingLots: QuantityLots;
  readonly ts: number;
}

export interface OrderCanceledEvent extends OrderEndedBase {
  readonly kind: 'canceled';
  readonly reason: CancelReason;
}

export interface OrderExpiredEvent extends OrderEndedBase {
  readonly kind: 'expired';
  readonly reason: ExpireReason;
}

export interface CancelRejectedEvent {
  readonly kind: 'cancel_rejected';
  readonly symbol: InstrumentSymbol;
  readonly venueOrderId: VenueOrderId;
  readonly accountId: AccountId;
  readonly reason: CancelRejectReason;
  readonly ts: number;
}

/** Public trade: no order or account ids. */
export interface PublicTradeEvent {
  readonly kind: 'trade';
  readonly symbol: InstrumentSymbol;
  readonly tradeId: TradeId;
  readonly priceTicks: PriceTicks;
  readonly quantityLots: QuantityLots;
  /** The taker's side. */
  readonly aggressorSide: OrderSide;
  readonly ts: number;
}

/** A level's new aggregated quantity; 0 means the level is gone. */
export interface BookLevelChange {
  readonly side: OrderSide;
  readonly priceTicks: PriceTicks;
  readonly quantityLots: QuantityLots;
}

/**
 * Every level one command changed, with its final quantity. `seq` is the book's sequence number
 * after the change: one more than the previous update's, so a subscriber detects gaps, and a depth
 * snapshot with seq n is continued by the update with seq n + 1.
 */
export interface BookUpdateEvent {
  readonly kind: 'book_update';
  readonly symbol: InstrumentSymbol;
  readonly seq: number;
  readonly changes: readonly BookLevelChange[];
  readonly ts: number;
}

export type OrderEvent =
  | OrderAcceptedEvent
  | OrderRejectedEvent
  | OrderFillEvent
  | OrderCanceledEvent
  | OrderExpiredEvent
  | CancelRejectedEvent;

export type MarketDataEvent = PublicTradeEvent | BookUpdateEvent;

export type MatchingEvent = OrderEvent | MarketDataEvent;
