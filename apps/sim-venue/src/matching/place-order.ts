import { BookOrder } from './book-order.ts';
import type { BookSide } from './book-side.ts';
import type { PlaceOrderCommand } from './commands.ts';
import type { MatchingEvent } from './events.ts';
import type { IdSequence } from './id-sequence.ts';
import { canFillCompletely, rejectReason } from './order-checks.ts';
import type { OrderBook } from './order-book.ts';
import type { TradeId, VenueOrderId } from './vocabulary.ts';
import {
  acceptedEvent,
  canceledEvent,
  expiredEvent,
  fillEvent,
  rejectedEvent,
} from './order-events.ts';

export interface MatchingIds {
  readonly venueOrderIds: IdSequence<VenueOrderId>;
  readonly tradeIds: IdSequence<TradeId>;
}

/** Runs one new order against `book`, appending what happened to `events`. */
export function placeOrder(
  book: OrderBook,
  command: PlaceOrderCommand,
  ids: MatchingIds,
  ts: number,
  events: MatchingEvent[],
): void {
  const reason = rejectReason(book, command);
  if (reason !== null) {
    events.push(rejectedEvent(command, reason, ts));
    return;
  }
  const isLimit = command.orderType === 'limit';
  const taker = new BookOrder(
    ids.venueOrderIds.next(),
    command.orderId,
    command.accountId,
    command.side,
    isLimit ? command.priceTicks : 0,
    command.quantityLots,
    ts,
  );
  events.push(acceptedEvent(command, taker, ts));

  const isBuy = command.side === 'buy';
  const limitTicks = isLimit ? command.priceTicks : isBuy ? Infinity : -Infinity;
  const opposite = isBuy ? book.asks : book.bids;
  // All or nothing: decided before anything trades, so a failed FOK leaves no trace on the book.
  if (
    command.timeInForce === 'fok' &&
    !canFillCompletely(opposite, command.side, command.accountId, limitTicks, command.quantityLots)
  ) {
    events.push(expiredEvent(book.symbol, taker, 'FOK_NOT_FILLABLE', ts));
    return;
  }

  match(book, opposite, taker, limitTicks, ids, ts, events);

  if (taker.remainingLots === 0) return;
  if (!isLimit) events.push(expiredEvent(book.symbol, taker, 'MARKET_NO_LIQUIDITY', ts));
  else if (command.timeInForce === 'gtc') book.rest(taker);
  else events.push(expiredEvent(book.symbol, taker, 'IOC_REMAINDER', ts));
}

/** Price-time priority: best level first, each level's queue oldest first. */
function match(
  book: OrderBook,
  opposite: BookSide,
  taker: BookOrder,
  limitTicks: number,
  ids: MatchingIds,
  ts: number,
  events: MatchingEvent[],
): void {
  const { symbol } = book;
  const isBuy = taker.side === 'buy';
  let level = opposite.best;
  while (
    level !== undefined &&
    taker.remainingLots > 0 &&
    (isBuy ? level.priceTicks <= limitTicks : level.priceTicks >= limitTicks)
  ) {
    const priceTicks = level.priceTicks;
    // Either the queue empties (and the level is dropped) or the taker is done.
    let maker = level.head;
    while (maker !== null && taker.remainingLots > 0) {
      const next = maker.next;
      if (maker.accountId === taker.accountId) {
        // Self-trade prevention, expire-maker: the resting order goes, the taker carries on.
        book.remove(maker);
        events.push(canceledEvent(symbol, maker, 'SELF_TRADE_PREVENTION', ts));
      } else {
        const lots = Math.min(taker.remainingLots, maker.remainingLots);
        const tradeId = ids.tradeIds.next();
        taker.remainingLots -= lots;
        taker.filledLots += lots;
        book.reduce(maker, lots);
        if (maker.remainingLots === 0) book.remove(maker);
        events.push(
          fillEvent(symbol, maker, tradeId, priceTicks, lots, 'maker', ts),
          fillEvent(symbol, taker, tradeId, priceTicks, lots, 'taker', ts),
          {
            kind: 'trade',
            symbol,
            tradeId,
            priceTicks,
            quantityLots: lots,
            aggressorSide: taker.side,
            ts,
          },
        );
      }
      maker = next;
    }
    level = opposite.best;
  }
}
