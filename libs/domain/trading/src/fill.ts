import type { Decimal } from '@perp/decimal';
import type {
  AccountId,
  ClientOrderId,
  InstrumentSymbol,
  OrderId,
  TradeId,
} from './identifiers.ts';
import type { Liquidity, OrderSide } from './order-vocabulary.ts';

/** One trade of one of our orders, as the account's history keeps it. */
export interface Fill {
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly tradeId: TradeId;
  readonly price: Decimal;
  readonly quantity: Decimal;
  /** In the quote asset; negative for a rebate. */
  readonly fee: Decimal;
  readonly liquidity: Liquidity;
  /** What the fill realised on the position it changed (zero when it only opened or added). */
  readonly realizedPnl: Decimal;
  readonly ts: number;
}
