import {
  MatchingEngine,
  type MatchingEvent,
  type OrderBookView,
  type PlaceOrderCommand,
} from '../matching/index.ts';
import type { VenueOrderId } from '@perp/trading-domain';
import { SYMBOL } from './matching-commands.ts';

export const START_TS = 1_700_000_000_000;

/** An engine with one book and a clock that ticks 1 ms per command. */
export function newEngine(): { engine: MatchingEngine; book: OrderBookView } {
  let now = START_TS;
  const engine = new MatchingEngine({ symbols: [SYMBOL], clock: () => now++ });
  return { engine, book: engine.book(SYMBOL) as OrderBookView };
}

export type EventOfKind<K extends MatchingEvent['kind']> = Extract<MatchingEvent, { kind: K }>;

export function ofKind<K extends MatchingEvent['kind']>(
  events: readonly MatchingEvent[],
  kind: K,
): EventOfKind<K>[] {
  return events.filter((event): event is EventOfKind<K> => event.kind === kind);
}

/** Places an order that must be accepted and returns its venue order id. */
export function place(engine: MatchingEngine, command: PlaceOrderCommand): VenueOrderId {
  const accepted = ofKind(engine.placeOrder(command), 'accepted')[0];
  if (accepted === undefined) throw new Error(`not accepted: ${command.orderId}`);
  return accepted.venueOrderId;
}

/** The fills as `[venueOrderId, liquidity, priceTicks, quantityLots, remainingLots]`. */
export function fillSummary(events: readonly MatchingEvent[]) {
  return ofKind(events, 'fill').map((fill) => [
    fill.venueOrderId,
    fill.liquidity,
    fill.priceTicks,
    fill.quantityLots,
    fill.remainingLots,
  ]);
}

export function depthOf(book: OrderBookView, levels = 10) {
  const snapshot = book.depth(levels);
  return {
    bids: snapshot.bids.map((level) => [level.priceTicks, level.quantityLots]),
    asks: snapshot.asks.map((level) => [level.priceTicks, level.quantityLots]),
  };
}
