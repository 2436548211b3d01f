import type { VenueEventCommand } from '@perp/contracts';
import { isAwaitingVenue, isCancelReason, type Order, type OrderEvent } from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import {
  VenueRequestError,
  answerEventCommandId,
  venueFillCommand,
  venueStateCommand,
  type VenueFill,
  type VenueOrderRef,
  type VenueOrderState,
} from '@perp/venue-adapter';
import type { OmsContext } from '../context.ts';
import { applyVenueEvent } from '../handlers/venue-events.ts';
import { commitOrderEvent, isUnknownOutcome } from '../routing.ts';

/**
 * What reconciling one order did:
 * - `applied`: what the venue says became of it (accepted, rejected, canceled, expired) is stored,
 *   under the id of the venue's own event for it, so the streamed copy changes nothing;
 * - `fills_booked`: as `applied`, with fills the OMS had not booked, read from the venue's fill
 *   history and stored under their feed events' ids (by trade id): the feed's copies, if they
 *   ever come, change nothing;
 * - `awaiting_fills`: the venue reports more filled than its fill history gave: asked again;
 * - `not_at_venue`: the venue never got it: a place is rejected (VENUE_UNAVAILABLE), a cancel of
 *   an order that never reached the venue completes;
 * - `cancel_resent`: the venue still works an order whose cancel it never confirmed: asked again;
 * - `settled`: it no longer awaits the venue (it moved on since it was listed), or is too young;
 * - `venue_unavailable`: the venue did not answer; the next sweep asks again;
 * - `unresolved`: the venue's answer does not settle it (it lost an order it acknowledged, or
 *   refused a cancel of an order it reports open): logged for an operator, asked again next time.
 */
export type ReconcileOutcome =
  | 'applied'
  | 'fills_booked'
  | 'awaiting_fills'
  | 'not_at_venue'
  | 'cancel_resent'
  | 'settled'
  | 'venue_unavailable'
  | 'unresolved';

/**
 * Asks the venue about one order that has awaited it longer than the grace, and stores the
 * answer. Never guesses: an order the venue cannot be asked about stays as it is.
 */
export async function reconcileOrder(
  ctx: OmsContext,
  listed: Versioned<Order>,
): Promise<ReconcileOutcome> {
  const { accountId, orderId, symbol } = listed.value;
  const log = ctx.logger.child({ accountId, orderId, component: 'reconciliation' });
  // The index is eventually consistent: act only on the order as it is now.
  const found = await ctx.store.getOrder(accountId, orderId);
  const now = ctx.clock();
  if (!found || !isAwaitingVenue(found.value.status)) return 'settled';
  if (now - found.value.updatedAt < ctx.reconcileGraceMs) return 'settled';
  const ref: VenueOrderRef = { accountId, orderId, symbol };
  const { route } = found.value;
  const venue = ctx.venues.client(route);
  const context = { venue: route.venue, receivedAt: now };
  let state: VenueOrderState | undefined;
  let fills: VenueFill[] = [];
  try {
    state = await venue.getOrder(ref);
    // Fills the OMS has not booked (its feed missed them, or has yet to deliver them).
    if (state?.filledQuantity.gt(found.value.filledQuantity)) fills = await venue.orderFills(ref);
  } catch (error) {
    if (isUnknownOutcome(error)) return 'venue_unavailable';
    throw error;
  }
  if (state === undefined) return notAtVenue(ctx, found, log);
  const cancelUnconfirmed = state.status === 'open' && found.value.status === 'pending_cancel';
  const mapped = cancelUnconfirmed ? undefined : venueStateCommand(state, ref, context);
  if (!cancelUnconfirmed && !mapped?.ok) {
    log.error(
      {
        venueState: state.status,
        problem: mapped?.ok === false ? mapped.reason : 'no venue order id',
      },
      'the venue reports the order in a state reconciliation cannot store',
    );
    return 'unresolved';
  }
  // In the order the venue's feed would carry them: acknowledged, filled, then ended.
  const ends =
    state.status === 'canceled' || state.status === 'expired' || state.status === 'rejected';
  if (mapped?.ok && !ends) await applyVenueEvent(ctx, mapped.command as VenueEventCommand);
  for (const fill of fills) {
    const filled = venueFillCommand(fill, ref, context);
    if (filled.ok) await applyVenueEvent(ctx, filled.command as VenueEventCommand);
    else
      log.error(
        { tradeId: fill.tradeId, problem: filled.reason },
        'a venue fill reconciliation cannot store',
      );
  }
  if (mapped?.ok && ends) await applyVenueEvent(ctx, mapped.command as VenueEventCommand);
  if (cancelUnconfirmed) return resendCancel(ctx, found, ref, log);
  log.info(
    { venueState: state.status, was: found.value.status, fills: fills.length },
    'order reconciled with the venue',
  );
  const booked = (await ctx.store.getOrder(accountId, orderId))?.value.filledQuantity;
  if (booked === undefined || state.filledQuantity.gt(booked)) {
    log.warn(
      { venueFilled: state.filledQuantity.toString(), booked: booked?.toString() },
      'the venue filled more than the OMS could book from its fill history',
    );
    return 'awaiting_fills';
  }
  return fills.length > 0 ? 'fills_booked' : 'applied';
}

/**
 * The venue has no such order. It cannot get it any more: a place is re-sent only within half
 * the grace (routing.ts), and the grace has passed since the order last changed. Stored under
 * the ids the venue's own events would carry.
 */
async function notAtVenue(
  ctx: OmsContext,
  found: Versioned<Order>,
  log: OmsContext['logger'],
): Promise<ReconcileOutcome> {
  const order = found.value;
  if (order.venueOrderId !== null) {
    log.error(
      { venueOrderId: order.venueOrderId },
      'the venue does not know an order it acknowledged',
    );
    return 'unresolved';
  }
  const now = ctx.clock();
  const submitted = order.status === 'submitted';
  const event: OrderEvent = submitted
    ? { type: 'reject', reason: 'VENUE_UNAVAILABLE', ts: now }
    : {
        type: 'cancel',
        reason: isCancelReason(order.reason) ? order.reason : 'USER_CANCELED',
        ts: now,
      };
  await commitOrderEvent(ctx, found, event, {
    commandId: answerEventCommandId(
      order.route.venue,
      submitted ? 'rejected' : 'canceled',
      order.orderId,
    ),
    accountId: order.accountId,
    type: submitted ? 'venue.orderRejected' : 'venue.orderCanceled',
  });
  log.warn({ was: order.status }, 'the venue never got the order; it is closed');
  return 'not_at_venue';
}

async function resendCancel(
  ctx: OmsContext,
  found: Versioned<Order>,
  ref: VenueOrderRef,
  log: OmsContext['logger'],
): Promise<ReconcileOutcome> {
  try {
    const answer = await ctx.venues.client(found.value.route).cancelOrder(ref);
    if (answer.outcome === 'pending') return 'cancel_resent';
    const mapped = venueStateCommand(
      {
        orderId: ref.orderId,
        venueOrderId: answer.venueOrderId,
        status: 'canceled',
        filledQuantity: found.value.filledQuantity,
        reason: null,
      },
      ref,
      { venue: found.value.route.venue, receivedAt: answer.ts },
    );
    if (mapped?.ok) await applyVenueEvent(ctx, mapped.command as VenueEventCommand);
    return 'applied';
  } catch (error) {
    if (isUnknownOutcome(error)) return 'venue_unavailable';
    if (!(error instanceof VenueRequestError)) throw error;
    log.error(
      { code: error.code, err: error },
      'the venue refused a cancel of an order it reports open',
    );
    return 'unresolved';
  }
}
