import {
  deduplicationIdOf,
  messageGroupIdOf,
  parseCommandEnvelope,
  type CommandEnvelope,
} from '@perp/contracts';
import { marginCallCommandId, type ReduceOrder } from '@perp/margin-calls';
import type { AccountId, ClientOrderId } from '@perp/trading-domain';
import type { MarginCallContext } from './context.ts';

/** Queues a system command on the account's message group, as every producer does. */
async function send(ctx: MarginCallContext, fields: Record<string, unknown>): Promise<void> {
  const command: CommandEnvelope = parseCommandEnvelope({ version: 1, ...fields });
  await ctx.queue.send({
    body: JSON.stringify(command),
    groupId: messageGroupIdOf(command),
    deduplicationId: deduplicationIdOf(command),
  });
}

/** order.cancelAll, source system, reason MARGIN_CALL. */
export function sendCancelAll(
  ctx: MarginCallContext,
  runId: string,
  accountId: AccountId,
): Promise<void> {
  return send(ctx, {
    commandId: marginCallCommandId(runId, accountId, 'cancel'),
    accountId,
    type: 'order.cancelAll',
    source: 'system',
    payload: { reason: 'MARGIN_CALL' },
    receivedAt: ctx.clock(),
    traceId: runId,
  });
}

/** A reduce-only IOC limit order, source system (the contract allows a system nothing else). */
export function sendReduceOrder(
  ctx: MarginCallContext,
  runId: string,
  accountId: AccountId,
  step: string,
  clientOrderId: ClientOrderId,
  order: ReduceOrder,
): Promise<void> {
  return send(ctx, {
    commandId: marginCallCommandId(runId, accountId, step),
    accountId,
    type: 'order.place',
    source: 'system',
    payload: {
      clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: 'limit',
      price: order.price.toString(),
      quantity: order.quantity.toString(),
      timeInForce: 'ioc',
      postOnly: false,
      reduceOnly: true,
    },
    receivedAt: ctx.clock(),
    traceId: runId,
  });
}
