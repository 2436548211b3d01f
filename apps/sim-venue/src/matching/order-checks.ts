import type { BookSide } from './book-side.ts';
import type { PlaceOrderCommand } from './commands.ts';
import type { OrderBook } from './order-book.ts';
import type { RejectReason } from './reasons.ts';
import type { AccountId, OrderSide } from './vocabulary.ts';

// Pre-trade checks of the engine itself: instrument rules (tick, lot, min/max) are the caller's.

/** Why the book refuses the order before accepting it, or null. */
export function rejectReason(book: OrderBook, command: PlaceOrderCommand): RejectReason | null {
  const lots = command.quantityLots;
  if (!Number.isSafeInteger(lots) || lots < 1) return 'INVALID_QUANTITY';
  if (command.orderType === 'market') return command.postOnly === true ? 'INVALID_POST_ONLY' : null;
  const price = command.priceTicks;
  if (!Number.isSafeInteger(price) || price < 1) return 'INVALID_PRICE';
  if (command.timeInForce !== 'gtc') return command.postOnly === true ? 'INVALID_POST_ONLY' : null;
  const level = book.sideOf(command.side).levelAt(price);
  // Keeps every level total a safe integer, so all quantity arithmetic stays exact.
  if (level !== undefined && level.totalLots > Number.MAX_SAFE_INTEGER - lots) {
    return 'LEVEL_QUANTITY_OVERFLOW';
  }
  if (command.postOnly === true) {
    const opposite = command.side === 'buy' ? book.asks : book.bids;
    const best = opposite.best;
    if (best !== undefined && crosses(command.side, price, best.priceTicks)) {
      return 'POST_ONLY_WOULD_CROSS';
    }
  }
  return null;
}

/** Whether a `side` order limited at `limitTicks` trades with a resting order at `levelTicks`. */
export function crosses(side: OrderSide, limitTicks: number, levelTicks: number): boolean {
  return side === 'buy' ? levelTicks <= limitTicks : levelTicks >= limitTicks;
}

/**
 * Whether `lots` can trade right now against `opposite` within `limitTicks` (±Infinity for a
 * market order). The account's own orders do not count: self-trade prevention would cancel them.
 */
export function canFillCompletely(
  opposite: BookSide,
  side: OrderSide,
  accountId: AccountId,
  limitTicks: number,
  lots: number,
): boolean {
  let missing = lots;
  for (let depth = 0; depth < opposite.levelCount; depth += 1) {
    const level = opposite.levelFromBest(depth);
    if (level === undefined || !crosses(side, limitTicks, level.priceTicks)) return false;
    for (let order = level.head; order !== null; order = order.next) {
      if (order.accountId === accountId) continue;
      missing -= order.remainingLots;
      if (missing <= 0) return true;
    }
  }
  return false;
}
