import { z } from 'zod';
import { Decimal, PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TimestampMs } from '../primitives/timestamp.ts';

/**
 * A netting position (positions.list, `positions` channel). `quantity` is signed: negative is
 * short. `entryPrice` is null when the position is flat (it is still sent after closing, so the
 * client sees it go to zero).
 */
export const Position = z.strictObject({
  accountId: AccountId,
  symbol: InstrumentSymbol,
  quantity: Decimal,
  entryPrice: PositiveDecimal.nullable(),
  markPrice: PositiveDecimal,
  unrealizedPnl: Decimal,
  realizedPnl: Decimal,
  ts: TimestampMs,
});
export type Position = z.infer<typeof Position>;
