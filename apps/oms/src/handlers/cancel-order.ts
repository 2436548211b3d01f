import type { CommandType, OrderCancelAllCommand, OrderCancelCommand } from '@perp/contracts';
import {
  applyOrderEvent,
  canApply,
  cancelRejectedReport,
  followUpCommandId,
  isCancelReason,
  isOpenStatus,
  type CancelReason,
  type CommandId,
  type Order,
  type RequestedCancelReason,
} from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import { answerEventCommandId, type VenueCancelAnswer } from '@perp/venue-adapter';
import { commitAndPublish, storedChange } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { isUnknownOutcome } from '../routing.ts';

/** Asks the venue the order went to; a venue account this OMS no longer trades throws. */
async function requestVenueCancel(ctx: OmsContext, order: Order): Promise<VenueCancelAnswer> {
  return ctx.venues.client(order.route).cancelOrder({
    accountId: order.accountId,
    orderId: order.orderId,
    symbol: order.symbol,
  });
}

/**
 * order.cancel: the cancel goes to the venue first. Canceled at once: the order is stored
 * `canceled` with its report in one transaction. Otherwise (the venue answers later, or not at
 * all) it is stored `pending_cancel` with the reason asked for, and the venue's event completes
 * it; an outage is retried. A cancel of an order that is no longer open is answered with a
 * `cancel_rejected` report.
 */
export async function cancelOrder(ctx: OmsContext, command: OrderCancelCommand): Promise<void> {
  const { accountId, payload } = command;
  const log = ctx.logger.child({ accountId, commandId: command.commandId });
  const { clientOrderId } = payload;
  const orderId =
    payload.orderId ?? (clientOrderId && ctx.recent.orderIdOf(accountId, clientOrderId));
  const found = orderId
    ? await ctx.store.getOrder(accountId, orderId)
    : clientOrderId && (await ctx.store.getOrderByClientOrderId(accountId, clientOrderId));
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
    // A retried cancel: ask the venue again; only its answer changes anything.
    const answer = await requestVenueCancel(ctx, order);
    // Its own command id: the pending state was committed under the cancel's.
    if (answer.outcome === 'canceled')
      await commitCanceled(
        ctx,
        followUpCommandId(command.commandId, 'venue-answer'),
        found,
        isCancelReason(order.reason) ? order.reason : null,
        answer.ts,
      );
    return;
  }
  if (!isOpenStatus(order.status)) {
    const balance = await ctx.store.getBalance(accountId);
    if (!balance) return;
    await commitAndPublish(
      ctx,
      storedChange(
        command,
        {
          balance: { read: balance },
          reports: [cancelRejectedReport(order, 'ORDER_NOT_OPEN', now)],
        },
        now,
      ),
    );
    return;
  }
  const pending = () =>
    markPendingCancel(ctx, command.commandId, command.type, [found], payload.reason, now);
  let answer: VenueCancelAnswer;
  try {
    answer = await requestVenueCancel(ctx, order);
  } catch (error) {
    // Unknown whether the venue got it: recorded as asked for, and the command comes back.
    if (isUnknownOutcome(error)) await pending();
    throw error;
  }
  if (answer.outcome === 'canceled' && canApply(order.status, 'cancel')) {
    await commitCanceled(ctx, command.commandId, found, payload.reason, answer.ts);
    return;
  }
  await pending();
}

/** The venue canceled the order when asked: order and report in one transaction. */
async function commitCanceled(
  ctx: OmsContext,
  commandId: CommandId,
  found: Versioned<Order>,
  reason: CancelReason | null,
  ts: number,
): Promise<void> {
  const { accountId } = found.value;
  const balance = await ctx.store.getBalance(accountId);
  if (!balance) return;
  const now = ctx.clock();
  const { order, report } = applyOrderEvent(found.value, {
    type: 'cancel',
    reason: reason ?? 'USER_CANCELED',
    ts,
  });
  const outcome = await commitAndPublish(
    ctx,
    storedChange(
      { commandId, accountId, type: 'order.cancel' },
      {
        orders: [{ value: order, expectedVersion: found.version }],
        balance: { read: balance },
        reports: [report],
      },
      now,
    ),
  );
  if (outcome === 'committed')
    ctx.recent.answered(answerEventCommandId(order.route.venue, 'canceled', order.orderId));
}

/** order.cancelAll: every open order of the account (of one symbol if given), in one transaction. */
export async function cancelAllOrders(
  ctx: OmsContext,
  command: OrderCancelAllCommand,
): Promise<void> {
  const { accountId } = command;
  const { symbol } = command.payload;
  const listed = await ctx.store.listOpenOrders(accountId, symbol);
  const open = listed.filter((o) => o.value.status !== 'pending_cancel');
  const now = ctx.clock();
  // A transaction holds at most 100 items: the command record plus up to 99 orders per chunk.
  for (let start = 0; start < open.length; start += 99) {
    const chunk = open.slice(start, start + 99);
    const commandId =
      start === 0 ? command.commandId : followUpCommandId(command.commandId, String(start / 99));
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
  commandType: CommandType,
  orders: readonly Versioned<Order>[],
  reason: RequestedCancelReason,
  now: number,
): Promise<void> {
  const accountId = orders[0]?.value.accountId;
  if (accountId === undefined) return;
  const updated = orders.map(({ value, version }) => {
    const { order } = applyOrderEvent(value, { type: 'request_cancel', ts: now });
    return { value: { ...order, reason }, expectedVersion: version };
  });
  await commitAndPublish(
    ctx,
    storedChange({ commandId, accountId, type: commandType }, { orders: updated }, now),
  );
}
