import { safeParseCommandEnvelope, type CommandEnvelope } from '@perp/contracts';
import { PoisonMessageError, type QueueMessage } from '@perp/sqs-adapter';
import {
  IllegalTransitionError,
  OrderError,
  type AccountId,
  type CommandId,
} from '@perp/trading-domain';
import { StaleStateError, republish } from './commit.ts';
import type { OmsContext } from './context.ts';
import { createAccount, deposit, setTradingState } from './handlers/admin.ts';
import { cancelAllOrders, cancelOrder } from './handlers/cancel-order.ts';
import { placeOrder } from './handlers/place-order.ts';
import { applyVenueEvent } from './handlers/venue-events.ts';

const STALE_RETRIES = 3;
const VENUE_FOLLOW_UPS: ReadonlySet<CommandEnvelope['type']> = new Set([
  'order.place',
  'order.cancel',
  'order.cancelAll',
]);

function parse(message: QueueMessage): CommandEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(message.body);
  } catch {
    throw new PoisonMessageError('INVALID_JSON', 'the message body is not JSON');
  }
  const parsed = safeParseCommandEnvelope(json);
  if (!parsed.ok) throw new PoisonMessageError(parsed.error.code, parsed.error.message);
  if (parsed.value.accountId !== message.groupId) {
    throw new PoisonMessageError(
      'WRONG_MESSAGE_GROUP',
      `command for ${parsed.value.accountId} arrived in group ${message.groupId}`,
    );
  }
  return parsed.value;
}

async function dispatch(ctx: OmsContext, command: CommandEnvelope): Promise<void> {
  switch (command.type) {
    case 'order.place':
      return placeOrder(ctx, command);
    case 'order.cancel':
      return cancelOrder(ctx, command);
    case 'order.cancelAll':
      return cancelAllOrders(ctx, command);
    case 'admin.account.create':
      return createAccount(ctx, command);
    case 'admin.deposit':
      return deposit(ctx, command);
    case 'admin.tradingState.set':
      return setTradingState(ctx, command);
    case 'venue.orderAccepted':
    case 'venue.orderRejected':
    case 'venue.orderFilled':
    case 'venue.orderCanceled':
    case 'venue.orderExpired':
    case 'venue.cancelRejected':
      return applyVenueEvent(ctx, command);
  }
}

/**
 * One queued command, start to end. Idempotent: a command already processed only has its reports
 * published again (for the case the process died between the write and the publication) and its
 * venue request repeated if the order still waits for it. Invalid
 * commands are poison (left for the DLQ); store and venue outages are retryable (thrown).
 */
export function commandHandler(ctx: OmsContext): (message: QueueMessage) => Promise<void> {
  return async (message) => {
    const command = parse(message);
    const done = await ctx.store.getCommand(
      command.accountId as AccountId,
      command.commandId as CommandId,
    );
    if (done) {
      await republish(ctx, command.accountId as AccountId, command.commandId as CommandId);
      // The venue request that follows the commit may never have been made (the venue was down,
      // the process died): the handler finds the committed state and makes only that request.
      if (VENUE_FOLLOW_UPS.has(command.type)) await dispatch(ctx, command);
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await dispatch(ctx, command);
        return;
      } catch (error) {
        if (error instanceof StaleStateError && attempt < STALE_RETRIES) continue;
        if (error instanceof IllegalTransitionError || error instanceof OrderError) {
          throw new PoisonMessageError(error.code, error.message, { cause: error });
        }
        throw error;
      }
    }
  };
}
