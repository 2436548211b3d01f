import { LIST_LIMIT_DEFAULT, wireOrder } from '@perp/contracts';
import { type AccountReaders, lastReportSeq, readOpenOrders } from '@perp/account-views';
import type { MethodHandler } from '../rpc/method-handler.ts';
import { failures } from '../rpc/rpc-failure.ts';

/** The order queries read the trading store only. */
type OrderQueryContext = Pick<AccountReaders, 'store'>;

/** order.get: the caller's own order only; any other is unknown (10005). */
export const orderGet: MethodHandler<'order.get', OrderQueryContext> = async (
  ctx,
  { params, caller },
) => {
  const { accountId } = caller;
  const { orderId, clientOrderId } = params;
  const seq = await lastReportSeq(ctx, accountId);
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
export const ordersOpen: MethodHandler<'orders.open', OrderQueryContext> = async (
  ctx,
  { params, caller },
) => {
  const accountId = caller.accountId;
  return readOpenOrders(ctx, accountId, await lastReportSeq(ctx, accountId), params.symbol);
};

/** orders.history: newest first, `before` exclusive (ms), at most `limit`. */
export const ordersHistory: MethodHandler<'orders.history', OrderQueryContext> = async (
  ctx,
  { params, caller },
) => {
  const accountId = caller.accountId;
  const seq = await lastReportSeq(ctx, accountId);
  const orders = await ctx.store.listOrders(accountId, {
    ...(params.symbol === undefined ? {} : { symbol: params.symbol }),
    limit: params.limit ?? LIST_LIMIT_DEFAULT,
    ...(params.before === undefined ? {} : { before: params.before }),
  });
  return orders.map((order) => wireOrder(order, seq));
};
