import type { OrderBookView, OrderSide } from '../matching/index.ts';

/**
 * Checks a book's structural invariants through its public view and returns what is wrong (empty
 * when sound): not crossed, levels strictly ordered and non-empty, level totals equal to the sum
 * of their orders, every resting order listed exactly once, positive, and findable by its id.
 */
export function auditBook(book: OrderBookView): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const side of ['buy', 'sell'] as const satisfies readonly OrderSide[]) {
    let previousPrice: number | undefined;
    for (const level of book.levels(side)) {
      const where = `${side} level ${level.priceTicks}`;
      if (previousPrice !== undefined) {
        const ordered =
          side === 'buy' ? level.priceTicks < previousPrice : level.priceTicks > previousPrice;
        if (!ordered) problems.push(`${where} is out of order after ${previousPrice}`);
      }
      previousPrice = level.priceTicks;
      let sum = 0;
      let count = 0;
      for (const order of level.orders()) {
        count += 1;
        sum += order.remainingLots;
        if (seen.has(order.venueOrderId)) problems.push(`${order.venueOrderId} is listed twice`);
        seen.add(order.venueOrderId);
        if (order.remainingLots <= 0)
          problems.push(`${order.venueOrderId} rests with nothing left`);
        if (order.filledLots < 0) problems.push(`${order.venueOrderId} has negative fills`);
        if (order.filledLots + order.remainingLots !== order.quantityLots) {
          problems.push(`${order.venueOrderId}: filled + remaining != quantity`);
        }
        if (order.side !== side || order.priceTicks !== level.priceTicks) {
          problems.push(`${order.venueOrderId} is in the wrong level`);
        }
        if (book.openOrder(order.venueOrderId) !== order) {
          problems.push(`${order.venueOrderId} is not indexed`);
        }
      }
      if (count === 0) problems.push(`${where} is empty`);
      if (count !== level.orderCount)
        problems.push(`${where} counts ${level.orderCount} orders, has ${count}`);
      if (sum !== level.totalLots)
        problems.push(`${where} totals ${level.totalLots}, orders sum ${sum}`);
    }
  }
  if (seen.size !== book.openOrderCount) {
    problems.push(`index holds ${book.openOrderCount} orders, levels ${seen.size}`);
  }
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid !== undefined && ask !== undefined && bid.priceTicks >= ask.priceTicks) {
    problems.push(`crossed: bid ${bid.priceTicks} >= ask ${ask.priceTicks}`);
  }
  return problems;
}
