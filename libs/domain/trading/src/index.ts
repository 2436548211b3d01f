export { unwrap, type ParseResult } from './result.ts';
export { followUpCommandId, newCommandId } from './command-id.ts';
export {
  IdentifierGrammars,
  InvalidIdentifierError,
  identifierOf,
  isIdentifier,
  parseAccountId,
  parseAssetCode,
  parseClientOrderId,
  parseCommandId,
  parseDepositId,
  parseInstrumentSymbol,
  parseOrderId,
  parseTraceId,
  parseTradeId,
  parseVenueAccountName,
  parseVenueName,
  parseVenueOrderId,
  type AccountId,
  type AssetCode,
  type ClientOrderId,
  type CommandId,
  type DepositId,
  type IdentifierGrammar,
  type IdentifierKind,
  type Identifiers,
  type InstrumentSymbol,
  type OrderId,
  type TraceId,
  type TradeId,
  type VenueAccountName,
  type VenueName,
  type VenueOrderId,
} from './identifiers.ts';
export {
  DEFAULT_VENUE_ROUTE,
  routeKey,
  sameRoute,
  type InstrumentRoute,
  type VenueRoute,
} from './venue-route.ts';
export { isMintedOrderId, newOrderId, orderIdForCommand } from './order-id.ts';
export {
  ExecTypes,
  Liquidities,
  OrderSides,
  OrderStatuses,
  OrderTypes,
  TimesInForce,
  isImmediateOrder,
  isAwaitingVenue,
  isOpenStatus,
  signedQuantity,
  type ExecType,
  type Liquidity,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from './order-vocabulary.ts';
export { basisOf, notionalOf, unitNotional } from './contract-value.ts';
export {
  ContractTypes,
  InstrumentStatuses,
  InvalidInstrumentError,
  defineInstrument,
  type ContractType,
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
  CancelReasons,
  CancelRejectReasons,
  ExpireReasons,
  OrderReasons,
  RequestedCancelReasons,
  RiskRejectReasons,
  VenueRejectReasons,
  isCancelReason,
  type CancelReason,
  type CancelRejectReason,
  type ExpireReason,
  type OrderReason,
  type RequestedCancelReason,
  type RiskRejectReason,
  type VenueRejectReason,
} from './order-reason.ts';
export {
  deposit,
  openAccount,
  sequenceReports,
  settleFill,
  type AccountBalance,
  type SequencedReport,
} from './account-balance.ts';
export type { Fill } from './fill.ts';
export { claimVerdict, type ClaimVerdict, type ClientOrderClaim } from './client-order-claim.ts';
export {
  TradingStateScopes,
  TradingStates,
  effectiveTradingState,
  strictestTradingState,
  type ScopedTradingStates,
  type TradingState,
  type TradingStateScope,
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
  positionMaintenanceMargin,
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
