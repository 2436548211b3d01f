import type { InstrumentSymbol, OrderId } from '@perp/trading-domain';
import { Decimal } from '@perp/decimal';
import type {
  SimBookData,
  SimOrderEvent,
  SimOrderFill,
  SimOrderRequest,
  SimOrderView,
  SimRejectReason,
  SimTradeData,
} from '@perp/venue-adapter';
import {
  InstrumentScale,
  MatchingEngine,
  type MatchingEvent,
  type OrderBookView,
  type PlaceOrderCommand,
  type ScaleFailure,
} from '../matching/index.ts';
import { tradeFee, type FeeRates } from './fees.ts';
import type { CancelEntry, JournalEntry, PlaceEntry, VenueSettings } from './journal-entry.ts';
import { OrderRegistry, type VenueOrder } from './order-registry.ts';

/** Public market data one input caused, in the order it happened. */
export type MarketOutput =
  | { readonly type: 'book'; readonly data: SimBookData }
  | { readonly type: 'trade'; readonly data: SimTradeData };

export interface CoreOutput {
  /** Private events, numbered by the venue-wide eventSeq. */
  readonly orderEvents: SimOrderEvent[];
  readonly market: MarketOutput[];
}

export interface ListedInstrument {
  readonly symbol: InstrumentSymbol;
  readonly tickSize: Decimal;
  readonly lotSize: Decimal;
  readonly scale: InstrumentScale;
}

/** The journal was written with other tick or lot sizes: replaying it now would mean other prices. */
export class SettingsConflictError extends Error {
  readonly code = 'JOURNAL_SETTINGS_CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'SettingsConflictError';
  }
}

/**
 * The venue's deterministic state machine around the matching engine: instruments, fees, the
 * order registry and the numbered private event log. Every change comes from `apply(entry)`,
 * whose entry carries its own timestamp, so replaying a journal rebuilds it exactly: same venue
 * order ids, trade ids, fees and event numbers.
 */
export class VenueCore {
  readonly journalId: string;
  readonly #engine: MatchingEngine;
  readonly #instruments = new Map<string, ListedInstrument>();
  readonly #orders = new OrderRegistry();
  readonly #lastTrade = new Map<string, string>();
  #fees: FeeRates = { maker: Decimal.ZERO, taker: Decimal.ZERO };
  #settings: VenueSettings | undefined;
  #now = 0;
  #eventSeq = 0;

  constructor(journalId: string) {
    this.journalId = journalId;
    this.#engine = new MatchingEngine({
      symbols: [],
      clock: () => this.#now,
      // Per-journal prefixes keep ids unique even when the venue's data is reset.
      venueOrderIdPrefix: `${journalId}-O`,
      tradeIdPrefix: `${journalId}-T`,
    });
  }

  get lastEventSeq(): number {
    return this.#eventSeq;
  }

  get settings(): VenueSettings | undefined {
    return this.#settings;
  }

  apply(entry: JournalEntry): CoreOutput {
    const output: CoreOutput = { orderEvents: [], market: [] };
    this.#now = entry.ts;
    switch (entry.kind) {
      case 'settings':
        this.#applySettings(entry);
        break;
      case 'place':
        this.#place(entry, output);
        break;
      case 'cancel':
        this.#cancel(entry, output);
        break;
    }
    return output;
  }

  /**
   * Whether `settings` differ from those in force (so a settings entry must be journaled).
   * Throws SettingsConflictError if they change an existing instrument's tick or lot size.
   */
  settingsChanged(settings: VenueSettings): boolean {
    for (const wanted of settings.instruments) {
      const listed = this.#instruments.get(wanted.symbol);
      if (listed === undefined) continue;
      if (
        !listed.tickSize.eq(Decimal.parse(wanted.tickSize)) ||
        !listed.lotSize.eq(Decimal.parse(wanted.lotSize))
      ) {
        throw new SettingsConflictError(
          `${wanted.symbol} was journaled with tick ${listed.tickSize} and lot ${listed.lotSize}; ` +
            `the config says tick ${wanted.tickSize} and lot ${wanted.lotSize}`,
        );
      }
    }
    const current = this.#settings;
    if (current === undefined) return true;
    return (
      settings.instruments.some((i) => !this.#instruments.has(i.symbol)) ||
      !Decimal.parse(settings.makerFeeRate).eq(this.#fees.maker) ||
      !Decimal.parse(settings.takerFeeRate).eq(this.#fees.taker)
    );
  }

  hasOrder(accountId: string, orderId: string): boolean {
    return this.#orders.get(accountId, orderId) !== undefined;
  }

  orderView(accountId: string, orderId: string): SimOrderView | undefined {
    const order = this.#orders.get(accountId, orderId);
    return order && this.#view(order);
  }

  orderFills(accountId: string, orderId: string): SimOrderFill[] | undefined {
    return this.#orders.get(accountId, orderId)?.fills;
  }

  fillsSince(since: number, limit: number): SimOrderFill[] {
    return this.#orders.fillsSince(since, limit);
  }

  openOrderViews(): SimOrderView[] {
    return this.#orders.open().map((order) => this.#view(order));
  }

  #view(order: VenueOrder): SimOrderView {
    const instrument = this.#instruments.get(order.request.symbol);
    return {
      ...order.request,
      venueOrderId: order.venueOrderId,
      status: order.status,
      filledQuantity: instrument?.scale.lotsToQuantity(order.filledLots) ?? '0',
      reason: order.reason,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    };
  }

  instrument(symbol: string): ListedInstrument | undefined {
    return this.#instruments.get(symbol);
  }

  get instruments(): ListedInstrument[] {
    return [...this.#instruments.values()];
  }

  get fees(): FeeRates {
    return this.#fees;
  }

  book(symbol: string): OrderBookView | undefined {
    return this.#engine.book(symbol);
  }

  lastTradePrice(symbol: string): string | null {
    return this.#lastTrade.get(symbol) ?? null;
  }

  #applySettings(settings: VenueSettings): void {
    this.settingsChanged(settings);
    for (const steps of settings.instruments) {
      if (this.#instruments.has(steps.symbol)) continue;
      this.#engine.addSymbol(steps.symbol);
      this.#instruments.set(steps.symbol, {
        symbol: steps.symbol,
        tickSize: Decimal.parse(steps.tickSize),
        lotSize: Decimal.parse(steps.lotSize),
        scale: new InstrumentScale({ tickSize: steps.tickSize, lotSize: steps.lotSize }),
      });
    }
    this.#fees = {
      maker: Decimal.parse(settings.makerFeeRate),
      taker: Decimal.parse(settings.takerFeeRate),
    };
    this.#settings = {
      instruments: this.instruments.map((i) => ({
        symbol: i.symbol,
        tickSize: i.scale.tickSize,
        lotSize: i.scale.lotSize,
      })),
      makerFeeRate: settings.makerFeeRate,
      takerFeeRate: settings.takerFeeRate,
    };
  }

  #place(entry: PlaceEntry, output: CoreOutput): void {
    const request = entry.order;
    // Placing is idempotent on (account, order id): a repeat is no new input.
    if (this.#orders.get(request.accountId, request.orderId) !== undefined) return;
    const order: VenueOrder = {
      request,
      venueOrderId: null,
      status: 'rejected',
      filledLots: 0,
      reason: null,
      fills: [],
      createdAt: entry.ts,
      updatedAt: entry.ts,
    };
    this.#orders.add(order);
    const instrument = this.#instruments.get(request.symbol);
    if (instrument === undefined) return this.#reject(order, 'UNKNOWN_SYMBOL', entry.ts, output);
    const command = this.#engineCommand(request, instrument);
    if (typeof command === 'string') return this.#reject(order, command, entry.ts, output);
    this.#translate(this.#engine.process(command), instrument, output);
  }

  #engineCommand(
    request: SimOrderRequest,
    instrument: ListedInstrument,
  ): PlaceOrderCommand | SimRejectReason {
    const lots = instrument.scale.quantityToLots(request.quantity);
    if (!lots.ok) return lots.reason === 'LOT_SIZE' ? 'LOT_SIZE' : 'INVALID_QUANTITY';
    const base = {
      kind: 'place',
      symbol: request.symbol,
      accountId: request.accountId,
      orderId: request.orderId,
      side: request.side,
      quantityLots: lots.value,
      timeInForce: request.timeInForce,
      postOnly: request.postOnly,
    } as const;
    if (request.type === 'market') {
      return request.price === null ? { ...base, orderType: 'market' } : 'INVALID_PRICE';
    }
    if (request.price === null) return 'INVALID_PRICE';
    const ticks = instrument.scale.priceToTicks(request.price);
    if (!ticks.ok) return priceReason(ticks.reason);
    return { ...base, orderType: 'limit', priceTicks: ticks.value };
  }

  #reject(order: VenueOrder, reason: SimRejectReason, ts: number, output: CoreOutput): void {
    order.status = 'rejected';
    order.reason = reason;
    output.orderEvents.push({
      eventSeq: this.#nextSeq(),
      kind: 'rejected',
      accountId: order.request.accountId,
      orderId: order.request.orderId,
      symbol: order.request.symbol,
      reason,
      ts,
    });
  }

  #cancel(entry: CancelEntry, output: CoreOutput): void {
    const order = this.#orders.get(entry.accountId, entry.orderId);
    if (order === undefined || order.status !== 'open' || order.venueOrderId === null) {
      output.orderEvents.push({
        eventSeq: this.#nextSeq(),
        kind: 'cancel_rejected',
        accountId: entry.accountId,
        orderId: entry.orderId,
        venueOrderId: order?.venueOrderId ?? null,
        symbol: order?.request.symbol ?? entry.symbol,
        reason: order === undefined ? 'UNKNOWN_ORDER' : 'ORDER_NOT_OPEN',
        ts: entry.ts,
      });
      return;
    }
    const instrument = this.#instruments.get(order.request.symbol);
    if (instrument === undefined) return; // an open order always has a listed instrument
    const events = this.#engine.process({
      kind: 'cancel',
      symbol: order.request.symbol,
      accountId: entry.accountId,
      venueOrderId: order.venueOrderId,
    });
    this.#translate(events, instrument, output, entry.orderId);
  }

  /** The engine's events in ticks and lots as the venue's events in decimals, updating orders. */
  #translate(
    events: readonly MatchingEvent[],
    instrument: ListedInstrument,
    output: CoreOutput,
    cancelTarget?: OrderId,
  ): void {
    const { scale } = instrument;
    for (const event of events) {
      switch (event.kind) {
        case 'accepted': {
          const order = this.#order(event.accountId, event.orderId);
          this.#orders.assignVenueOrderId(order, event.venueOrderId);
          order.status = 'open';
          order.updatedAt = event.ts;
          output.orderEvents.push({
            eventSeq: this.#nextSeq(),
            kind: 'accepted',
            accountId: event.accountId,
            orderId: event.orderId,
            venueOrderId: event.venueOrderId,
            symbol: event.symbol,
            side: event.side,
            type: event.orderType,
            timeInForce: event.timeInForce,
            price: event.priceTicks === null ? null : scale.ticksToPrice(event.priceTicks),
            quantity: scale.lotsToQuantity(event.quantityLots),
            postOnly: event.postOnly,
            reduceOnly: order.request.reduceOnly,
            ts: event.ts,
          });
          break;
        }
        case 'rejected':
          this.#reject(this.#order(event.accountId, event.orderId), event.reason, event.ts, output);
          break;
        case 'fill': {
          const order = this.#order(event.accountId, event.orderId);
          order.filledLots = event.filledLots;
          order.updatedAt = event.ts;
          if (event.remainingLots === 0) order.status = 'filled';
          const price = scale.ticksToPrice(event.priceTicks);
          const quantity = scale.lotsToQuantity(event.quantityLots);
          const rate = event.liquidity === 'maker' ? this.#fees.maker : this.#fees.taker;
          const fill: SimOrderFill = {
            eventSeq: this.#nextSeq(),
            kind: 'fill',
            accountId: event.accountId,
            orderId: event.orderId,
            venueOrderId: event.venueOrderId,
            symbol: event.symbol,
            side: event.side,
            tradeId: event.tradeId,
            price,
            quantity,
            liquidity: event.liquidity,
            fee: tradeFee(Decimal.parse(price), Decimal.parse(quantity), rate).toString(),
            filledQuantity: scale.lotsToQuantity(event.filledLots),
            remainingQuantity: scale.lotsToQuantity(event.remainingLots),
            ts: event.ts,
          };
          this.#orders.addFill(order, fill);
          output.orderEvents.push(fill);
          break;
        }
        case 'canceled':
        case 'expired': {
          const order = this.#order(event.accountId, event.orderId);
          order.status = event.kind;
          order.reason = event.reason;
          order.updatedAt = event.ts;
          const ended = {
            eventSeq: this.#nextSeq(),
            accountId: event.accountId,
            orderId: event.orderId,
            venueOrderId: event.venueOrderId,
            symbol: event.symbol,
            side: event.side,
            filledQuantity: scale.lotsToQuantity(event.filledLots),
            remainingQuantity: scale.lotsToQuantity(event.remainingLots),
            ts: event.ts,
          };
          output.orderEvents.push(
            event.kind === 'canceled'
              ? { ...ended, kind: 'canceled', reason: event.reason }
              : { ...ended, kind: 'expired', reason: event.reason },
          );
          break;
        }
        case 'cancel_rejected': {
          const order = this.#orders.byVenueOrderId(event.venueOrderId);
          // The engine refuses cancels only; the cancel named the order.
          const orderId = order?.request.orderId ?? cancelTarget;
          if (orderId === undefined) break;
          output.orderEvents.push({
            eventSeq: this.#nextSeq(),
            kind: 'cancel_rejected',
            accountId: event.accountId,
            orderId,
            venueOrderId: event.venueOrderId,
            symbol: event.symbol,
            reason: event.reason,
            ts: event.ts,
          });
          break;
        }
        case 'trade': {
          const price = scale.ticksToPrice(event.priceTicks);
          this.#lastTrade.set(event.symbol, price);
          output.market.push({
            type: 'trade',
            data: {
              symbol: event.symbol,
              tradeId: event.tradeId,
              price,
              quantity: scale.lotsToQuantity(event.quantityLots),
              takerSide: event.aggressorSide,
              ts: event.ts,
            },
          });
          break;
        }
        case 'book_update': {
          const bids: [string, string][] = [];
          const asks: [string, string][] = [];
          for (const change of event.changes) {
            const level: [string, string] = [
              scale.ticksToPrice(change.priceTicks),
              scale.lotsToQuantity(change.quantityLots),
            ];
            (change.side === 'buy' ? bids : asks).push(level);
          }
          output.market.push({
            type: 'book',
            data: { symbol: event.symbol, bids, asks, seq: event.seq, ts: event.ts },
          });
          break;
        }
      }
    }
  }

  #order(accountId: string, orderId: string): VenueOrder {
    const order = this.#orders.get(accountId, orderId);
    if (order === undefined) throw new Error(`the engine named an unknown order ${orderId}`);
    return order;
  }

  #nextSeq(): number {
    this.#eventSeq += 1;
    return this.#eventSeq;
  }
}

function priceReason(failure: ScaleFailure): SimRejectReason {
  return failure === 'TICK_SIZE' ? 'TICK_SIZE' : 'INVALID_PRICE';
}
