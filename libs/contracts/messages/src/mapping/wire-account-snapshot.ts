import type { AccountId, AccountMargin, TradingState } from '@perp/trading-domain';
import type { AccountSnapshot } from '../events/account-snapshot.ts';
import { decimalText } from './decimal-text.ts';

/** An account's margin as account.get and the `account` channel give it. */
export function wireAccountSnapshot(
  accountId: AccountId,
  margin: AccountMargin,
  tradingState: TradingState,
  ts: number,
): AccountSnapshot {
  return {
    accountId,
    collateral: decimalText(margin.collateral),
    equity: decimalText(margin.equity),
    unrealizedPnl: decimalText(margin.unrealizedPnl),
    initialMargin: decimalText(margin.initialMargin),
    maintenanceMargin: decimalText(margin.maintenanceMargin),
    availableMargin: decimalText(margin.availableMargin),
    // Unbounded when equity <= 0 with exposure, which no decimal can say: null per contract.
    marginUtilization:
      margin.marginUtilization === 'infinite' ? null : decimalText(margin.marginUtilization),
    tradingState,
    ts,
  };
}
