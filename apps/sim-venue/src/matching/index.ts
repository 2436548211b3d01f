export type { OpenOrderView } from './book-order.ts';
export type {
  CancelOrderCommand,
  MatchingCommand,
  PlaceLimitOrderCommand,
  PlaceMarketOrderCommand,
  PlaceOrderCommand,
} from './commands.ts';
export type { DepthLevel, DepthSnapshot } from './depth-snapshot.ts';
export type {
  BookLevelChange,
  BookUpdateEvent,
  CancelRejectedEvent,
  MarketDataEvent,
  MatchingEvent,
  OrderAcceptedEvent,
  OrderCanceledEvent,
  OrderEvent,
  OrderExpiredEvent,
  OrderFillEvent,
  OrderRejectedEvent,
  PublicTradeEvent,
} from './events.ts';
export {
  InstrumentScale,
  type InstrumentScaleSpec,
  type ScaleFailure,
  type ScaleResult,
} from './instrument-scale.ts';
export { MatchingEngine, type MatchingEngineOptions } from './matching-engine.ts';
export type { OrderBookView } from './order-book.ts';
export type { PriceLevelView } from './price-level.ts';
export type { CancelReason, CancelRejectReason, ExpireReason, RejectReason } from './reasons.ts';
export type * from './vocabulary.ts';
