import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { TradeId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { OrderSide } from '../trading/order-enums.ts';

/** A match on the public tape (`trades.SYMBOL`); `takerSide` says who crossed the spread. */
export const PublicTrade = z.strictObject({
  symbol: InstrumentSymbol,
  tradeId: TradeId,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  takerSide: OrderSide,
  ts: TimestampMs,
});
export type PublicTrade = z.infer<typeof PublicTrade>;
