import type { CancelOrderCommand } from './commands.ts';
import type { MatchingEvent } from './events.ts';
import type { OrderBook } from './order-book.ts';
import { canceledEvent } from './order-events.ts';

/** Takes the account's resting order off the book, or says it knows no such open order. */
export function cancelOrder(
  book: OrderBook | undefined,
  command: CancelOrderCommand,
  ts: number,
  events: MatchingEvent[],
): void {
  const order = book?.restingOrder(command.venueOrderId);
  if (book === undefined || order === undefined || order.accountId !== command.accountId) {
    events.push({
      kind: 'cancel_rejected',
      symbol: command.symbol,
      venueOrderId: command.venueOrderId,
      accountId: command.accountId,
      reason: 'UNKNOWN_ORDER',
      ts,
    });
    return;
  }
  book.remove(order);
  events.push(canceledEvent(book.symbol, order, 'USER_CANCELED', ts));
}
