import { z } from 'zod';
import { Decimal, PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId, ClientOrderId, OrderId, TradeId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { Liquidity, OrderSide } from '../trading/order-enums.ts';

/**
 * One trade of one of the account's orders (`fills` channel, fills.list). `fee` is in the
 * collateral currency and negative for a rebate. Unique per (accountId, orderId, tradeId).
 */
export const Fill = z.strictObject({
  accountId: AccountId,
  orderId: OrderId,
  clientOrderId: ClientOrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  tradeId: TradeId,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  fee: Decimal,
  liquidity: Liquidity,
  ts: TimestampMs,
});
export type Fill = z.infer<typeof Fill>;
