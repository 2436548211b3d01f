import { type Order as WireOrder, wireOrder } from '@perp/contracts';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import type { AccountReaders } from './account-readers.ts';

/** The account's last report seq, read before its orders (see `wireOrder`). */
export async function lastReportSeq(
  ctx: Pick<AccountReaders, 'store'>,
  accountId: AccountId,
): Promise<number> {
  return (await ctx.store.getBalance(accountId))?.value.seq ?? 0;
}

/** Open orders newest first, each carrying `seq` (the last report read before them). */
export async function readOpenOrders(
  ctx: Pick<AccountReaders, 'store'>,
  accountId: AccountId,
  seq: number,
  symbol?: InstrumentSymbol,
): Promise<WireOrder[]> {
  const open = await ctx.store.listOpenOrders(accountId, symbol);
  return open
    .map((o) => o.value)
    .sort((a, b) => b.createdAt - a.createdAt || b.orderId.localeCompare(a.orderId))
    .map((order) => wireOrder(order, seq));
}
