// @perp/contracts: one zod schema per message, shared by every producer and consumer; static
// types are inferred from the same source and JSON Schema is exported from it.

// primitives
export {
  DECIMAL_MAX_FRACTION_DIGITS,
  DECIMAL_MAX_INTEGER_DIGITS,
  Decimal,
  NonNegativeDecimal,
  PositiveDecimal,
} from './primitives/decimal.ts';
export {
  AccountId,
  identifier,
  ClientOrderId,
  DepositId,
  CommandId,
  OrderId,
  TradeId,
  TraceId,
  VenueName,
  VenueOrderId,
} from './primitives/identifiers.ts';
export { AssetCode, InstrumentSymbol } from './primitives/instrument-symbol.ts';
export { Sequence, SequenceCursor, TimestampMs } from './primitives/timestamp.ts';

// trading vocabulary
export {
  ExecType,
  Liquidity,
  OrderSide,
  OrderStatus,
  OrderType,
  RespType,
  TimeInForce,
} from './trading/order-enums.ts';
export {
  CancelReason,
  CancelRejectReason,
  ExpireReason,
  OrderReason,
  RequestedCancelReason,
  RiskRejectReason,
  VenueRejectReason,
} from './trading/order-reason.ts';
export { AUTH_LEVEL_ROLES, AuthLevel, Role, rolesAllow } from './trading/roles.ts';
export { InstrumentStatus, TradingState, TradingStateScope } from './trading/trading-state.ts';
export { TradingStateChange } from './trading/trading-state-change.ts';

// domain messages and events
export {
  ACCOUNT_EVENT_TYPES,
  ACCOUNT_EVENT_VERSIONS,
  AccountEvent,
  type AccountEventType,
} from './events/account-event.ts';
export { AccountSnapshot } from './events/account-snapshot.ts';
export {
  BOOK_MAX_DEPTH,
  BookLevel,
  BookLevelChange,
  BookSnapshot,
  BookUpdate,
} from './events/book.ts';
export { EXECUTION_REPORT_VERSIONS, ExecutionReport } from './events/execution-report.ts';
export { Fill } from './events/fill.ts';
export { Instrument } from './events/instrument.ts';
export {
  MARKET_DATA_EVENT_TYPES,
  MARKET_DATA_EVENT_VERSIONS,
  MarketDataEvent,
  type MarketDataEventType,
} from './events/market-data-event.ts';
export { Order } from './events/order.ts';
export { Position } from './events/position.ts';
export { PublicTrade } from './events/public-trade.ts';
export { Ticker } from './events/ticker.ts';
export { MarginAlertEvent } from './events/margin-alert-event.ts';
export { TradingStateEvent } from './events/trading-state-event.ts';

// JSON-RPC 2.0
export {
  InvalidParamsErrorData,
  RPC_ERRORS,
  RPC_ERROR_MEANINGS,
  RPC_ERROR_MESSAGES,
  RateLimitedErrorData,
  RpcErrorCode,
  isRetryableRpcCode,
  rpcError,
  rpcErrorRow,
  type RpcErrorData,
  type RpcErrorName,
  type RpcErrorRow,
} from './jsonrpc/error-codes.ts';
export {
  JSONRPC_VERSION,
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
  rpcFailure,
  rpcSuccess,
} from './jsonrpc/framing.ts';
export { invalidParamsError, type InvalidParamsError } from './jsonrpc/invalid-params.ts';
export { MAX_FRAME_DEPTH, nestsDeeperThan } from './jsonrpc/json-depth.ts';
export { paramsIssueReason } from './jsonrpc/issue-reason.ts';

// methods
export { AdminAccountCreateParams } from './rpc/admin-account-create.ts';
export { AdminDepositParams } from './rpc/admin-deposit.ts';
export { AuthLoginParams, AuthLoginResult } from './rpc/auth-login.ts';
export { CommandAck } from './rpc/command-ack.ts';
export { FillsListParams, FillsListResult } from './rpc/fills-list.ts';
export { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from './rpc/list-query.ts';
export {
  RPC_METHOD_NAMES,
  RpcMethods,
  isRpcMethod,
  type RpcMethodName,
  type RpcMethodSpec,
  type RpcParams,
  type RpcParamsInput,
  type RpcResult,
} from './rpc/method-registry.ts';
export { NoParams } from './rpc/no-params.ts';
export { OrderCancelAllParams } from './rpc/order-cancel-all.ts';
export { OrderCancelParams, OrderCancelResult } from './rpc/order-cancel.ts';
export { OrderGetParams } from './rpc/order-get.ts';
export {
  OrderPlaceAck,
  OrderPlaceParams,
  OrderPlaceResult,
  type OrderPlaceParamsInput,
} from './rpc/order-place.ts';
export { OrdersHistoryParams, OrdersHistoryResult } from './rpc/orders-history.ts';
export { OrdersOpenParams, OrdersOpenResult } from './rpc/orders-open.ts';
export { PositionsListResult } from './rpc/positions-list.ts';
export { PublicBookParams } from './rpc/public-book.ts';
export { PublicInstrumentsResult } from './rpc/public-instruments.ts';
export { PublicPingResult } from './rpc/public-ping.ts';
export { PublicTimeResult } from './rpc/public-time.ts';
export {
  SessionCancelOnDisconnectParams,
  SessionCancelOnDisconnectResult,
} from './rpc/session-cancel-on-disconnect.ts';
export { MAX_CHANNELS_PER_REQUEST, SubscribeParams, SubscribeResult } from './rpc/subscribe.ts';
export { UnsubscribeParams, UnsubscribeResult } from './rpc/unsubscribe.ts';
export { validateParams, type ParamsValidation } from './rpc/validate-params.ts';

// subscriptions
export {
  BookChannel,
  Channel,
  MARKET_CHANNEL_KINDS,
  PRIVATE_CHANNELS,
  PrivateChannelName,
  TickerChannel,
  TradesChannel,
  marketChannel,
  parseChannel,
  type ChannelKind,
  type MarketChannelKind,
  type ParsedChannel,
  type PrivateChannel,
} from './subscriptions/channel.ts';
export {
  AccountChannelData,
  AccountChannelSnapshot,
  BookChannelData,
  BookChannelSnapshot,
  OrdersChannelData,
  OrdersChannelSnapshot,
  PositionsChannelData,
  PositionsChannelSnapshot,
} from './subscriptions/channel-data.ts';
export { ServerNotification } from './subscriptions/server-notification.ts';
export {
  SESSION_SHUTDOWN_METHOD,
  SessionShutdownNotification,
  sessionShutdownNotification,
} from './subscriptions/session-shutdown.ts';
export {
  AccountNotification,
  BookNotification,
  FillsNotification,
  OrdersNotification,
  PositionsNotification,
  SUBSCRIPTION_METHOD,
  SubscriptionNotification,
  TickerNotification,
  TradesNotification,
  subscriptionNotification,
  type ChannelDataByKind,
  type ChannelDataOf,
} from './subscriptions/subscription-notification.ts';

// queue
export {
  AdminAccountCreateCommand,
  AdminAccountCreatePayload,
  AdminDepositCommand,
  AdminDepositPayload,
  AdminTradingStateSetCommand,
} from './queue/admin-commands.ts';
export {
  COMMAND_TYPES,
  CommandEnvelope,
  type CommandOf,
  type CommandType,
} from './queue/command-envelope.ts';
export { CommandSource } from './queue/command-source.ts';
export { orderRequestDigest } from './queue/order-request-digest.ts';
export {
  SQS_ID_PATTERN,
  commandDeduplicationId,
  deduplicationIdOf,
  depositCommandId,
  messageGroupIdOf,
} from './queue/deduplication-id.ts';
export { COMMAND_ENVELOPE_VERSIONS } from './queue/envelope-base.ts';
export {
  OrderCancelAllCommand,
  OrderCancelAllPayload,
  OrderCancelCommand,
  OrderCancelPayload,
  OrderPlaceCommand,
  OrderPlacePayload,
} from './queue/order-commands.ts';
export {
  VenueCancelReason,
  VenueCancelRejectedCommand,
  VenueCancelRejectedPayload,
  VenueOrderAcceptedCommand,
  VenueOrderAcceptedPayload,
  VenueOrderCanceledCommand,
  VenueOrderCanceledPayload,
  VenueOrderExpiredCommand,
  VenueOrderExpiredPayload,
  VenueOrderFilledCommand,
  VenueOrderFilledPayload,
  VenueOrderRejectedCommand,
  VenueOrderRejectedPayload,
} from './queue/venue-events.ts';

// versioned parsing
export {
  MessageParseError,
  MessageParseErrorCode,
  type MessageIssue,
  type MessageParseErrorDetails,
} from './versioning/message-parse-error.ts';
export {
  parseAccountEvent,
  parseCommandEnvelope,
  parseExecutionReport,
  parseMarketDataEvent,
  safeParseAccountEvent,
  safeParseCommandEnvelope,
  safeParseExecutionReport,
  safeParseMarketDataEvent,
} from './versioning/parsers.ts';
export type { MessageParser, ParseOutcome } from './versioning/versioned-parser.ts';

// JSON Schema
export {
  ASYNCAPI_SERVER,
  asyncApiDocument,
  type AsyncApiDocument,
} from './json-schema/asyncapi-document.ts';
export {
  exportJsonSchemaDocument,
  exportJsonSchemas,
  methodSchemaName,
  type JsonSchema,
  type JsonSchemaExportOptions,
} from './json-schema/export-json-schemas.ts';

// the notifier's internal API
export { LinkCodeRequest, TelegramLinkResult } from './notifier/link-code.ts';
export {
  DedupeKey,
  MarginAlertData,
  MarginCallActionsData,
  MarginRemedyData,
  NotificationAccepted,
  NotificationRequest,
  PositionCloseData,
  TradingStateAlertData,
} from './notifier/notification-request.ts';

// Domain <-> wire: the one crossing
export {
  decimalText,
  decimalTextOrNull,
  newOrderOf,
  notificationOfRequest,
  orderEventOf,
  reportFieldsOf,
  wireAccountSnapshot,
  wireFill,
  wireInstrument,
  wireOrder,
  wirePosition,
  wireReport,
  type VenueEventCommand,
} from './mapping/index.ts';
