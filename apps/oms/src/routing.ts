import {
  applyOrderEvent,
  followUpCommandId,
  type CommandId,
  type Order,
  type OrderEvent,
} from '@perp/trading-domain';
import type { Versioned } from '@perp/trading-store';
import {
  VenueCredentialsError,
  VenueCredentialsRefusedError,
  VenueCredentialsUnavailableError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
  answerEventCommandId,
} from '@perp/venue-adapter';
import { commitAndPublish, storedChange, type CommandIdentity } from './commit.ts';
import type { OmsContext } from './context.ts';

/**
 * What sending an order to the venue told us:
 * - `answered`: the venue accepted or rejected it at once; the event to apply now;
 * - `pending`: the venue took the request but its outcome arrives as a venue event (an
 *   asynchronous venue, or a repeat of an order the venue already has);
 * - `unknown`: a timeout, an outage or an answer lost on the way. The order may or may not be at
 *   the venue: it stays `submitted` and the command is retried (never guessed), which the venue's
 *   idempotency on our order id makes safe, until reconciliation asks the venue.
 */
export type RoutingOutcome =
  | { readonly kind: 'answered'; readonly event: OrderEvent }
  | { readonly kind: 'pending' }
  | { readonly kind: 'unknown'; readonly error: UnsettledVenueError };

/** A venue request that settled nothing yet: to be repeated, or reconciled. */
export type UnsettledVenueError =
  | VenueUnavailableError
  | VenueOutcomeUnknownError
  | VenueCredentialsRefusedError
  | VenueCredentialsUnavailableError;

/**
 * Whether a venue request failed without settling the order: the venue did not answer, its
 * answer was lost, or it (or the secret store) refused or could not give our credentials for
 * now (a rotation under way). The order stays as it is, never guessed.
 */
export function isUnknownOutcome(error: unknown): error is UnsettledVenueError {
  return (
    error instanceof VenueUnavailableError ||
    error instanceof VenueOutcomeUnknownError ||
    error instanceof VenueCredentialsRefusedError ||
    error instanceof VenueCredentialsUnavailableError
  );
}

/** Sends an order to the venue. A request the venue refuses outright rejects the order. */
export async function sendToVenue(ctx: OmsContext, order: Order): Promise<RoutingOutcome> {
  try {
    const venue = ctx.venues.client(order.route);
    const instrument = await ctx.instruments.get(order.symbol);
    if (instrument !== undefined && instrument.contractType !== venue.contractType) {
      // A linear quantity sent to an inverse venue (or the reverse) would be mis-sized.
      ctx.logger.error(
        { orderId: order.orderId, route: order.route, contractType: instrument.contractType },
        'the instrument routes to a venue of the other contract type; order rejected unsent',
      );
      return {
        kind: 'answered',
        event: { type: 'reject', reason: 'VENUE_UNAVAILABLE', ts: ctx.clock() },
      };
    }
    const answer = await venue.placeOrder(order);
    switch (answer.outcome) {
      case 'accepted':
        return {
          kind: 'answered',
          event: { type: 'accept', venueOrderId: answer.venueOrderId, ts: answer.ts },
        };
      case 'rejected':
        return {
          kind: 'answered',
          event: { type: 'reject', reason: answer.reason, ts: answer.ts },
        };
      case 'pending':
        return { kind: 'pending' };
    }
  } catch (error) {
    if (isUnknownOutcome(error)) return { kind: 'unknown', error };
    if (error instanceof VenueCredentialsError) {
      // No usable credentials for the venue account: the order was never sent.
      ctx.logger.error(
        { orderId: order.orderId, code: error.code, err: error },
        'no usable venue credentials; order rejected unsent',
      );
      return {
        kind: 'answered',
        event: { type: 'reject', reason: 'VENUE_UNAVAILABLE', ts: ctx.clock() },
      };
    }
    if (!(error instanceof VenueRequestError)) throw error;
    ctx.logger.warn(
      { orderId: order.orderId, code: error.code, err: error },
      'venue refused the order request',
    );
    return {
      kind: 'answered',
      event: { type: 'reject', reason: 'VENUE_REJECTED', ts: ctx.clock() },
    };
  }
}

/**
 * Routes an order already stored as `submitted` again (a redelivered place whose first routing
 * had no answer) and commits the answer if the venue gives one now. Throws the outage if the
 * venue is still unreachable, so the command comes back later. Only within the first half of the
 * reconciliation grace: after that the order is reconciliation's, which asks the venue instead,
 * and a place the venue never got must not reach it later.
 */
export async function routeStoredOrder(
  ctx: OmsContext,
  stored: Versioned<Order>,
  commandId: CommandId,
): Promise<void> {
  if (ctx.clock() - stored.value.createdAt >= ctx.reconcileGraceMs / 2) {
    ctx.logger.warn(
      { accountId: stored.value.accountId, orderId: stored.value.orderId },
      'order still awaits the venue past its re-send window; reconciliation will ask the venue',
    );
    return;
  }
  const outcome = await sendToVenue(ctx, stored.value);
  if (outcome.kind === 'unknown') throw outcome.error;
  if (outcome.kind === 'pending') return;
  const committed = await commitOrderEvent(ctx, stored, outcome.event, {
    commandId: followUpCommandId(commandId, 'venue-answer'),
    accountId: stored.value.accountId,
    type: outcome.event.type === 'accept' ? 'venue.orderAccepted' : 'venue.orderRejected',
  });
  if (committed === 'committed') rememberAnswer(ctx, outcome.event, stored.value);
}

/**
 * One event the OMS itself knows happened to a stored order (not streamed by the venue), with
 * its report, as one transaction. Undefined when the account is not known.
 */
export async function commitOrderEvent(
  ctx: OmsContext,
  stored: Versioned<Order>,
  event: OrderEvent,
  identity: CommandIdentity,
): Promise<'committed' | 'duplicate' | undefined> {
  const balance = await ctx.store.getBalance(stored.value.accountId);
  if (!balance) return undefined;
  const { order, report } = applyOrderEvent(stored.value, event);
  return commitAndPublish(
    ctx,
    storedChange(
      identity,
      {
        orders: [{ value: order, expectedVersion: stored.version }],
        balance: { read: balance },
        reports: [report],
      },
      ctx.clock(),
    ),
  );
}

/** The venue will stream the answer just committed as an event: it changes nothing then. */
export function rememberAnswer(ctx: OmsContext, event: OrderEvent, order: Order): void {
  const kind = event.type === 'accept' ? 'accepted' : event.type === 'reject' ? 'rejected' : null;
  if (kind) ctx.recent.answered(answerEventCommandId(order.route.venue, kind, order.orderId));
}
