import { applyOrderEvent, type AccountId, type Order } from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import { VenueRequestError } from '@perp/venue-adapter';
import { commandRecord, commitAndPublish } from './commit.ts';
import type { OmsContext } from './context.ts';
import { sequenceReports } from './wire-report.ts';

/**
 * Sends a submitted order to the venue. A timeout or venue outage throws (retryable): the command
 * is not deleted from the queue, so it comes back and routes again, and the venue's idempotency on
 * our order id makes that safe. The order stays `submitted` meanwhile: never guessed. A request
 * the venue refuses outright is a final answer: the order is rejected.
 */
export async function routeOrder(
  ctx: OmsContext,
  order: Versioned<Order>,
  commandId: string,
): Promise<void> {
  const { value } = order;
  try {
    await ctx.venue.placeOrder({
      accountId: value.accountId,
      orderId: value.orderId,
      symbol: value.symbol,
      side: value.side,
      type: value.type,
      timeInForce: value.timeInForce,
      price: value.price?.toString() ?? null,
      quantity: value.quantity.toString(),
      postOnly: value.postOnly,
      reduceOnly: value.reduceOnly,
    });
  } catch (error) {
    if (!(error instanceof VenueRequestError)) throw error;
    ctx.logger.warn(
      { orderId: value.orderId, code: error.code, err: error },
      'venue refused the order request',
    );
    await rejectOrder(ctx, order, `${commandId}:venue-refused`);
  }
}

async function rejectOrder(
  ctx: OmsContext,
  order: Versioned<Order>,
  commandId: string,
): Promise<void> {
  const accountId = order.value.accountId as AccountId;
  const balance = await ctx.store.getBalance(accountId);
  if (!balance) return;
  const now = ctx.clock();
  const { order: rejected, report } = applyOrderEvent(order.value, {
    type: 'reject',
    reason: 'VENUE_REJECTED',
    ts: now,
  });
  const reports = sequenceReports(report ? [report] : [], balance.value.seq);
  await commitAndPublish(
    ctx,
    {
      accountId,
      command: commandRecord({ commandId, accountId, type: 'venue.orderRejected' }, reports, now),
      orders: [{ value: rejected, expectedVersion: order.version }],
      balance: {
        value: { ...balance.value, seq: balance.value.seq + reports.length, updatedAt: now },
        expectedVersion: balance.version,
      },
    },
    reports,
  );
}
