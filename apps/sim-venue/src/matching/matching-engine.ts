import { cancelOrder } from './cancel-order.ts';
import type { CancelOrderCommand, MatchingCommand, PlaceOrderCommand } from './commands.ts';
import type { MatchingEvent } from './events.ts';
import { IdSequence } from './id-sequence.ts';
import { OrderBook, type OrderBookView } from './order-book.ts';
import { rejectedEvent } from './order-events.ts';
import { placeOrder, type MatchingIds } from './place-order.ts';
import type { InstrumentSymbol } from './vocabulary.ts';

export interface MatchingEngineOptions {
  readonly symbols: readonly InstrumentSymbol[];
  /** Milliseconds since the epoch; read once per command. */
  readonly clock: () => number;
  /** Venue order ids are this prefix and a counter from 1 (default `O`). */
  readonly venueOrderIdPrefix?: string;
  /** Trade ids are this prefix and a counter from 1 (default `T`). */
  readonly tradeIdPrefix?: string;
}

/**
 * The simulated venue's matching engine: one price-time priority book per symbol. Pure and
 * synchronous: each command returns the events it caused, in order; no I/O, no hidden clock.
 */
export class MatchingEngine {
  readonly #books = new Map<InstrumentSymbol, OrderBook>();
  readonly #clock: () => number;
  readonly #ids: MatchingIds;

  constructor(options: MatchingEngineOptions) {
    this.#clock = options.clock;
    this.#ids = {
      venueOrderIds: new IdSequence(options.venueOrderIdPrefix ?? 'O'),
      tradeIds: new IdSequence(options.tradeIdPrefix ?? 'T'),
    };
    for (const symbol of options.symbols) this.addSymbol(symbol);
  }

  get symbols(): InstrumentSymbol[] {
    return [...this.#books.keys()];
  }

  /** Opens an empty book for a new instrument. */
  addSymbol(symbol: InstrumentSymbol): OrderBookView {
    if (this.#books.has(symbol)) throw new Error(`${symbol} has a book already`);
    const book = new OrderBook(symbol);
    this.#books.set(symbol, book);
    return book;
  }

  /** Looks a book up by any text: a symbol nobody listed simply has no book. */
  book(symbol: string): OrderBookView | undefined {
    return (this.#books as ReadonlyMap<string, OrderBook>).get(symbol);
  }

  process(command: MatchingCommand): MatchingEvent[] {
    return command.kind === 'place' ? this.placeOrder(command) : this.cancelOrder(command);
  }

  placeOrder(command: PlaceOrderCommand): MatchingEvent[] {
    const ts = this.#clock();
    const events: MatchingEvent[] = [];
    const book = this.#books.get(command.symbol);
    if (book === undefined) {
      events.push(rejectedEvent(command, 'UNKNOWN_SYMBOL', ts));
      return events;
    }
    book.beginCommand();
    placeOrder(book, command, this.#ids, ts, events);
    publishBookChanges(book, ts, events);
    return events;
  }

  cancelOrder(command: CancelOrderCommand): MatchingEvent[] {
    const ts = this.#clock();
    const events: MatchingEvent[] = [];
    const book = this.#books.get(command.symbol);
    book?.beginCommand();
    cancelOrder(book, command, ts, events);
    if (book !== undefined) publishBookChanges(book, ts, events);
    return events;
  }
}

function publishBookChanges(book: OrderBook, ts: number, events: MatchingEvent[]): void {
  const changes = book.takeChanges();
  if (changes === null) return;
  events.push({ kind: 'book_update', symbol: book.symbol, seq: book.seq, changes, ts });
}
