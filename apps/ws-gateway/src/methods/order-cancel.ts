import { retryableOnRedisFailure } from '../dependency-error.ts';
import { failures } from '../rpc/rpc-failure.ts';
import type { MethodHandler } from '../rpc/method-handler.ts';
import type { CommandQueueing } from '../commands/command-queueing.ts';
import type { AccountReaders, TradingReads } from '@perp/account-views';
import { requireTradingAccount } from '../commands/existing-accounts.ts';
import type { OrderPlaceContext } from './order-place.ts';

/** Cancels queue commands; order.cancel finds the order by the place's marker or the store. */
type OrderCancelContext = CommandQueueing &
  Pick<AccountReaders, 'instruments'> &
  Pick<OrderPlaceContext, 'placedOrders' | 'existingAccounts'> & {
    readonly store: Pick<TradingReads, 'getOrder' | 'getOrderByClientOrderId' | 'getBalance'>;
  };

/**
 * order.cancel: only an order of the caller's account on the named symbol (else 10005, also for
 * another account's order, so ids of others are not disclosed). An order placed through a gateway
 * within the marker's lifetime is known by its marker (also before the OMS stored it: its cancel
 * is queued after it); older ones by the OMS's records.
 */
export const orderCancel: MethodHandler<'order.cancel', OrderCancelContext> = async (ctx, call) => {
  const { params, caller } = call;
  const { accountId } = caller;
  const { orderId, clientOrderId } = params;
  const ref = orderId !== undefined ? { orderId } : { clientOrderId };
  let symbol: string | undefined;
  if (orderId !== undefined) {
    symbol = (await ctx.store.getOrder(accountId, orderId))?.value.symbol;
  } else if (clientOrderId !== undefined) {
    // The gateway's own marker of the place (kept an hour) first: one Redis read instead of
    // the claim and the order from DynamoDB.
    symbol =
      (await retryableOnRedisFailure(() => ctx.placedOrders.find(accountId, clientOrderId)))
        ?.symbol ??
      (await ctx.store.getOrderByClientOrderId(accountId, clientOrderId))?.value.symbol;
  }
  if (symbol !== params.symbol) throw failures.unknownOrder();

  const commandId = ctx.newCommandId();
  const command = ctx.commands.build(
    { commandId, traceId: call.traceId, receivedAt: ctx.clock() },
    {
      accountId,
      source: 'trader',
      type: 'order.cancel',
      payload: { ...ref, symbol: params.symbol, reason: 'USER_CANCELED' },
    },
  );
  await ctx.commands.send(command);
  call.log.info({ ...ref, commandId }, 'cancel queued');
  return { ...ref, status: 'pending_cancel', commandId };
};

/** order.cancelAll: every open order of the account, or of one symbol. */
export const orderCancelAll: MethodHandler<'order.cancelAll', OrderCancelContext> = async (
  ctx,
  call,
) => {
  const { params, caller } = call;
  if (params.symbol !== undefined && !(await ctx.instruments.get(params.symbol)))
    throw failures.unknownSymbol(params.symbol);
  // Nothing to cancel without an account: refused, not queued for the OMS to drop.
  await requireTradingAccount(ctx, caller.accountId);
  const commandId = ctx.newCommandId();
  const command = ctx.commands.build(
    { commandId, traceId: call.traceId, receivedAt: ctx.clock() },
    {
      accountId: caller.accountId,
      source: 'trader',
      type: 'order.cancelAll',
      payload: {
        ...(params.symbol === undefined ? {} : { symbol: params.symbol }),
        reason: 'USER_CANCELED',
      },
    },
  );
  await ctx.commands.send(command);
  call.log.info({ symbol: params.symbol, commandId }, 'cancel all queued');
  return { commandId };
};
