import { LIST_LIMIT_DEFAULT, type Order as WireOrder, wireOrder } from '@perp/contracts';
import type { AccountId, InstrumentSymbol } from '@perp/trading-domain';
import type { GatewayContext } from '../context.ts';
import { failures } from '../rpc/rpc-failure.ts';
import type { MethodHandler } from './method-handler.ts';

/** The account's last report seq, read before its orders (see `wireOrder`). */
async function lastSeq(ctx: GatewayContext, accountId: AccountId): Promise<number> {
  return (await ctx.store.getBalance(accountId))?.value.seq ?? 0;
}

/** order.get: the caller's own order only; any other is unknown (10005). */
export const orderGet: MethodHandler<'order.get'> = async (ctx, { params, caller }) => {
  const { accountId } = caller;
  const { orderId, clientOrderId } = params;
  const seq = await lastSeq(ctx, accountId);
  // The contract admits exactly one of the two references.
  const found =
    orderId !== undefined
      ? await ctx.store.getOrder(accountId, orderId)
      : clientOrderId !== undefined
        ? await ctx.store.getOrderByClientOrderId(accountId, clientOrderId)
        : undefined;
  if (!found) throw failures.unknownOrder();
  return wireOrder(found.value, seq);
};

/** orders.open: newest first. */
export const ordersOpen: MethodHandler<'orders.open'> = async (ctx, { params, caller }) => {
  const accountId = caller.accountId;
  return readOpenOrders(ctx, accountId, await lastSeq(ctx, accountId), params.symbol);
};

/** Open orders newest first, each carrying `seq` (the last report read before them). */
export async function readOpenOrders(
  ctx: Pick<GatewayContext, 'store'>,
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

/** orders.history: newest first, `before` exclusive (ms), at most `limit`. */
export const ordersHistory: MethodHandler<'orders.history'> = async (ctx, { params, caller }) => {
  const accountId = caller.accountId;
  const seq = await lastSeq(ctx, accountId);
  const orders = await ctx.store.listOrders(accountId, {
    ...(params.symbol === undefined ? {} : { symbol: params.symbol }),
    limit: params.limit ?? LIST_LIMIT_DEFAULT,
    ...(params.before === undefined ? {} : { before: params.before }),
  });
  return orders.map((order) => wireOrder(order, seq));
};
