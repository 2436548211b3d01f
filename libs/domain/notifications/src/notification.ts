import type { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ClientOrderId,
  InstrumentSymbol,
  OrderId,
  OrderReason,
  OrderSide,
  OrderType,
  TradeId,
  TradingState,
  TradingStateScope,
} from '@perp/trading-domain';

/** One trade of one of the account's orders. */
export interface FillNotification {
  readonly type: 'fill';
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly tradeId: TradeId;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly fee: Decimal;
  /** Of the order, after this fill. */
  readonly filledQuantity: Decimal;
  readonly orderQuantity: Decimal;
  readonly ts: number;
}

/** An order ended without filling in full, or never started. */
export interface OrderEndedNotification {
  readonly type: 'orderCanceled' | 'orderDenied' | 'orderRejected' | 'orderExpired';
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly price: Decimal | null;
  readonly orderQuantity: Decimal;
  readonly filledQuantity: Decimal;
  readonly reason: OrderReason | null;
  readonly ts: number;
}

/** From the margin-call job: utilisation reached the warning threshold, or liquidation. */
export interface MarginNotification {
  readonly type: 'marginWarning' | 'marginCall';
  readonly accountId: AccountId;
  /** maintenanceMargin / equity; null when equity <= 0 (unbounded). */
  readonly marginUtilization: Decimal | null;
  readonly equity: Decimal;
  readonly maintenanceMargin: Decimal;
  /** The utilisation at which this alert fires ("0.8"). */
  readonly threshold: Decimal;
  /** How to get back under the threshold: the deposit, or the closes at mark. */
  readonly remedy?: {
    readonly deposit: Decimal;
    readonly close: readonly PositionClosed[];
  };
  /** A margin call's: what it did. */
  readonly actions?: {
    readonly ordersCanceled: number;
    readonly closed: readonly PositionClosed[];
  };
  readonly ts: number;
}

/** Part of a position taken off (or to take off) by an order of this side. */
export interface PositionClosed {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly quantity: Decimal;
}

export interface TradingStateNotification {
  readonly type: 'tradingState';
  readonly accountId: AccountId;
  readonly scope: TradingStateScope;
  /** The symbol for scope `symbol`, the account for `account`, null for `global`. */
  readonly target: string | null;
  readonly state: TradingState;
  readonly ts: number;
}

export type Notification =
  FillNotification | OrderEndedNotification | MarginNotification | TradingStateNotification;
