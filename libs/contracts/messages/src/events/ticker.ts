import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';

/**
 * Top of book, last trade and mark of one symbol (`ticker.SYMBOL`, at most every 100 ms). A
 * side with no orders, a symbol that never traded or has no mark yet gives null, never "0".
 */
export const Ticker = z.strictObject({
  symbol: InstrumentSymbol,
  bestBidPrice: PositiveDecimal.nullable(),
  bestBidQuantity: PositiveDecimal.nullable(),
  bestAskPrice: PositiveDecimal.nullable(),
  bestAskQuantity: PositiveDecimal.nullable(),
  lastPrice: PositiveDecimal.nullable(),
  markPrice: PositiveDecimal.nullable(),
  ts: TimestampMs,
});
export type Ticker = z.infer<typeof Ticker>;
