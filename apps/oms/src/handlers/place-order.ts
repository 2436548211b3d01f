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
import { orderIdForCommand, type TradingChange } from '@perp/trading-store';
import { VenueUnavailableError } from '@perp/venue-adapter';
import { loadAccountState, type AccountState } from '../account-state.ts';
import { commandRecord, commitAndPublish, republish } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { rememberAnswer, routeStoredOrder, sendToVenue, type RoutingOutcome } from '../routing.ts';
import { sequenceReports } from '../wire-report.ts';

/** How the command reached this handler. */
export interface Delivery {
  /** Received before (SQS redelivered it): an earlier attempt may have routed the order. */
  readonly redelivered: boolean;
}

/**
 * order.place: claim the client order id, run pre-trade risk, then either deny (a report) or
 * route the order to the venue and store it with the venue's answer, claim, order and report in
 * one transaction (`accepted` or `rejected`; `submitted` while the outcome is unknown or arrives
 * later as a venue event). Routing before the commit is safe because the order id is derived from
 * the command: a redelivery after a crash in between names the same order at the venue, which
 * does not place it twice, and its events still come through the queue.
 */
export async function placeOrder(
  ctx: OmsContext,
  command: OrderPlaceCommand,
  delivery: Delivery = { redelivered: false },
): Promise<void> {
  const accountId = command.accountId as AccountId;
  const payload = command.payload;
  const clientOrderId = payload.clientOrderId as ClientOrderId;
  const log = ctx.logger.child({ accountId, clientOrderId, commandId: command.commandId });
  const digest = orderRequestDigest(payload);

  const symbol = payload.symbol as InstrumentSymbol;
  // What risk needs is read together with the claim (one round trip less before the venue); a
  // duplicate, which the claim reveals, just does not use it.
  const riskInputs = Promise.all([
    loadAccountState(ctx, accountId, symbol).catch((error: unknown) => {
      // No price to check the order against: it cannot be placed, and it was never sent.
      if (error instanceof VenueUnavailableError) return 'venue_unavailable' as const;
      throw error;
    }),
    ctx.instruments.get(symbol),
    ctx.riskConfig.tradingStates(accountId, symbol),
    ctx.riskConfig.riskLimits(),
  ]);
  riskInputs.catch(() => undefined); // awaited below unless the claim ends the command first
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
    if (existing?.value.status === 'submitted')
      await routeStoredOrder(ctx, existing, command.commandId);
    return;
  }

  const [loaded, instrument, tradingStates, limits] = await riskInputs;
  const now = ctx.clock();
  const newOrder = (): Order =>
    createOrder({
      orderId: orderIdForCommand(command.commandId, command.receivedAt),
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

  if (!risk.ok && delivery.redelivered && (await reachedVenue(ctx, order))) {
    // An earlier attempt routed it and died before its commit: what the venue has stands; its
    // events are in the queue behind this command.
    log.warn({ orderId: order.orderId }, 'redelivered order is already at the venue; kept');
    await commitRouted(ctx, command, order, claimRecord, state, { kind: 'pending' }, now);
    return;
  }
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

  const routed = await sendToVenue(ctx, order);
  await commitRouted(ctx, command, order, claimRecord, state, routed, now);
  // Stored as submitted; the command comes back and routes again.
  if (routed.kind === 'unknown') throw routed.error;
}

async function reachedVenue(ctx: OmsContext, order: Order): Promise<boolean> {
  const found = await ctx.venue.getOrder({
    accountId: order.accountId,
    orderId: order.orderId,
    symbol: order.symbol,
  });
  return found !== undefined;
}

/** One transaction: the command record, the claim, the order as the venue left it, its report. */
async function commitRouted(
  ctx: OmsContext,
  command: OrderPlaceCommand,
  order: Order,
  claim: NonNullable<TradingChange['claim']>,
  state: AccountState,
  routed: RoutingOutcome,
  now: number,
): Promise<void> {
  const transition = routed.kind === 'answered' ? applyOrderEvent(order, routed.event) : undefined;
  const reports = sequenceReports(
    transition?.report ? [transition.report] : [],
    state.balance.value.seq,
  );
  const outcome = await commitAndPublish(
    ctx,
    {
      accountId: order.accountId as AccountId,
      command: commandRecord(command, reports, now),
      claim,
      orders: [{ value: transition?.order ?? order, expectedVersion: null }],
      ...(reports.length > 0
        ? {
            balance: {
              value: {
                ...state.balance.value,
                seq: state.balance.value.seq + reports.length,
                updatedAt: now,
              },
              expectedVersion: state.balance.version,
            },
          }
        : {}),
    },
    reports,
  );
  if (outcome !== 'committed') return;
  ctx.recent.placed(order.accountId as AccountId, claim.clientOrderId, order.orderId);
  if (routed.kind === 'answered') rememberAnswer(ctx, routed.event, order.orderId);
}
