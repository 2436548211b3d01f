import type { OrderCancelAllCommand, OrderCancelCommand } from '@perp/contracts';
import {
  applyOrderEvent,
  cancelRejectedReport,
  isOpenStatus,
  type AccountId,
  type ClientOrderId,
  type CommandId,
  type InstrumentSymbol,
  type Order,
  type OrderId,
} from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import { commandRecord, commitAndPublish } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { sequenceReports } from '../wire-report.ts';

async function requestVenueCancel(ctx: OmsContext, order: Order): Promise<void> {
  await ctx.venue.cancelOrder({
    accountId: order.accountId,
    orderId: order.orderId,
    symbol: order.symbol,
  });
}

/**
 * order.cancel: an open order goes to `pending_cancel` (the reason asked for is kept on it) and
 * the cancel goes to the venue, whose answer arrives as a venue event. A cancel of an order that
 * is no longer open is answered with a `cancel_rejected` report.
 */
export async function cancelOrder(ctx: OmsContext, command: OrderCancelCommand): Promise<void> {
  const accountId = command.accountId as AccountId;
  const { payload } = command;
  const log = ctx.logger.child({ accountId, commandId: command.commandId });
  const found = payload.orderId
    ? await ctx.store.getOrder(accountId, payload.orderId as OrderId)
    : await ctx.store.getOrderByClientOrderId(accountId, payload.clientOrderId as ClientOrderId);
  if (!found || found.value.symbol !== payload.symbol) {
    log.warn(
      { orderRef: payload.orderId ?? payload.clientOrderId },
      'cancel of an unknown order; ignored',
    );
    return;
  }
  const order = found.value;
  const now = ctx.clock();
  if (order.status === 'pending_cancel') {
    await requestVenueCancel(ctx, order); // a retried cancel: ask the venue again, change nothing
    return;
  }
  if (!isOpenStatus(order.status)) {
    const balance = await ctx.store.getBalance(accountId);
    if (!balance) return;
    const reports = sequenceReports(
      [cancelRejectedReport(order, 'ORDER_NOT_OPEN', now)],
      balance.value.seq,
    );
    await commitAndPublish(
      ctx,
      {
        accountId,
        command: commandRecord(command, reports, now),
        balance: {
          value: { ...balance.value, seq: balance.value.seq + 1, updatedAt: now },
          expectedVersion: balance.version,
        },
      },
      reports,
    );
    return;
  }
  await markPendingCancel(
    ctx,
    command.commandId as CommandId,
    command.type,
    [found],
    payload.reason,
    now,
  );
  await requestVenueCancel(ctx, order);
}

/** order.cancelAll: every open order of the account (of one symbol if given), in one transaction. */
export async function cancelAllOrders(
  ctx: OmsContext,
  command: OrderCancelAllCommand,
): Promise<void> {
  const accountId = command.accountId as AccountId;
  const symbol = command.payload.symbol as InstrumentSymbol | undefined;
  const listed = await ctx.store.listOpenOrders(accountId, symbol);
  const open = listed.filter((o) => o.value.status !== 'pending_cancel');
  const now = ctx.clock();
  // A transaction holds at most 100 items: the command record plus up to 99 orders per chunk.
  for (let start = 0; start < open.length; start += 99) {
    const chunk = open.slice(start, start + 99);
    const commandId = (
      start === 0 ? command.commandId : `${command.commandId}:${start / 99}`
    ) as CommandId;
    const fresh = await Promise.all(
      chunk.map((o) => ctx.store.getOrder(accountId, o.value.orderId)),
    );
    await markPendingCancel(
      ctx,
      commandId,
      command.type,
      fresh.filter(
        (o): o is Versioned<Order> =>
          o !== undefined && isOpenStatus(o.value.status) && o.value.status !== 'pending_cancel',
      ),
      command.payload.reason,
      now,
    );
  }
  // Every open order, also those already pending a cancel whose request may not have gone out.
  await Promise.all(listed.map((o) => requestVenueCancel(ctx, o.value)));
}

async function markPendingCancel(
  ctx: OmsContext,
  commandId: CommandId,
  commandType: string,
  orders: readonly Versioned<Order>[],
  reason: string,
  now: number,
): Promise<void> {
  if (orders.length === 0) return;
  const accountId = orders[0]?.value.accountId as AccountId;
  const updated = orders.map(({ value, version }) => {
    const { order } = applyOrderEvent(value, { type: 'request_cancel', ts: now });
    return { value: { ...order, reason }, expectedVersion: version };
  });
  await commitAndPublish(
    ctx,
    {
      accountId,
      command: commandRecord({ commandId, accountId, type: commandType }, [], now),
      orders: updated,
    },
    [],
  );
}
