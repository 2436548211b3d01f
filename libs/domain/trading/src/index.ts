export { unwrap, type ParseResult } from './result.ts';
export {
  InvalidIdentifierError,
  parseAccountId,
  parseAssetCode,
  parseClientOrderId,
  parseCommandId,
  parseInstrumentSymbol,
  parseOrderId,
  parseTradeId,
  parseVenueOrderId,
  type AccountId,
  type AssetCode,
  type ClientOrderId,
  type CommandId,
  type IdentifierKind,
  type InstrumentSymbol,
  type OrderId,
  type TradeId,
  type VenueOrderId,
} from './identifiers.ts';
export {
  ExecTypes,
  Liquidities,
  OrderSides,
  OrderStatuses,
  OrderTypes,
  TimesInForce,
  isOpenStatus,
  signedQuantity,
  type ExecType,
  type Liquidity,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from './order-vocabulary.ts';
export {
  InstrumentStatuses,
  InvalidInstrumentError,
  defineInstrument,
  type Instrument,
  type InstrumentStatus,
} from './instrument.ts';
export { instrumentFromText, type InstrumentText } from './instrument-text.ts';
export { createOrder, type NewOrder, type Order } from './order.ts';
export { OrderError, type OrderErrorCode } from './order-error.ts';
export {
  OrderEventTypes,
  type AcceptEvent,
  type CancelEvent,
  type CancelRejectEvent,
  type DenyEvent,
  type ExpireEvent,
  type FillEvent,
  type OrderEvent,
  type OrderEventType,
  type RejectEvent,
  type RequestCancelEvent,
} from './order-event.ts';
export {
  IllegalTransitionError,
  ORDER_TRANSITIONS,
  canApply,
  transitionRule,
  type TransitionRule,
} from './order-transitions.ts';
export { applyOrderEvent, type OrderTransition } from './apply-order-event.ts';
export {
  cancelRejectedReport,
  executionReport,
  type ExecutionReportFields,
  type ReportFill,
} from './execution-report.ts';
export { RiskReasons, type RiskReason } from './risk-reason.ts';
export {
  TradingStates,
  effectiveTradingState,
  strictestTradingState,
  type TradingState,
  type TradingStateScopes,
} from './trading-state.ts';
export {
  checkPreTradeRisk,
  type OrderIntent,
  type PreTradeRiskInput,
  type RiskCheckResult,
  type RiskLimits,
} from './pre-trade-risk.ts';
export {
  applyFill,
  entryPrice,
  flatPosition,
  reducesPosition,
  unrealizedPnl,
  type Position,
  type PositionChange,
  type PositionFill,
} from './position.ts';
export { PositionError, type PositionErrorCode } from './position-error.ts';
export {
  openOrdersInitialMargin,
  orderExposure,
  priceBand,
  referencePrice,
  type MarketContext,
  type OrderExposure,
} from './order-exposure.ts';
export {
  computeAccountMargin,
  type AccountMargin,
  type AccountMarginInput,
} from './account-margin.ts';
export { MarginError } from './margin-error.ts';
export {
  DEFAULT_MARGIN_THRESHOLDS,
  marginStatus,
  marginUtilization,
  type MarginStatus,
  type MarginThresholds,
  type MarginUtilization,
} from './margin-status.ts';
export { fillFee, type FeeSchedule } from './fees.ts';
