import type { BookOrder, OpenOrderView } from './book-order.ts';
import type { PriceTicks, QuantityLots, OrderSide } from './vocabulary.ts';

/** What callers may read about one price level. */
export interface PriceLevelView {
  readonly side: OrderSide;
  readonly priceTicks: PriceTicks;
  /** Sum of the resting orders' remaining lots (<= 2^53 - 1, enforced when an order rests). */
  readonly totalLots: QuantityLots;
  readonly orderCount: number;
  /** The resting orders in time priority. */
  orders(): IterableIterator<OpenOrderView>;
}

/** All resting orders at one price on one side: a FIFO doubly linked list through the orders. */
export class PriceLevel implements PriceLevelView {
  readonly side: OrderSide;
  readonly priceTicks: PriceTicks;
  /** Sort key, larger is better: the price for bids, minus the price for asks. */
  readonly rank: number;
  head: BookOrder | null = null;
  tail: BookOrder | null = null;
  totalLots: QuantityLots = 0;
  orderCount = 0;
  /** Number of the last book command that changed this level: reports each level once. */
  changedIn = 0;

  constructor(side: OrderSide, priceTicks: PriceTicks) {
    this.side = side;
    this.priceTicks = priceTicks;
    this.rank = side === 'buy' ? priceTicks : -priceTicks;
  }

  append(order: BookOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.orderCount += 1;
    this.totalLots += order.remainingLots;
  }

  /** Takes the order out of the queue; its remaining lots leave the level's total. */
  unlink(order: BookOrder): void {
    const { prev, next } = order;
    if (prev === null) this.head = next;
    else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    order.prev = null;
    order.next = null;
    order.level = null;
    this.orderCount -= 1;
    this.totalLots -= order.remainingLots;
  }

  *orders(): IterableIterator<BookOrder> {
    for (let order = this.head; order !== null; order = order.next) yield order;
  }
}
