import { orderEventOf, type VenueEventCommand } from '@perp/contracts';
import {
  applyFill,
  applyOrderEvent,
  canApply,
  flatPosition,
  isCancelReason,
  settleFill,
  type AccountBalance,
  type ContractType,
  type Fill,
  type Position,
} from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import { commitAndPublish, storedChange } from '../commit.ts';
import type { OmsContext } from '../context.ts';

/**
 * Applies what the venue says happened to an order. A fill is one transaction: the fill (unique
 * by trade id), the order, the position and the balance. Events that no longer fit the order (a
 * duplicate under another command id) are logged and dropped, never forced. Resolves with
 * whether this call changed the order (`committed`) or not (`unchanged`).
 */
export async function applyVenueEvent(
  ctx: OmsContext,
  command: VenueEventCommand,
): Promise<'committed' | 'unchanged'> {
  const { accountId } = command;
  const { orderId } = command.payload;
  const log = ctx.logger.child({
    accountId,
    orderId,
    commandId: command.commandId,
    event: command.type,
  });
  if (ctx.recent.takeAnswered(command.commandId)) {
    log.debug('venue event repeats an answer this process committed');
    return 'unchanged';
  }
  // The order and this event's own record first: most events the venue streams only repeat an
  // answer the OMS committed when it placed or canceled the order, and need no more reads.
  const [found, record] = await Promise.all([
    ctx.store.getOrder(accountId, orderId),
    ctx.store.getCommand(accountId, command.commandId),
  ]);
  if (record) {
    // This very event, redelivered after its commit: publish what it produced (a no-op if
    // published); nothing changes.
    await ctx.publisher.publish(record.reports);
    log.info('venue event already applied');
    return 'unchanged';
  }
  if (!found) {
    log.warn('venue event for an order we do not know; dropped');
    return 'unchanged';
  }
  const current = found.value;
  const requested =
    current.status === 'pending_cancel' && isCancelReason(current.reason) ? current.reason : null;
  const event = orderEventOf(command, requested);
  if (!canApply(current.status, event.type)) {
    // The stream's copy of an answer committed with the place or cancel, or a duplicate under
    // another id: nothing changes.
    log.debug({ status: current.status }, 'venue event already reflected in the order');
    return 'unchanged';
  }
  const [balance, held, instrument] = await Promise.all([
    ctx.store.getBalance(accountId),
    event.type === 'fill' ? ctx.store.getPosition(accountId, current.symbol) : undefined,
    event.type === 'fill' ? ctx.instruments.get(current.symbol) : undefined,
  ]);
  if (!balance) {
    log.warn('venue event for an account we do not know; dropped');
    return 'unchanged';
  }
  const now = ctx.clock();
  const transition = applyOrderEvent(current, event);
  const settled =
    event.type === 'fill'
      ? settle(
          balance,
          held,
          // An instrument is never removed, only delisted; linear is what every fill was before.
          instrument?.contractType ?? 'linear',
          {
            accountId,
            orderId,
            clientOrderId: current.clientOrderId,
            symbol: current.symbol,
            side: current.side,
            tradeId: event.tradeId,
            price: event.price,
            quantity: event.quantity,
            fee: event.fee,
            liquidity: event.liquidity,
            ts: event.ts,
          },
          now,
        )
      : undefined;
  const outcome = await commitAndPublish(
    ctx,
    storedChange(
      command,
      {
        orders: [{ value: transition.order, expectedVersion: found.version }],
        balance: { read: balance, next: settled?.balance },
        reports: [transition.report],
        ...(settled ? { fill: settled.fill, position: settled.position } : {}),
      },
      now,
    ),
  );
  if (outcome === 'duplicate') return 'unchanged';
  log.debug({ status: transition.order.status }, 'venue event applied');
  return 'committed';
}

/** A fill's effect on the account: the position it changes and the cash it realises and costs. */
function settle(
  balance: Versioned<AccountBalance>,
  held: Versioned<Position> | undefined,
  contractType: ContractType,
  fill: Omit<Fill, 'realizedPnl'>,
  now: number,
): {
  readonly balance: AccountBalance;
  readonly fill: Fill;
  readonly position: { readonly value: Position; readonly expectedVersion: number | null };
} {
  const { position, realizedPnl } = applyFill(
    held?.value ?? flatPosition(fill.accountId, fill.symbol),
    fill,
    contractType,
  );
  return {
    balance: settleFill(balance.value, { realizedPnl, fee: fill.fee }, now),
    fill: { ...fill, realizedPnl },
    position: { value: position, expectedVersion: held?.version ?? null },
  };
}
