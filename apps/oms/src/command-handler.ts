import { safeParseCommandEnvelope, type CommandEnvelope } from '@perp/contracts';
import { PoisonMessageError, type QueueMessage } from '@perp/sqs-adapter';
import { IllegalTransitionError, OrderError } from '@perp/trading-domain';
import { StaleStateError } from './commit.ts';
import type { OmsContext } from './context.ts';
import { createAccount, deposit, setTradingState } from './handlers/admin.ts';
import { cancelAllOrders, cancelOrder } from './handlers/cancel-order.ts';
import { placeOrder, type Delivery } from './handlers/place-order.ts';
import { applyVenueEvent } from './handlers/venue-events.ts';

const STALE_RETRIES = 3;

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

async function dispatch(
  ctx: OmsContext,
  command: CommandEnvelope,
  delivery: Delivery,
): Promise<void> {
  switch (command.type) {
    case 'order.place':
      return placeOrder(ctx, command, delivery);
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
      await applyVenueEvent(ctx, command);
      return;
  }
}

/**
 * One queued command, start to end. Idempotent without a read up front (one DynamoDB read less
 * per command): each handler meets a redelivered command in the state it left, and its commit
 * carries the command record, which refuses a second commit. Where it finds its work done it
 * publishes the stored reports again (the process may have died between the write and the
 * publication) and repeats only the venue request an order still waits for. Invalid commands are
 * poison (moved to the DLQ); store and venue outages are retryable (thrown).
 */
export function commandHandler(ctx: OmsContext): (message: QueueMessage) => Promise<void> {
  // Messages this process has handled before: the consumer retries a failed one in process.
  const seen = new WeakSet<QueueMessage>();
  return async (message) => {
    const command = parse(message);
    const handledBefore = seen.has(message);
    seen.add(message);
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Any earlier attempt may have reached the venue before it failed.
        const redelivered = message.receiveCount > 1 || handledBefore || attempt > 1;
        await dispatch(ctx, command, { redelivered });
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
