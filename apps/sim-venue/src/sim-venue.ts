import type { AccountId, InstrumentSymbol, OrderId } from '@perp/trading-domain';
import type { Logger } from '@perp/logger';
import type {
  SimBook,
  SimCancelReceipt,
  SimInstrument,
  SimOrderEvent,
  SimOrderRequest,
  SimOrderFill,
  SimOrderView,
  SimPlaceReceipt,
} from '@perp/venue-adapter';
import { EventLog } from './core/event-log.ts';
import type { JournalEntry, VenueSettings } from './core/journal-entry.ts';
import { VenueCore, type CoreOutput } from './core/venue-core.ts';
import { Journal } from './persistence/journal.ts';

export interface SimVenueOptions {
  readonly dataDir: string;
  readonly settings: VenueSettings;
  /** Private events kept in memory for resuming clients (older ones come from the journal). */
  readonly eventBufferSize: number;
  readonly clock: () => number;
  readonly logger: Logger;
}

export interface TopOfBook {
  /** The listed symbol. */
  readonly symbol: InstrumentSymbol;
  readonly bestBid: { readonly price: string; readonly quantity: string } | null;
  readonly bestAsk: { readonly price: string; readonly quantity: string } | null;
}

/**
 * The venue's state and its durability: every accepted input is journaled, then applied to the
 * deterministic core; its events go to the in-memory log and to the listeners (the stream). On
 * open the journal is replayed, so books, orders and event numbers survive a restart.
 */
export class SimVenue {
  readonly #journal: Journal;
  readonly #core: VenueCore;
  readonly #events: EventLog;
  readonly #clock: () => number;
  readonly #listeners: ((output: CoreOutput) => void)[] = [];

  private constructor(journal: Journal, core: VenueCore, events: EventLog, clock: () => number) {
    this.#journal = journal;
    this.#core = core;
    this.#events = events;
    this.#clock = clock;
  }

  static async open(options: SimVenueOptions): Promise<SimVenue> {
    const journal = await Journal.open(options.dataDir, options.clock);
    try {
      const core = new VenueCore(journal.journalId);
      const events = new EventLog(options.eventBufferSize);
      const started = performance.now();
      let entries = 0;
      for await (const entry of journal.entries()) {
        for (const event of core.apply(entry).orderEvents) events.append(event);
        entries += 1;
      }
      options.logger.info(
        {
          journalId: journal.journalId,
          entries,
          lastEventSeq: core.lastEventSeq,
          ms: Math.round(performance.now() - started),
        },
        'journal replayed',
      );
      if (core.settingsChanged(options.settings)) {
        const entry: JournalEntry = { kind: 'settings', ts: options.clock(), ...options.settings };
        journal.append(entry);
        core.apply(entry);
      }
      return new SimVenue(journal, core, events, options.clock);
    } catch (error) {
      journal.close();
      throw error;
    }
  }

  get journalId(): string {
    return this.#journal.journalId;
  }

  get lastEventSeq(): number {
    return this.#events.lastSeq;
  }

  get oldestEventSeqInMemory(): number {
    return this.#events.oldestSeq;
  }

  get symbols(): string[] {
    return this.#core.instruments.map((i) => i.symbol);
  }

  onOutput(listener: (output: CoreOutput) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Idempotent on (accountId, orderId): a repeat is not journaled, changes nothing and answers
   * `received` (its outcome was streamed when it was first placed). Otherwise the answer is the
   * order's first event: `accepted` or `rejected`.
   */
  placeOrder(order: SimOrderRequest): SimPlaceReceipt {
    const { accountId, orderId } = order;
    if (this.#core.hasOrder(accountId, orderId)) return { accountId, orderId, status: 'received' };
    const events = this.#record({ kind: 'place', ts: this.#clock(), order });
    const first = events.find((e) => e.accountId === accountId && e.orderId === orderId);
    switch (first?.kind) {
      case 'accepted':
        return {
          accountId,
          orderId,
          status: 'accepted',
          venueOrderId: first.venueOrderId,
          ts: first.ts,
        };
      case 'rejected':
        return { accountId, orderId, status: 'rejected', reason: first.reason, ts: first.ts };
      default:
        // Not reached: the core answers every new order with accepted or rejected first.
        return { accountId, orderId, status: 'received' };
    }
  }

  /**
   * Always an input. Answers `canceled` when this request canceled the order, else
   * `cancel_requested`: the refusal (cancel_rejected) is on the stream.
   */
  cancelOrder(
    accountId: AccountId,
    orderId: OrderId,
    symbol: InstrumentSymbol | null,
  ): SimCancelReceipt {
    const events = this.#record({ kind: 'cancel', ts: this.#clock(), accountId, orderId, symbol });
    for (const event of events) {
      if (event.kind === 'canceled' && event.accountId === accountId && event.orderId === orderId) {
        return {
          accountId,
          orderId,
          status: 'canceled',
          venueOrderId: event.venueOrderId,
          ts: event.ts,
        };
      }
    }
    return { accountId, orderId, status: 'cancel_requested' };
  }

  order(accountId: string, orderId: string): SimOrderView | undefined {
    return this.#core.orderView(accountId, orderId);
  }

  orderFills(accountId: string, orderId: string): SimOrderFill[] | undefined {
    return this.#core.orderFills(accountId, orderId);
  }

  fillsSince(since: number, limit: number): SimOrderFill[] {
    return this.#core.fillsSince(since, limit);
  }

  openOrders(): SimOrderView[] {
    return this.#core.openOrderViews();
  }

  hasSymbol(symbol: string): boolean {
    return this.#core.instrument(symbol) !== undefined;
  }

  instruments(): SimInstrument[] {
    const { maker, taker } = this.#core.fees;
    return this.#core.instruments.map((i) => ({
      symbol: i.symbol,
      tickSize: i.tickSize.toString(),
      lotSize: i.lotSize.toString(),
      makerFeeRate: maker.toString(),
      takerFeeRate: taker.toString(),
    }));
  }

  /** The top `depth` levels per side, best first, at the book's seq; undefined if unlisted. */
  book(symbol: string, depth: number): SimBook | undefined {
    const instrument = this.#core.instrument(symbol);
    const book = this.#core.book(symbol);
    if (instrument === undefined || book === undefined) return undefined;
    const snapshot = book.depth(depth);
    const { scale } = instrument;
    const level = (l: { priceTicks: number; quantityLots: number }): [string, string] => [
      scale.ticksToPrice(l.priceTicks),
      scale.lotsToQuantity(l.quantityLots),
    ];
    return {
      symbol: instrument.symbol,
      bids: snapshot.bids.map(level),
      asks: snapshot.asks.map(level),
      seq: snapshot.seq,
      ts: this.#clock(),
    };
  }

  topOfBook(symbol: string): TopOfBook | undefined {
    const instrument = this.#core.instrument(symbol);
    const book = this.#core.book(symbol);
    if (instrument === undefined || book === undefined) return undefined;
    const { scale } = instrument;
    const side = (level: { priceTicks: number; totalLots: number } | undefined) =>
      level === undefined
        ? null
        : {
            price: scale.ticksToPrice(level.priceTicks),
            quantity: scale.lotsToQuantity(level.totalLots),
          };
    return {
      symbol: instrument.symbol,
      bestBid: side(book.bestBid()),
      bestAsk: side(book.bestAsk()),
    };
  }

  lastTradePrice(symbol: string): string | null {
    return this.#core.lastTradePrice(symbol);
  }

  /** The private events after `seq` from memory, or undefined if some are only in the journal. */
  eventsAfter(seq: number): SimOrderEvent[] | undefined {
    return this.#events.after(seq);
  }

  /**
   * Events `after` < eventSeq <= `until`, rebuilt by replaying the journal through a scratch core
   * (for clients resuming from before the in-memory window), in batches.
   */
  async *journalEvents(after: number, until: number): AsyncGenerator<SimOrderEvent[]> {
    const core = new VenueCore(this.#journal.journalId);
    for await (const entry of this.#journal.entries()) {
      const events = core
        .apply(entry)
        .orderEvents.filter((e) => e.eventSeq > after && e.eventSeq <= until);
      if (events.length > 0) yield events;
      if (core.lastEventSeq >= until) return;
    }
  }

  close(): void {
    this.#journal.close();
  }

  /** Journals and applies one input; returns the private events it caused. */
  #record(entry: JournalEntry): SimOrderEvent[] {
    // Journal first: an input is never visible before it is durable.
    this.#journal.append(entry);
    const output = this.#core.apply(entry);
    for (const event of output.orderEvents) this.#events.append(event);
    for (const listener of this.#listeners) listener(output);
    return output.orderEvents;
  }
}
