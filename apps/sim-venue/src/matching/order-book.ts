import type { BookOrder, OpenOrderView } from './book-order.ts';
import { BookSide } from './book-side.ts';
import type { DepthLevel, DepthSnapshot } from './depth-snapshot.ts';
import type { BookLevelChange } from './events.ts';
import type { PriceLevel, PriceLevelView } from './price-level.ts';
import type { InstrumentSymbol, OrderSide, VenueOrderId } from './vocabulary.ts';

/** What callers may read about a book; changes go through the engine's commands. */
export interface OrderBookView {
  readonly symbol: InstrumentSymbol;
  /** The sequence number of the last book update (0 before any change). */
  readonly seq: number;
  readonly openOrderCount: number;
  bestBid(): PriceLevelView | undefined;
  bestAsk(): PriceLevelView | undefined;
  /** The top `levels` levels of each side with their aggregated quantity. */
  depth(levels: number): DepthSnapshot;
  openOrder(venueOrderId: VenueOrderId): OpenOrderView | undefined;
  /** Every level of a side, best first. */
  levels(side: OrderSide): IterableIterator<PriceLevelView>;
}

/**
 * One symbol's book: both sides, an index from venue order id to resting order (O(1) cancel), and
 * the bookkeeping that turns one command's level changes into one book update.
 */
export class OrderBook implements OrderBookView {
  readonly symbol: InstrumentSymbol;
  readonly bids = new BookSide('buy');
  readonly asks = new BookSide('sell');
  readonly #restingOrders = new Map<VenueOrderId, BookOrder>();
  #seq = 0;
  /** Numbers the commands, so a level changed twice by one command is reported once. */
  #commandNumber = 0;
  readonly #changedLevels: PriceLevel[] = [];

  constructor(symbol: InstrumentSymbol) {
    this.symbol = symbol;
  }

  get seq(): number {
    return this.#seq;
  }

  get openOrderCount(): number {
    return this.#restingOrders.size;
  }

  sideOf(side: OrderSide): BookSide {
    return side === 'buy' ? this.bids : this.asks;
  }

  bestBid(): PriceLevelView | undefined {
    return this.bids.best;
  }

  bestAsk(): PriceLevelView | undefined {
    return this.asks.best;
  }

  openOrder(venueOrderId: VenueOrderId): OpenOrderView | undefined {
    return this.#restingOrders.get(venueOrderId);
  }

  restingOrder(venueOrderId: VenueOrderId): BookOrder | undefined {
    return this.#restingOrders.get(venueOrderId);
  }

  /** Call before each command that may change the book. */
  beginCommand(): void {
    this.#commandNumber += 1;
  }

  /** Queues the order at the back of its price level. */
  rest(order: BookOrder): void {
    const level = this.sideOf(order.side).levelFor(order.priceTicks);
    level.append(order);
    this.#restingOrders.set(order.venueOrderId, order);
    this.#changed(level);
  }

  /** Takes `lots` from a resting order that stays on the book (a partial maker fill). */
  reduce(order: BookOrder, lots: number): void {
    const level = order.level as PriceLevel;
    order.remainingLots -= lots;
    order.filledLots += lots;
    level.totalLots -= lots;
    this.#changed(level);
  }

  /** Takes a resting order off the book, dropping its level if it was the last one there. */
  remove(order: BookOrder): void {
    const level = order.level as PriceLevel;
    level.unlink(order);
    this.#restingOrders.delete(order.venueOrderId);
    if (level.orderCount === 0) this.sideOf(level.side).remove(level);
    this.#changed(level);
  }

  /** The levels changed since beginCommand with their final quantities, or null if none. */
  takeChanges(): BookLevelChange[] | null {
    const levels = this.#changedLevels;
    if (levels.length === 0) return null;
    const changes: BookLevelChange[] = new Array(levels.length);
    for (let i = 0; i < levels.length; i += 1) {
      const level = levels[i] as PriceLevel;
      changes[i] = {
        side: level.side,
        priceTicks: level.priceTicks,
        quantityLots: level.totalLots,
      };
    }
    levels.length = 0;
    this.#seq += 1;
    return changes;
  }

  depth(levels: number): DepthSnapshot {
    return {
      symbol: this.symbol,
      seq: this.#seq,
      bids: topLevels(this.bids, levels),
      asks: topLevels(this.asks, levels),
    };
  }

  *levels(side: OrderSide): IterableIterator<PriceLevelView> {
    const bookSide = this.sideOf(side);
    for (let depth = 0; depth < bookSide.levelCount; depth += 1) {
      yield bookSide.levelFromBest(depth) as PriceLevel;
    }
  }

  #changed(level: PriceLevel): void {
    if (level.changedIn === this.#commandNumber) return;
    level.changedIn = this.#commandNumber;
    this.#changedLevels.push(level);
  }
}

function topLevels(side: BookSide, count: number): DepthLevel[] {
  const n = Math.min(Math.max(0, Math.floor(count)), side.levelCount);
  const top: DepthLevel[] = new Array(n);
  for (let depth = 0; depth < n; depth += 1) {
    const level = side.levelFromBest(depth) as PriceLevel;
    top[depth] = { priceTicks: level.priceTicks, quantityLots: level.totalLots };
  }
  return top;
}
