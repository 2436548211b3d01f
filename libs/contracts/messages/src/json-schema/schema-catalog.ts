import type { z } from 'zod';
import { AccountEvent } from '../events/account-event.ts';
import { AccountSnapshot } from '../events/account-snapshot.ts';
import { BookLevel, BookLevelChange, BookSnapshot, BookUpdate } from '../events/book.ts';
import { ExecutionReport } from '../events/execution-report.ts';
import { Fill } from '../events/fill.ts';
import { Instrument } from '../events/instrument.ts';
import { MarketDataEvent } from '../events/market-data-event.ts';
import { Order } from '../events/order.ts';
import { Position } from '../events/position.ts';
import { PublicTrade } from '../events/public-trade.ts';
import { Ticker } from '../events/ticker.ts';
import { InvalidParamsErrorData, RateLimitedErrorData } from '../jsonrpc/error-codes.ts';
import {
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcSuccessResponse,
} from '../jsonrpc/framing.ts';
import { Decimal, NonNegativeDecimal, PositiveDecimal } from '../primitives/decimal.ts';
import {
  AccountId,
  ClientOrderId,
  CommandId,
  OrderId,
  TradeId,
  TraceId,
  VenueName,
  VenueOrderId,
} from '../primitives/identifiers.ts';
import { AssetCode, InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { Sequence, SequenceCursor, TimestampMs } from '../primitives/timestamp.ts';
import {
  AdminAccountCreateCommand,
  AdminAccountCreatePayload,
  AdminDepositCommand,
  AdminDepositPayload,
  AdminTradingStateSetCommand,
} from '../queue/admin-commands.ts';
import { CommandEnvelope } from '../queue/command-envelope.ts';
import { CommandSource } from '../queue/command-source.ts';
import {
  OrderCancelAllCommand,
  OrderCancelAllPayload,
  OrderCancelCommand,
  OrderCancelPayload,
  OrderPlaceCommand,
  OrderPlacePayload,
} from '../queue/order-commands.ts';
import {
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
} from '../queue/venue-events.ts';
import { CommandAck } from '../rpc/command-ack.ts';
import { NoParams } from '../rpc/no-params.ts';
import { OrderPlaceAck } from '../rpc/order-place.ts';
import {
  BookChannel,
  Channel,
  PrivateChannelName,
  TickerChannel,
  TradesChannel,
} from '../subscriptions/channel.ts';
import {
  AccountChannelData,
  AccountChannelSnapshot,
  BookChannelData,
  BookChannelSnapshot,
  OrdersChannelData,
  OrdersChannelSnapshot,
  PositionsChannelData,
  PositionsChannelSnapshot,
} from '../subscriptions/channel-data.ts';
import { ServerNotification } from '../subscriptions/server-notification.ts';
import { SessionShutdownNotification } from '../subscriptions/session-shutdown.ts';
import {
  AccountNotification,
  BookNotification,
  FillsNotification,
  OrdersNotification,
  PositionsNotification,
  SubscriptionNotification,
  TickerNotification,
  TradesNotification,
} from '../subscriptions/subscription-notification.ts';
import {
  ExecType,
  Liquidity,
  OrderSide,
  OrderStatus,
  OrderType,
  RespType,
  TimeInForce,
} from '../trading/order-enums.ts';
import {
  CancelReason,
  CancelRejectReason,
  ExpireReason,
  OrderReason,
  RequestedCancelReason,
  RiskRejectReason,
  VenueRejectReason,
} from '../trading/order-reason.ts';
import { AuthLevel, Role } from '../trading/roles.ts';
import { TradingStateChange } from '../trading/trading-state-change.ts';
import { InstrumentStatus, TradingState, TradingStateScope } from '../trading/trading-state.ts';

/**
 * Every named message and building block, under the name its JSON Schema is published with.
 * These names are a contract of their own (the AsyncAPI document refers to them): rename never,
 * add freely. Method params and results get their names from the method registry instead.
 */
export const namedSchemas: Readonly<Record<string, z.ZodType>> = {
  // primitives
  Decimal,
  NonNegativeDecimal,
  PositiveDecimal,
  ClientOrderId,
  OrderId,
  VenueOrderId,
  TradeId,
  AccountId,
  CommandId,
  TraceId,
  VenueName,
  InstrumentSymbol,
  AssetCode,
  TimestampMs,
  Sequence,
  SequenceCursor,
  // trading vocabulary
  OrderSide,
  OrderType,
  TimeInForce,
  OrderStatus,
  ExecType,
  Liquidity,
  RespType,
  OrderReason,
  RiskRejectReason,
  VenueRejectReason,
  CancelReason,
  ExpireReason,
  CancelRejectReason,
  Role,
  AuthLevel,
  TradingState,
  TradingStateScope,
  InstrumentStatus,
  TradingStateChange,
  // domain messages
  ExecutionReport,
  Order,
  Fill,
  Position,
  AccountSnapshot,
  Instrument,
  BookLevel,
  BookLevelChange,
  BookSnapshot,
  BookUpdate,
  PublicTrade,
  Ticker,
  AccountEvent,
  MarketDataEvent,
  // JSON-RPC framing
  JsonRpcId,
  JsonRpcRequest,
  JsonRpcNotification,
  JsonRpcSuccessResponse,
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcResponse,
  InvalidParamsErrorData,
  RateLimitedErrorData,
  NoParams,
  CommandAck,
  OrderPlaceAck,
  // subscriptions
  Channel,
  PrivateChannel: PrivateChannelName,
  BookChannel,
  TradesChannel,
  TickerChannel,
  OrdersChannelSnapshot,
  OrdersChannelData,
  PositionsChannelSnapshot,
  PositionsChannelData,
  AccountChannelSnapshot,
  AccountChannelData,
  BookChannelSnapshot,
  BookChannelData,
  OrdersNotification,
  FillsNotification,
  PositionsNotification,
  AccountNotification,
  BookNotification,
  TradesNotification,
  TickerNotification,
  SubscriptionNotification,
  SessionShutdownNotification,
  ServerNotification,
  // queue
  CommandSource,
  RequestedCancelReason,
  VenueCancelReason,
  OrderPlacePayload,
  OrderPlaceCommand,
  OrderCancelPayload,
  OrderCancelCommand,
  OrderCancelAllPayload,
  OrderCancelAllCommand,
  AdminAccountCreatePayload,
  AdminAccountCreateCommand,
  AdminDepositPayload,
  AdminDepositCommand,
  AdminTradingStateSetCommand,
  VenueOrderAcceptedPayload,
  VenueOrderAcceptedCommand,
  VenueOrderRejectedPayload,
  VenueOrderRejectedCommand,
  VenueOrderFilledPayload,
  VenueOrderFilledCommand,
  VenueOrderCanceledPayload,
  VenueOrderCanceledCommand,
  VenueOrderExpiredPayload,
  VenueOrderExpiredCommand,
  VenueCancelRejectedPayload,
  VenueCancelRejectedCommand,
  CommandEnvelope,
};
