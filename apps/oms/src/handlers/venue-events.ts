import type {
  VenueCancelRejectedCommand,
  VenueOrderAcceptedCommand,
  VenueOrderCanceledCommand,
  VenueOrderExpiredCommand,
  VenueOrderFilledCommand,
  VenueOrderRejectedCommand,
  ExecutionReport,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  applyFill,
  applyOrderEvent,
  canApply,
  flatPosition,
  type AccountId,
  type CommandId,
  type OrderEvent,
  type OrderId,
  type TradeId,
  type VenueOrderId,
} from '@perp/trading-domain';
import type { TradingChange } from '@perp/trading-store';
import { commandRecord, commitAndPublish } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { sequenceReports } from '../wire-report.ts';

export type VenueEventCommand =
  | VenueOrderAcceptedCommand
  | VenueOrderRejectedCommand
  | VenueOrderFilledCommand
  | VenueOrderCanceledCommand
  | VenueOrderExpiredCommand
  | VenueCancelRejectedCommand;

function toOrderEvent(
  command: VenueEventCommand,
  requestedCancelReason: string | null,
): OrderEvent {
  const { payload } = command;
  switch (command.type) {
    case 'venue.orderAccepted':
      return {
        type: 'accept',
        venueOrderId: command.payload.venueOrderId as VenueOrderId,
        ts: payload.ts,
      };
    case 'venue.orderRejected':
      return { type: 'reject', reason: command.payload.reason, ts: payload.ts };
    case 'venue.orderFilled':
      return {
        type: 'fill',
        tradeId: command.payload.tradeId as TradeId,
        quantity: Decimal.parse(command.payload.quantity),
        price: Decimal.parse(command.payload.price),
        fee: Decimal.parse(command.payload.fee),
        liquidity: command.payload.liquidity,
        ts: payload.ts,
      };
    case 'venue.orderCanceled':
      // A cancel we asked for carries our reason; one the venue decided on carries its own.
      return {
        type: 'cancel',
        reason: command.payload.reason ?? requestedCancelReason ?? 'VENUE_CANCELED',
        ts: payload.ts,
      };
    case 'venue.orderExpired':
      return { type: 'expire', reason: command.payload.reason, ts: payload.ts };
    case 'venue.cancelRejected':
      return { type: 'cancel_reject', reason: command.payload.reason, ts: payload.ts };
  }
}

/**
 * Applies what the venue says happened to an order. A fill is one transaction: the fill (unique
 * by trade id), the order, the position and the balance. Events that no longer fit the order (a
 * duplicate under another command id) are logged and dropped, never forced.
 */
export async function applyVenueEvent(ctx: OmsContext, command: VenueEventCommand): Promise<void> {
  const accountId = command.accountId as AccountId;
  const orderId = command.payload.orderId as OrderId;
  const log = ctx.logger.child({
    accountId,
    orderId,
    commandId: command.commandId,
    event: command.type,
  });
  if (ctx.recent.takeAnswered(command.commandId)) {
    log.debug('venue event repeats an answer this process committed');
    return;
  }
  // The order and this event's own record first: most events the venue streams only repeat an
  // answer the OMS committed when it placed or canceled the order, and need no more reads.
  const [found, record] = await Promise.all([
    ctx.store.getOrder(accountId, orderId),
    ctx.store.getCommand(accountId, command.commandId as CommandId),
  ]);
  if (record) {
    // This very event, redelivered after its commit: publish what it produced (a no-op if
    // published); nothing changes.
    await ctx.publisher.publish(record.reports as ExecutionReport[]);
    log.info('venue event already applied');
    return;
  }
  if (!found) {
    log.warn('venue event for an order we do not know; dropped');
    return;
  }
  const current = found.value;
  const event = toOrderEvent(command, current.status === 'pending_cancel' ? current.reason : null);
  if (!canApply(current.status, event.type)) {
    // The stream's copy of an answer committed with the place or cancel, or a duplicate under
    // another id: nothing changes.
    log.debug({ status: current.status }, 'venue event already reflected in the order');
    return;
  }
  const [balance, held] = await Promise.all([
    ctx.store.getBalance(accountId),
    event.type === 'fill' ? ctx.store.getPosition(accountId, current.symbol) : undefined,
  ]);
  if (!balance) {
    log.warn('venue event for an account we do not know; dropped');
    return;
  }
  const now = ctx.clock();
  const transition = applyOrderEvent(current, event);
  const reports = sequenceReports(transition.report ? [transition.report] : [], balance.value.seq);
  let change: TradingChange = {
    accountId,
    command: commandRecord(command, reports, now),
    orders: [{ value: transition.order, expectedVersion: found.version }],
    balance: {
      value: { ...balance.value, seq: balance.value.seq + reports.length, updatedAt: now },
      expectedVersion: balance.version,
    },
  };

  if (event.type === 'fill') {
    const { position, realizedPnl } = applyFill(
      held?.value ?? flatPosition(accountId, current.symbol),
      {
        symbol: current.symbol,
        side: current.side,
        quantity: event.quantity,
        price: event.price,
        fee: event.fee,
      },
    );
    change = {
      ...change,
      balance: {
        value: {
          ...balance.value,
          seq: balance.value.seq + reports.length,
          collateral: balance.value.collateral.add(realizedPnl).sub(event.fee),
          updatedAt: now,
        },
        expectedVersion: balance.version,
      },
      position: { value: position, expectedVersion: held?.version ?? null },
      fill: {
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
        realizedPnl,
        ts: event.ts,
      },
    };
  }
  await commitAndPublish(ctx, change, reports);
  log.debug({ status: transition.order.status }, 'venue event applied');
}
