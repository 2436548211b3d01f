import { z } from 'zod';
import { CommandId } from '../primitives/identifiers.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { TradingStateChange } from '../trading/trading-state-change.ts';

/**
 * A trading state the OMS set (admin.tradingState.set), on the events stream for the notifier
 * and other consumers. The command's id names the change: a redelivered command publishes the
 * same event again, and consumers drop the repeat by it.
 */
export const TradingStateEvent = z.intersection(
  TradingStateChange,
  z.object({ commandId: CommandId, ts: TimestampMs }),
);
export type TradingStateEvent = z.infer<typeof TradingStateEvent>;
