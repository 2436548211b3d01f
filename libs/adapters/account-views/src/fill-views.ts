import { wireFill, type ExecutionReport, type Fill as WireFill } from '@perp/contracts';
import type { AccountId } from '@perp/trading-domain';
import type { AccountReaders } from './account-readers.ts';

/**
 * The fill the OMS stored for a trade report (the report carries no liquidity, the fill does),
 * looked up among the symbol's newest fills: the store has no read of one fill by its trade.
 */
export async function readTradeFill(
  ctx: Pick<AccountReaders, 'store'>,
  accountId: AccountId,
  report: ExecutionReport,
): Promise<WireFill | undefined> {
  const fills = await ctx.store.listFills(accountId, { symbol: report.symbol, limit: 50 });
  const found = fills.find((f) => f.tradeId === report.tradeId && f.orderId === report.orderId);
  return found && wireFill(found);
}
