import { createHash } from 'node:crypto';
import { CommandEnvelope } from '@perp/contracts';
import {
  ExpireReasons,
  parseCommandId,
  unwrap,
  type ExpireReason,
  type CommandId,
  type OrderId,
  type VenueName,
  type VenueRejectReason,
} from '@perp/trading-domain';
import type { SimOrderEvent, SimRejectReason } from '../sim/protocol/order-events.ts';
import type { VenueFill, VenueOrderRef, VenueOrderState } from '../venue-client.ts';

// Venue events as queue commands. The command id is derived from the event itself, so an event
// forwarded twice (a replica took over, a batch was retried) is the same command and SQS and the
// OMS drop the copy. Every venue.* command travels in the order's account's message group.

const COMMAND_ID_MAX = 128;

export interface CommandContext {
  /** The venue's name in routing and payloads, e.g. `sim`. */
  readonly venue: VenueName;
  /** The venue journal the event belongs to: part of ids that are unique only within it. */
  readonly journalId: string;
  /** When the connector received the event. */
  readonly receivedAt: number;
}

export type MappedCommand =
  | { readonly ok: true; readonly command: CommandEnvelope }
  | { readonly ok: false; readonly reason: string };

/** The platform's reason for a venue rejection; the venue's own reason stays as `venueMessage`. */
export function venueRejectReason(reason: SimRejectReason): VenueRejectReason {
  return reason === 'POST_ONLY_WOULD_CROSS' ? 'VENUE_POST_ONLY_WOULD_CROSS' : 'VENUE_REJECTED';
}

/**
 * The command id of the venue's event that repeats an immediate answer (an order's `accepted` or
 * `rejected`, a requested `canceled`): the OMS, having committed the answer, knows the event
 * changes nothing when it arrives.
 */
export function answerEventCommandId(
  venue: VenueName,
  kind: 'accepted' | 'rejected' | 'canceled',
  orderId: OrderId,
): CommandId {
  // Venue names and order ids are within the command id grammar, and so is their join.
  return unwrap(parseCommandId(boundedId(venue, [kind, orderId])));
}

/** Builds and validates the `venue.*` command for one private venue event. */
export function venueEventCommand(event: SimOrderEvent, context: CommandContext): MappedCommand {
  const draft = commandDraft(event, context);
  if (draft === undefined) return { ok: false, reason: 'the event names no symbol' };
  return envelopeOf(draft, event.accountId, context);
}

/**
 * The `venue.*` command for what a venue's order lookup says became of an order, under the id
 * the stream's own event for it carries: whichever of the two the OMS applies first, the other
 * is the same command and changes nothing. An order still open (or filled: its fills arrive as
 * their own events, by trade id) is `accepted`. Undefined for a state that carries no event
 * (an order the venue holds without its order id).
 */
export function venueStateCommand(
  state: VenueOrderState,
  order: VenueOrderRef,
  context: Omit<CommandContext, 'journalId'>,
): MappedCommand | undefined {
  const base = {
    venue: context.venue,
    orderId: order.orderId,
    symbol: order.symbol,
    ts: context.receivedAt,
  };
  const { venueOrderId } = state;
  const draft = ((): CommandDraft | undefined => {
    if (state.status === 'rejected')
      return {
        type: 'venue.orderRejected',
        idParts: ['rejected', order.orderId],
        payload: {
          ...base,
          reason: 'VENUE_REJECTED',
          ...(state.reason === null ? {} : { venueMessage: state.reason.slice(0, 512) }),
        },
      };
    if (venueOrderId === null) return undefined;
    switch (state.status) {
      case 'open':
      case 'filled':
        return {
          type: 'venue.orderAccepted',
          idParts: ['accepted', order.orderId],
          payload: { ...base, venueOrderId },
        };
      case 'canceled':
        // Why the OMS asked, if it did, is on the order; a cancel it never asked for is the venue's.
        return {
          type: 'venue.orderCanceled',
          idParts: ['canceled', order.orderId],
          payload: { ...base, venueOrderId },
        };
      case 'expired':
        return {
          type: 'venue.orderExpired',
          idParts: ['expired', order.orderId],
          payload: {
            ...base,
            venueOrderId,
            reason: isExpireReason(state.reason) ? state.reason : 'VENUE_EXPIRED',
          },
        };
    }
  })();
  return draft && envelopeOf(draft, order.accountId, { ...context, journalId: '' });
}

/** The `venue.orderFilled` command of a fill found by polling, under the stream's id for it. */
export function venueFillCommand(
  fill: VenueFill,
  order: VenueOrderRef,
  context: Omit<CommandContext, 'journalId'>,
): MappedCommand {
  return envelopeOf(
    {
      type: 'venue.orderFilled',
      idParts: ['fill', fill.tradeId, order.orderId],
      payload: {
        venue: context.venue,
        orderId: order.orderId,
        symbol: order.symbol,
        ts: fill.ts,
        venueOrderId: fill.venueOrderId,
        tradeId: fill.tradeId,
        price: fill.price.toString(),
        quantity: fill.quantity.toString(),
        fee: fill.fee.toString(),
        liquidity: fill.liquidity,
      },
    },
    order.accountId,
    { ...context, journalId: '' },
  );
}

const isExpireReason = (reason: string | null): reason is ExpireReason =>
  ExpireReasons.includes(reason as ExpireReason);

function envelopeOf(
  draft: CommandDraft,
  accountId: string,
  context: CommandContext,
): MappedCommand {
  const commandId = boundedId(context.venue, draft.idParts);
  const parsed = CommandEnvelope.safeParse({
    version: 1,
    commandId,
    accountId,
    type: draft.type,
    source: 'venue',
    payload: draft.payload,
    receivedAt: context.receivedAt,
    traceId: commandId,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, reason: `not a valid command: ${issues}` };
  }
  return { ok: true, command: parsed.data };
}

interface CommandDraft {
  readonly type: CommandEnvelope['type'];
  readonly idParts: readonly string[];
  readonly payload: Record<string, unknown>;
}

function commandDraft(event: SimOrderEvent, context: CommandContext): CommandDraft | undefined {
  const base = { venue: context.venue, orderId: event.orderId, ts: event.ts };
  switch (event.kind) {
    case 'accepted':
      return {
        type: 'venue.orderAccepted',
        idParts: ['accepted', event.orderId],
        payload: { ...base, symbol: event.symbol, venueOrderId: event.venueOrderId },
      };
    case 'rejected':
      return {
        type: 'venue.orderRejected',
        idParts: ['rejected', event.orderId],
        payload: {
          ...base,
          symbol: event.symbol,
          reason: venueRejectReason(event.reason),
          venueMessage: event.reason,
        },
      };
    case 'fill':
      return {
        type: 'venue.orderFilled',
        idParts: ['fill', event.tradeId, event.orderId],
        payload: {
          ...base,
          symbol: event.symbol,
          venueOrderId: event.venueOrderId,
          tradeId: event.tradeId,
          price: event.price,
          quantity: event.quantity,
          fee: event.fee,
          liquidity: event.liquidity,
        },
      };
    case 'canceled':
      return {
        type: 'venue.orderCanceled',
        idParts: ['canceled', event.orderId],
        // A cancel we asked for carries no reason: the OMS knows why it asked.
        payload: {
          ...base,
          symbol: event.symbol,
          venueOrderId: event.venueOrderId,
          ...(event.reason === 'USER_CANCELED' ? {} : { reason: event.reason }),
        },
      };
    case 'expired':
      return {
        type: 'venue.orderExpired',
        idParts: ['expired', event.orderId],
        payload: {
          ...base,
          symbol: event.symbol,
          venueOrderId: event.venueOrderId,
          reason: event.reason,
        },
      };
    case 'cancel_rejected':
      if (event.symbol === null) return undefined;
      return {
        type: 'venue.cancelRejected',
        // Several cancels of one order may be refused: each refusal is its own event.
        idParts: ['cancel-rejected', context.journalId, String(event.eventSeq)],
        payload: {
          ...base,
          symbol: event.symbol,
          ...(event.venueOrderId === null ? {} : { venueOrderId: event.venueOrderId }),
          reason: event.reason,
        },
      };
  }
}

/** `venue:part:part…`, or a hash of it when long ids would pass the 128-character limit. */
function boundedId(venue: VenueName, parts: readonly string[]): string {
  const id = [venue, ...parts].join(':');
  if (id.length <= COMMAND_ID_MAX) return id;
  const digest = createHash('sha256').update(id).digest('hex');
  return `${venue}:${parts[0] ?? 'event'}:h:${digest}`;
}
