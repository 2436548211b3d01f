import type { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ClientOrderId,
  CommandId,
  InstrumentSymbol,
  Liquidity,
  OrderId,
  OrderSide,
  TradeId,
} from '@perp/trading-domain';

/** A stored value with the version its conditional writes are checked against. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

/** An account's cash and the sequence number of its last execution report. */
export interface AccountBalance {
  readonly accountId: AccountId;
  /** Deposits + realised PnL - fees, in USD. */
  readonly collateral: Decimal;
  /** The `seq` of the newest execution report; the next report gets `seq + 1`. */
  readonly seq: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface FillRecord {
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly tradeId: TradeId;
  readonly price: Decimal;
  readonly quantity: Decimal;
  readonly fee: Decimal;
  readonly liquidity: Liquidity;
  readonly realizedPnl: Decimal;
  readonly ts: number;
}

/** The client order id's claim: which order holds it and a digest of the request that claimed it. */
export interface ClientOrderClaim {
  readonly clientOrderId: ClientOrderId;
  readonly orderId: OrderId;
  readonly requestDigest: string;
}

/** A processed command and what it produced, kept (with a TTL) to make redelivery harmless. */
export interface CommandRecord {
  readonly commandId: CommandId;
  readonly accountId: AccountId;
  readonly commandType: string;
  /** The execution reports (and other events) it produced, to re-publish after a crash. */
  readonly reports: readonly unknown[];
  readonly processedAt: number;
}
