import { newOrderOf, orderRequestDigest, type OrderPlaceCommand } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  applyOrderEvent,
  checkPreTradeRisk,
  claimVerdict,
  createOrder,
  orderExposure,
  orderIdForCommand,
  type ClientOrderClaim,
  type Order,
} from '@perp/trading-domain';
import {
  VenueCredentialsError,
  VenueRequestError,
  VenueUnavailableError,
} from '@perp/venue-adapter';
import { loadAccountState, type AccountState } from '../account-state.ts';
import { commitAndPublish, republish, storedChange } from '../commit.ts';
import type { OmsContext } from '../context.ts';
import { rememberAnswer, routeStoredOrder, sendToVenue, type RoutingOutcome } from '../routing.ts';

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
  const { accountId, payload } = command;
  const { clientOrderId, symbol } = payload;
  const log = ctx.logger.child({ accountId, clientOrderId, commandId: command.commandId });
  const digest = orderRequestDigest(payload);

  // What risk needs is read together with the claim (one round trip less before the venue); a
  // duplicate, which the claim reveals, just does not use it.
  const riskInputs = Promise.all([
    loadAccountState(ctx, accountId, symbol).catch((error: unknown) => {
      // No price to check the order against: it cannot be placed, and it was never sent.
      if (error instanceof VenueUnavailableError) return 'venue_unavailable' as const;
      if (error instanceof VenueCredentialsError || error instanceof VenueRequestError) {
        // A route the venue account cannot serve (not traded here, the symbol not mapped there).
        log.error(
          { symbol, code: error.code, err: error },
          'the instrument routes to a venue account that cannot price it',
        );
        return 'venue_unavailable' as const;
      }
      throw error;
    }),
    ctx.instruments.get(symbol),
    ctx.riskConfig.tradingStates(accountId, symbol),
    ctx.riskConfig.riskLimits(),
    ctx.venues.routeOf(symbol),
  ]);
  riskInputs.catch(() => undefined); // awaited below unless the claim ends the command first
  const claim = await ctx.store.getClaim(accountId, clientOrderId);
  const verdict = claimVerdict(claim, digest);
  if (claim && verdict !== 'new') {
    if (verdict === 'conflict') {
      log.warn(
        { orderId: claim.orderId },
        'client order id already used with other parameters; ignored',
      );
      return;
    }
    // The same request again (a redelivery after a crash, or a trader's retry): publish what it
    // produced if the process died before, and make sure the order reached the venue; the venue
    // knows it by our order id, so this cannot double it.
    await republish(ctx, accountId, command.commandId);
    const existing = await ctx.store.getOrder(accountId, claim.orderId);
    if (existing?.value.status === 'submitted')
      await routeStoredOrder(ctx, existing, command.commandId);
    return;
  }

  const [loaded, instrument, tradingStates, limits, route] = await riskInputs;
  const now = ctx.clock();
  const orderId = orderIdForCommand(command.commandId, command.receivedAt);
  const newOrder = (): Order =>
    createOrder(newOrderOf(payload, { accountId, orderId }, now, route));
  const claimRecord: ClientOrderClaim = { clientOrderId, orderId, requestDigest: digest };
  if (loaded === 'venue_unavailable') {
    const balance = await ctx.store.getBalance(accountId);
    if (!balance) return;
    const order = newOrder();
    const rejected = applyOrderEvent(order, {
      type: 'reject',
      reason: 'VENUE_UNAVAILABLE',
      ts: now,
    });
    log.warn({ orderId: order.orderId }, 'no market from the venue; order rejected');
    await commitAndPublish(
      ctx,
      storedChange(
        command,
        {
          claim: claimRecord,
          orders: [{ value: rejected.order, expectedVersion: null }],
          balance: { read: balance },
          reports: [rejected.report],
        },
        now,
      ),
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

  if (!risk.ok && delivery.redelivered && (await reachedVenue(ctx, order))) {
    // An earlier attempt routed it and died before its commit: what the venue has stands; its
    // events are in the queue behind this command.
    log.warn({ orderId: order.orderId }, 'redelivered order is already at the venue; kept');
    await commitRouted(ctx, command, order, claimRecord, state, { kind: 'pending' }, now);
    return;
  }
  if (!risk.ok) {
    const denied = applyOrderEvent(order, { type: 'deny', reason: risk.reason, ts: now });
    log.info({ orderId: order.orderId, reason: risk.reason }, 'order denied');
    await commitAndPublish(
      ctx,
      storedChange(
        command,
        {
          claim: claimRecord,
          orders: [{ value: denied.order, expectedVersion: null }],
          balance: { read: state.balance },
          reports: [denied.report],
        },
        now,
      ),
    );
    return;
  }

  const routed = await sendToVenue(ctx, order);
  await commitRouted(ctx, command, order, claimRecord, state, routed, now);
  // Stored as submitted; the command comes back and routes again.
  if (routed.kind === 'unknown') throw routed.error;
}

async function reachedVenue(ctx: OmsContext, order: Order): Promise<boolean> {
  const found = await ctx.venues.client(order.route).getOrder({
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
  claim: ClientOrderClaim,
  state: AccountState,
  routed: RoutingOutcome,
  now: number,
): Promise<void> {
  const transition = routed.kind === 'answered' ? applyOrderEvent(order, routed.event) : undefined;
  const outcome = await commitAndPublish(
    ctx,
    storedChange(
      command,
      {
        claim,
        orders: [{ value: transition?.order ?? order, expectedVersion: null }],
        // Written only when the venue's answer produced a report (its seq advanced).
        balance: { read: state.balance },
        reports: [transition?.report ?? null],
      },
      now,
    ),
  );
  if (outcome !== 'committed') return;
  ctx.recent.placed(order.accountId, claim.clientOrderId, order.orderId);
  if (routed.kind === 'answered') rememberAnswer(ctx, routed.event, order);
}
