import { orderRequestDigest, type OrderPlaceCommand } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  applyOrderEvent,
  checkPreTradeRisk,
  createOrder,
  orderExposure,
  type AccountId,
  type ClientOrderId,
  type CommandId,
  type InstrumentSymbol,
  type Order,
} from '@perp/trading-domain';
import { newOrderId } from '@perp/trading-store';
import { VenueUnavailableError } from '@perp/venue-adapter';
import { loadAccountState } from '../account-state.ts';
import { commandRecord, commitAndPublish, republish } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { routeOrder } from '../routing.ts';
import { sequenceReports } from '../wire-report.ts';

/**
 * order.place: claim the client order id, run pre-trade risk, then either deny (a report) or
 * store the order as submitted and route it to the venue. The venue's answer comes back as venue
 * events through the queue.
 */
export async function placeOrder(ctx: OmsContext, command: OrderPlaceCommand): Promise<void> {
  const accountId = command.accountId as AccountId;
  const payload = command.payload;
  const clientOrderId = payload.clientOrderId as ClientOrderId;
  const log = ctx.logger.child({ accountId, clientOrderId, commandId: command.commandId });
  const digest = orderRequestDigest(payload);

  const claim = await ctx.store.getClaim(accountId, clientOrderId);
  if (claim) {
    if (claim.requestDigest !== digest) {
      log.warn(
        { orderId: claim.orderId },
        'client order id already used with other parameters; ignored',
      );
      return;
    }
    // The same request again (a redelivery after a crash, or a trader's retry): publish what it
    // produced if the process died before, and make sure the order reached the venue; the venue
    // knows it by our order id, so this cannot double it.
    await republish(ctx, accountId, command.commandId as CommandId);
    const existing = await ctx.store.getOrder(accountId, claim.orderId);
    if (existing?.value.status === 'submitted') await routeOrder(ctx, existing, command.commandId);
    return;
  }

  const symbol = payload.symbol as InstrumentSymbol;
  const [loaded, instrument, tradingStates, limits] = await Promise.all([
    loadAccountState(ctx, accountId, symbol).catch((error: unknown) => {
      // No price to check the order against: it cannot be placed, and it was never sent.
      if (error instanceof VenueUnavailableError) return 'venue_unavailable' as const;
      throw error;
    }),
    ctx.instruments.get(symbol),
    ctx.config.getTradingStates(accountId, symbol),
    ctx.config.getRiskLimits(),
  ]);
  const now = ctx.clock();
  const newOrder = (): Order =>
    createOrder({
      orderId: newOrderId(now),
      clientOrderId,
      accountId,
      symbol,
      side: payload.side,
      type: payload.type,
      timeInForce: payload.timeInForce,
      price: payload.type === 'limit' ? Decimal.parse(payload.price) : null,
      quantity: Decimal.parse(payload.quantity),
      postOnly: payload.postOnly,
      reduceOnly: payload.reduceOnly,
      createdAt: now,
    });
  if (loaded === 'venue_unavailable') {
    const balance = await ctx.store.getBalance(accountId);
    if (!balance) return;
    const order = newOrder();
    const rejected = applyOrderEvent(order, {
      type: 'reject',
      reason: 'VENUE_UNAVAILABLE',
      ts: now,
    });
    const reports = sequenceReports(rejected.report ? [rejected.report] : [], balance.value.seq);
    log.warn({ orderId: order.orderId }, 'no market from the venue; order rejected');
    await commitAndPublish(
      ctx,
      {
        accountId,
        command: commandRecord(command, reports, now),
        claim: { clientOrderId, orderId: order.orderId, requestDigest: digest },
        orders: [{ value: rejected.order, expectedVersion: null }],
        balance: {
          value: { ...balance.value, seq: balance.value.seq + reports.length, updatedAt: now },
          expectedVersion: balance.version,
        },
      },
      reports,
    );
    return;
  }
  const state = loaded;
  if (!state) {
    log.warn('order for an unknown account; ignored');
    return;
  }
  const order: Order = newOrder();
  const market = state.markets.get(symbol);
  const position =
    state.positions.find((p) => p.value.symbol === symbol)?.value.quantity ?? Decimal.ZERO;
  const risk = checkPreTradeRisk({
    order,
    instrument,
    tradingStates,
    mark: market?.mark ?? Decimal.ZERO,
    bestBid: market?.bestBid ?? null,
    bestAsk: market?.bestAsk ?? null,
    positionQuantity: position,
    openOrders: state.openOrders.map((o) => orderExposure(o.value)),
    availableMargin: state.margin.availableMargin,
    limits,
    recentOrderCount: state.openOrders.filter((o) => o.value.createdAt > now - 1_000).length,
  });
  const claimRecord = { clientOrderId, orderId: order.orderId, requestDigest: digest };

  if (!risk.ok) {
    const denied = applyOrderEvent(order, { type: 'deny', reason: risk.reason, ts: now });
    const reports = sequenceReports(denied.report ? [denied.report] : [], state.balance.value.seq);
    log.info({ orderId: order.orderId, reason: risk.reason }, 'order denied');
    await commitAndPublish(
      ctx,
      {
        accountId,
        command: commandRecord(command, reports, now),
        claim: claimRecord,
        orders: [{ value: denied.order, expectedVersion: null }],
        balance: {
          value: { ...state.balance.value, seq: state.balance.value.seq + 1, updatedAt: now },
          expectedVersion: state.balance.version,
        },
      },
      reports,
    );
    return;
  }

  const outcome = await commitAndPublish(
    ctx,
    {
      accountId,
      command: commandRecord(command, [], now),
      claim: claimRecord,
      orders: [{ value: order, expectedVersion: null }],
    },
    [],
  );
  if (outcome === 'committed')
    await routeOrder(ctx, { value: order, version: 1 }, command.commandId);
}
