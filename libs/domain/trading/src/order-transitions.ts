import type { OrderEventType } from './order-event.ts';
import type { OrderStatus } from './order-vocabulary.ts';

/**
 * What an event does to an order in a given status:
 * - `to`: move to that status;
 * - `fill`: book the fill; `filled` once nothing remains, else `whilePartial`;
 * - `resume`: back to the working status (cancel rejected): `partially_filled` if anything has
 *   filled, else `accepted` if the venue acknowledged it, else `submitted`;
 * - `illegal`: the event cannot happen in that status; applying it throws.
 */
export type TransitionRule =
  | { readonly kind: 'to'; readonly status: OrderStatus }
  | { readonly kind: 'fill'; readonly whilePartial: OrderStatus }
  | { readonly kind: 'resume' }
  | { readonly kind: 'illegal' };

const to = (status: OrderStatus): TransitionRule => ({ kind: 'to', status });
const fill = (whilePartial: OrderStatus): TransitionRule => ({ kind: 'fill', whilePartial });
const resume: TransitionRule = { kind: 'resume' };
const illegal: TransitionRule = { kind: 'illegal' };

const allIllegal = {
  accept: illegal,
  deny: illegal,
  reject: illegal,
  fill: illegal,
  request_cancel: illegal,
  cancel: illegal,
  cancel_reject: illegal,
  expire: illegal,
} as const;

/**
 * The order state machine: one exhaustive table keyed by (status, event). Choices beyond the
 * obvious, each because real venues do it:
 * - a fill may arrive before the acknowledgement (submitted -> partially_filled/filled), so a late
 *   `accept` is legal while the order still works, and only records the venue order id;
 * - a fill after a cancel request, a cancel or an expiry is a fact and is booked (the venue
 *   matched before it processed the cancel); it keeps the terminal status unless nothing remains,
 *   then the order is `filled`;
 * - `deny` is our own check before routing, so only a `submitted` order can be denied;
 * - a second cancel request while one is pending is illegal: the caller answers it idempotently.
 */
export const ORDER_TRANSITIONS = {
  submitted: {
    accept: to('accepted'),
    deny: to('denied'),
    reject: to('rejected'),
    fill: fill('partially_filled'),
    request_cancel: to('pending_cancel'),
    cancel: to('canceled'),
    cancel_reject: illegal,
    expire: to('expired'),
  },
  accepted: {
    accept: illegal,
    deny: illegal,
    reject: illegal,
    fill: fill('partially_filled'),
    request_cancel: to('pending_cancel'),
    cancel: to('canceled'),
    cancel_reject: illegal,
    expire: to('expired'),
  },
  partially_filled: {
    accept: to('partially_filled'),
    deny: illegal,
    reject: illegal,
    fill: fill('partially_filled'),
    request_cancel: to('pending_cancel'),
    cancel: to('canceled'),
    cancel_reject: illegal,
    expire: to('expired'),
  },
  pending_cancel: {
    accept: to('pending_cancel'),
    deny: illegal,
    reject: to('rejected'),
    fill: fill('pending_cancel'),
    request_cancel: illegal,
    cancel: to('canceled'),
    cancel_reject: resume,
    expire: to('expired'),
  },
  filled: allIllegal,
  canceled: { ...allIllegal, fill: fill('canceled') },
  denied: allIllegal,
  rejected: allIllegal,
  expired: { ...allIllegal, fill: fill('expired') },
} as const satisfies Record<OrderStatus, Record<OrderEventType, TransitionRule>>;

export function transitionRule(status: OrderStatus, event: OrderEventType): TransitionRule {
  return ORDER_TRANSITIONS[status][event];
}

/** Whether `event` may be applied to an order in `status` (fills may still overfill). */
export function canApply(status: OrderStatus, event: OrderEventType): boolean {
  return transitionRule(status, event).kind !== 'illegal';
}

/** Thrown for an event the table does not allow in the order's status. */
export class IllegalTransitionError extends Error {
  readonly code = 'ORDER_ILLEGAL_TRANSITION';
  readonly status: OrderStatus;
  readonly event: OrderEventType;

  constructor(status: OrderStatus, event: OrderEventType) {
    super(`an order in status ${status} cannot take the event ${event}`);
    this.name = 'IllegalTransitionError';
    this.status = status;
    this.event = event;
  }
}
