import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';
import { InstrumentSymbol } from '../primitives/instrument-symbol.ts';
import { TradingState } from './trading-state.ts';

const absentTarget = z.never({ error: 'is not allowed for scope global' }).optional();

/**
 * Sets the trading state of everything (`global`), one account or one symbol: the params of
 * admin.tradingState.set and the payload of its queued command.
 */
export const TradingStateChange = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('global'), target: absentTarget, state: TradingState }),
  z.strictObject({ scope: z.literal('account'), target: AccountId, state: TradingState }),
  z.strictObject({ scope: z.literal('symbol'), target: InstrumentSymbol, state: TradingState }),
]);
export type TradingStateChange = z.infer<typeof TradingStateChange>;
