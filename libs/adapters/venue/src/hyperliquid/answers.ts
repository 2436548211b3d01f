// Hyperliquid's answers in the domain's terms: the one place its statuses are read. Every error
// goes through the venue's error table; an answer that does not parse is an unknown outcome (the
// action may have been executed), never a rejection.

import { Decimal } from '@perp/decimal';
import type { OrderId, VenueOrderId, VenueRejectReason } from '@perp/trading-domain';
import { classifyVenueError } from '../description/venue-error-rules.ts';
import type { VenueOrderState, VenuePlaceAnswer } from '../venue-client.ts';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { HYPERLIQUID } from './description.ts';
import {
  HyperliquidCancelResponse,
  HyperliquidOrderResponse,
  HyperliquidOrderStatusInfo,
} from './protocol/exchange-responses.ts';

/**
 * An error message inside an HTTP 200 (the venue's verdict unless its table says otherwise):
 * the reason of a rejection, or a throw of the class the table gives it.
 */
function rejectionOf(message: string): VenueRejectReason {
  const verdict = classifyVenueError(HYPERLIQUID.errors, { httpStatus: 200, message });
  if (verdict.class === 'retryable')
    throw new VenueUnavailableError(`hyperliquid: ${message} (${verdict.rule})`);
  if (verdict.class === 'unknown_outcome')
    throw new VenueOutcomeUnknownError(verdict.rule, `hyperliquid: ${message}`);
  if (verdict.credentials)
    throw new VenueCredentialsRefusedError(`hyperliquid: ${message} (${verdict.rule})`);
  return verdict.reason;
}

const rejected = (message: string, ts: number): VenuePlaceAnswer => ({
  outcome: 'rejected',
  reason: rejectionOf(message),
  venueMessage: message,
  ts,
});

function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
  what: string,
): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new VenueOutcomeUnknownError(
      'hyperliquid.unparseable',
      `hyperliquid: the answer to ${what} is not one the venue documents`,
    );
  return result.data;
}

/** The answer to an `order` action of one order. */
export function placeAnswerOf(body: unknown, ts: number): VenuePlaceAnswer {
  const response = parsed(HyperliquidOrderResponse, body, 'an order');
  if (response.status === 'err') return rejected(response.response, ts);
  const [status] = response.response.data.statuses;
  if (status === undefined)
    throw new VenueOutcomeUnknownError(
      'hyperliquid.no-status',
      'hyperliquid: an order answer without a status',
    );
  if (typeof status === 'string') return { outcome: 'pending' };
  if ('error' in status) return rejected(status.error, ts);
  const oid = 'resting' in status ? status.resting.oid : status.filled.oid;
  // Filled at once: accepted here, the fills come on the userFills feed.
  return { outcome: 'accepted', venueOrderId: String(oid) as VenueOrderId, ts };
}

export type CancelOutcome =
  { readonly outcome: 'pending' } | { readonly outcome: 'refused'; readonly venueMessage: string };

/** The answer to a `cancelByCloid` of one order: the feed confirms a cancel that succeeded. */
export function cancelOutcomeOf(body: unknown): CancelOutcome {
  const response = parsed(HyperliquidCancelResponse, body, 'a cancel');
  const status =
    response.status === 'err' ? { error: response.response } : response.response.data.statuses[0];
  if (status === undefined)
    throw new VenueOutcomeUnknownError(
      'hyperliquid.no-status',
      'hyperliquid: a cancel answer without a status',
    );
  if (status === 'success') return { outcome: 'pending' };
  rejectionOf(status.error);
  return { outcome: 'refused', venueMessage: status.error };
}

export function stateOf(status: string): VenueOrderState['status'] {
  if (status === 'open' || status === 'triggered') return 'open';
  if (status === 'filled') return 'filled';
  if (status === 'rejected' || status.endsWith('Rejected')) return 'rejected';
  // canceled, marginCanceled, reduceOnlyCanceled, selfTradeCanceled, …
  return 'canceled';
}

/** The answer to `orderStatus` by our cloid: the venue's view, or undefined if it never saw it. */
export function orderStateOf(body: unknown, orderId: OrderId): VenueOrderState | undefined {
  const info = parsed(HyperliquidOrderStatusInfo, body, 'orderStatus');
  if (info.status === 'unknownOid') return undefined;
  const { order, status } = info.order;
  const state = stateOf(status);
  return {
    orderId,
    venueOrderId: state === 'rejected' ? null : (String(order.oid) as VenueOrderId),
    status: state,
    filledQuantity: Decimal.parse(order.origSz).sub(Decimal.parse(order.sz)),
    reason: state === 'open' || state === 'filled' ? null : status,
  };
}
