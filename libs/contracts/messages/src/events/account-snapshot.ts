import { z } from 'zod';
import { Decimal, NonNegativeDecimal } from '../primitives/decimal.ts';
import { AccountId } from '../primitives/identifiers.ts';
import { TimestampMs } from '../primitives/timestamp.ts';
import { TradingState } from '../trading/trading-state.ts';

/**
 * Balances and margin of one account (account.get, `account` channel), all in the collateral
 * currency (USD). Equity = collateral + unrealizedPnl. `marginUtilization` is the ratio
 * maintenanceMargin / equity ("0.8" is 80 %), and null when equity <= 0: utilisation is then
 * unbounded, which no decimal can say. `tradingState` is the strictest state that applies.
 */
export const AccountSnapshot = z.strictObject({
  accountId: AccountId,
  collateral: Decimal,
  equity: Decimal,
  unrealizedPnl: Decimal,
  initialMargin: NonNegativeDecimal,
  maintenanceMargin: NonNegativeDecimal,
  availableMargin: Decimal,
  marginUtilization: NonNegativeDecimal.nullable(),
  tradingState: TradingState,
  ts: TimestampMs,
});
export type AccountSnapshot = z.infer<typeof AccountSnapshot>;
