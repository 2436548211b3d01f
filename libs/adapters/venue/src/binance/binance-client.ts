// The VenueClient of Binance USDⓈ-M futures: HMAC-signed REST with `timestamp` and `recvWindow`,
// our order id as `newClientOrderId` (lookups and cancels by it), the symbol filters checked
// before signing. Every error goes through the venue's error table once. The client keeps to the
// venue's budgets: it reads the used weight from every answer, stops sending when the minute's
// budget is spent, and after a 429 or 418 sends nothing until Retry-After has passed (a 418 is a
// ban that grows if ignored). A -1021 (our clock outside recvWindow) measures the venue's clock
// and signs the request once more: the venue refused it, so nothing was done.

import { Decimal } from '@perp/decimal';
import {
  isMintedOrderId,
  type AccountId,
  type InstrumentSymbol,
  type OrderId,
  type TradeId,
  type VenueName,
  type VenueOrderId,
} from '@perp/trading-domain';
import type { z } from 'zod';
import { classifyVenueError, type VenueErrorVerdict } from '../description/venue-error-rules.ts';
import type { VenueNetwork } from '../description/venue-description.ts';
import { venueHttp, VenueNoAnswer } from '../transport/venue-http.ts';
import type {
  VenueAccountFill,
  VenueCancelAnswer,
  VenueClient,
  VenueFill,
  VenueMarket,
  VenueOpenOrder,
  VenueOrderRef,
  VenueOrderRequest,
  VenueOrderState,
  VenuePlaceAnswer,
  VenuePosition,
} from '../venue-client.ts';
import {
  VenueCredentialsRefusedError,
  VenueOutcomeUnknownError,
  VenueRequestError,
  VenueUnavailableError,
} from '../venue-errors.ts';
import { BINANCE_USDM, type BinanceOperation } from './description.ts';
import { binanceOrderState, newOrderParams } from './order-params.ts';
import {
  BinanceBookTicker,
  BinanceErrorBody,
  BinanceExchangeInfo,
  BinanceListenKey,
  BinanceOrder,
  BinanceOrders,
  BinancePositionRisk,
  BinancePremiumIndex,
  BinanceServerTime,
  BinanceUserTrades,
  type BinanceUserTrade,
} from './protocol/rest.ts';
import { binanceQuery, signedBinanceQuery, type BinanceParams } from './signing.ts';
import { symbolRulesOf, type BinanceSymbolRules } from './symbol-rules.ts';

export interface BinanceClientOptions {
  /** REST root; default the network's (BINANCE_USDM.urls). */
  readonly url?: string;
  readonly network: VenueNetwork;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Our symbol -> Binance's (`BTC-PERP` -> `BTCUSDT`). */
  readonly symbols: Readonly<Record<string, string>>;
  /** The platform account this venue account trades for, when it is one account's. */
  readonly accountId?: AccountId;
  readonly recvWindowMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** The venue refused the request itself: its verdict, for the caller to word. */
class BinanceRefusal extends Error {
  readonly verdict: VenueErrorVerdict;
  readonly venueCode: number | undefined;
  readonly venueMessage: string;
  constructor(verdict: VenueErrorVerdict, venueCode: number | undefined, venueMessage: string) {
    super(`binance ${venueCode ?? ''}: ${venueMessage}`);
    this.verdict = verdict;
    this.venueCode = venueCode;
    this.venueMessage = venueMessage;
  }
}

/** The venue no longer knows the user data stream's listen key (-1125): create a new one. */
export class BinanceListenKeyExpiredError extends VenueUnavailableError {}

const REQUEST_WEIGHT = BINANCE_USDM.rateLimits.find((limit) => limit.name === 'REQUEST_WEIGHT');
const WEIGHT_BUDGET = REQUEST_WEIGHT?.limit ?? 2_400;

type Kind = 'action' | 'query';

/** The most trades one userTrades request answers. */
const USER_TRADES_MAX = 1000;
/** Venue orders whose client order id was looked up, kept up to this many. */
const ORDER_ID_CACHE_MAX = 10_000;

export class BinanceClient implements VenueClient {
  readonly venue = BINANCE_USDM.venue as VenueName;
  readonly contractType = 'linear';
  readonly #options: BinanceClientOptions;
  readonly #url: string;
  readonly #now: () => number;
  /** The venue's clock minus ours, measured when the venue says our timestamp is off. */
  #offsetMs = 0;
  #backoffUntil = 0;
  #usedWeight = 0;
  #usedWeightMinute = 0;
  #rules: Promise<Map<string, BinanceSymbolRules>> | undefined;
  readonly #orderIds = new Map<string, OrderId | null>();

  constructor(options: BinanceClientOptions) {
    this.#options = options;
    this.#url = options.url ?? BINANCE_USDM.urls[options.network].rest;
    this.#now = options.now ?? Date.now;
  }

  /** The IP weight the venue reported used this minute (X-MBX-USED-WEIGHT-1M). */
  get usedWeight(): number {
    return Math.floor(this.#now() / 60_000) === this.#usedWeightMinute ? this.#usedWeight : 0;
  }

  /** Until when (ms) nothing is sent, after a 429 or 418; 0 when not backing off. */
  get backoffUntil(): number {
    return this.#backoffUntil > this.#now() ? this.#backoffUntil : 0;
  }

  async placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer> {
    const rules = await this.#rulesOf(request.symbol);
    const built = newOrderParams(request, rules);
    if (!built.ok)
      return {
        outcome: 'rejected',
        reason: 'VENUE_REJECTED',
        venueMessage: built.message,
        ts: this.#now(),
      };
    try {
      const order = this.#parse(
        BinanceOrder,
        await this.#call('newOrder', built.params, 'action'),
        'action',
      );
      return {
        outcome: 'accepted',
        venueOrderId: String(order.orderId) as VenueOrderId,
        ts: order.updateTime,
      };
    } catch (error) {
      if (!(error instanceof BinanceRefusal)) throw error;
      return {
        outcome: 'rejected',
        reason: error.verdict.reason,
        venueMessage: error.venueMessage,
        ts: this.#now(),
      };
    }
  }

  async cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer> {
    try {
      const order = this.#parse(
        BinanceOrder,
        await this.#call('cancelOrder', this.#byClientOrderId(ref), 'action'),
        'action',
      );
      return {
        outcome: 'canceled',
        venueOrderId: String(order.orderId) as VenueOrderId,
        ts: order.updateTime,
      };
    } catch (error) {
      if (!(error instanceof BinanceRefusal)) throw error;
      throw new VenueRequestError('VENUE_CANCEL_REJECTED', `binance: ${error.venueMessage}`);
    }
  }

  async getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined> {
    const order = await this.#queryOrder(ref);
    return order && binanceOrderState(order, ref);
  }

  async orderFills(ref: VenueOrderRef): Promise<VenueFill[]> {
    const order = await this.#queryOrder(ref);
    if (!order) return [];
    const trades = this.#parse(
      BinanceUserTrades,
      await this.#call('userTrades', { symbol: order.symbol, orderId: order.orderId }, 'query'),
      'query',
    );
    return trades.map(venueFillOf);
  }

  /**
   * The account's trades from `since` in the mapped symbols: userTrades per symbol (at most 1000
   * each, within 7 days of the start), our order id by one queryOrder per venue order (the trade
   * carries the venue's order id only), remembered.
   */
  async fillsSince(since: number, limit: number): Promise<VenueAccountFill[]> {
    const found: { trade: BinanceUserTrade; symbol: InstrumentSymbol }[] = [];
    for (const [venueSymbol, symbol] of this.#oursBySymbol()) {
      const trades = this.#parse(
        BinanceUserTrades,
        await this.#call(
          'userTrades',
          { symbol: venueSymbol, startTime: since, limit: Math.min(limit, USER_TRADES_MAX) },
          'query',
        ),
        'query',
      );
      for (const trade of trades) if (trade.time >= since) found.push({ trade, symbol });
    }
    const page = found
      .sort((a, b) => a.trade.time - b.trade.time || a.trade.id - b.trade.id)
      .slice(0, limit);
    const fills: VenueAccountFill[] = [];
    for (const { trade, symbol } of page) {
      fills.push({
        ...venueFillOf(trade),
        accountId: this.#options.accountId ?? null,
        orderId: await this.#orderIdOfVenueOrder(trade.symbol, trade.orderId),
        symbol,
      });
    }
    return fills;
  }

  /** Our order id of a venue order (its client order id, where we minted it); remembered. */
  async #orderIdOfVenueOrder(venueSymbol: string, venueOrderId: number): Promise<OrderId | null> {
    const key = `${venueSymbol}:${venueOrderId}`;
    const known = this.#orderIds.get(key);
    if (known !== undefined) return known;
    const order = this.#parse(
      BinanceOrder,
      await this.#call('queryOrder', { symbol: venueSymbol, orderId: venueOrderId }, 'query'),
      'query',
    );
    const orderId = isMintedOrderId(order.clientOrderId) ? order.clientOrderId : null;
    if (this.#orderIds.size >= ORDER_ID_CACHE_MAX) this.#orderIds.clear();
    this.#orderIds.set(key, orderId);
    return orderId;
  }

  /**
   * Cancels every open order of the mapped symbols (or of one), ours or not: one request per
   * symbol (Binance cancels all of a symbol's at once); how many were open.
   */
  async cancelAllOrders(symbol?: InstrumentSymbol): Promise<number> {
    const open = (await this.openOrdersOfVenue()).filter(
      (order) => symbol === undefined || order.symbol === this.#venueSymbol(symbol),
    );
    const venueSymbols = [...new Set(open.map((order) => order.symbol))];
    for (const venueSymbol of venueSymbols)
      await this.#call('cancelAllOpenOrders', { symbol: venueSymbol }, 'action');
    return open.length;
  }

  /** Non-flat positions in the mapped symbols (one-way mode: positionSide BOTH). */
  async positions(): Promise<VenuePosition[]> {
    const risks = this.#parse(
      BinancePositionRisk,
      await this.#call('positionRisk', {}, 'query'),
      'query',
    );
    const ours = this.#oursBySymbol();
    return risks.flatMap((risk) => {
      const symbol = ours.get(risk.symbol);
      const quantity = Decimal.parse(risk.positionAmt);
      if (symbol === undefined || quantity.isZero()) return [];
      return [{ symbol, quantity, entryPrice: Decimal.parse(risk.entryPrice) }];
    });
  }

  /** Every open order of the venue account, in the mapped symbols, in Binance's terms. */
  async openOrdersOfVenue(): Promise<z.infer<typeof BinanceOrders>> {
    const ours = this.#oursBySymbol();
    return this.#parse(BinanceOrders, await this.#call('openOrders', {}, 'query'), 'query').filter(
      (order) => ours.has(order.symbol),
    );
  }

  #oursBySymbol(): Map<string, InstrumentSymbol> {
    return new Map(
      Object.entries(this.#options.symbols).map(([symbol, venueSymbol]) => [
        venueSymbol,
        symbol as InstrumentSymbol,
      ]),
    );
  }

  /** Open orders in the symbols this client maps; a client order id we did not mint is foreign. */
  async openOrders(): Promise<VenueOpenOrder[]> {
    const orders = await this.openOrdersOfVenue();
    const ours = this.#oursBySymbol();
    return orders.flatMap((order) => {
      const symbol = ours.get(order.symbol);
      if (symbol === undefined) return [];
      return [
        {
          accountId: this.#options.accountId ?? null,
          orderId: isMintedOrderId(order.clientOrderId) ? order.clientOrderId : null,
          venueOrderId: String(order.orderId) as VenueOrderId,
          symbol,
          createdAt: order.time ?? order.updateTime,
        },
      ];
    });
  }

  async market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    const venueSymbol = this.#venueSymbol(symbol);
    const [index, book] = await Promise.all([
      this.#call('premiumIndex', { symbol: venueSymbol }, 'query'),
      this.#call('bookTicker', { symbol: venueSymbol }, 'query'),
    ]);
    const premium = this.#parse(BinancePremiumIndex, index, 'query');
    const top = this.#parse(BinanceBookTicker, book, 'query');
    return {
      symbol,
      markPrice: Decimal.parse(premium.markPrice),
      indexPrice: Decimal.parse(premium.indexPrice),
      bestBid: Decimal.parse(top.bidPrice),
      bestAsk: Decimal.parse(top.askPrice),
      ts: premium.time,
    };
  }

  /** A listen key for the user data stream (the venue's one per API key; valid 60 minutes). */
  async createListenKey(): Promise<string> {
    return this.#parse(BinanceListenKey, await this.#call('listenKeyCreate', {}, 'query'), 'query')
      .listenKey;
  }

  /** Extends the listen key by 60 minutes; BinanceListenKeyExpiredError once it has lapsed. */
  async keepAliveListenKey(): Promise<void> {
    await this.#call('listenKeyKeepAlive', {}, 'query');
  }

  async closeListenKey(): Promise<void> {
    await this.#call('listenKeyClose', {}, 'query');
  }

  /** The venue's answer to one request; throws by the error table's class. */
  async #call(
    operation: BinanceOperation,
    params: BinanceParams,
    kind: Kind,
    resynced = false,
  ): Promise<unknown> {
    const endpoint = BINANCE_USDM.endpoints[operation];
    const what = `binance ${endpoint.method} ${endpoint.path}`;
    const now = this.#now();
    if (this.#backoffUntil > now)
      throw new VenueUnavailableError(
        `${what}: backing off until ${new Date(this.#backoffUntil).toISOString()} (the venue's Retry-After)`,
      );
    if (this.usedWeight + endpoint.weight > WEIGHT_BUDGET)
      throw new VenueUnavailableError(
        `${what}: this minute's request weight (${WEIGHT_BUDGET}) is spent`,
      );
    const query = endpoint.signed
      ? signedBinanceQuery(this.#options.apiSecret, params, {
          timestamp: now + this.#offsetMs,
          recvWindow: this.#options.recvWindowMs,
        })
      : binanceQuery(params);
    const keyed = endpoint.signed || operation.startsWith('listenKey');
    let answer;
    try {
      answer = await venueHttp(what, {
        method: endpoint.method,
        url: `${this.#url}${endpoint.path}${query ? `?${query}` : ''}`,
        ...(keyed ? { headers: { 'X-MBX-APIKEY': this.#options.apiKey } } : {}),
        timeoutMs: this.#options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      if (!(error instanceof VenueNoAnswer)) throw error;
      if (kind === 'query') throw new VenueUnavailableError(error.message, { cause: error });
      throw new VenueOutcomeUnknownError('binance.unanswered', error.message, { cause: error });
    }
    this.#noteWeight(answer.headers);
    if (answer.status >= 200 && answer.status < 300) return this.#json(answer.text, what, kind);
    if (answer.status === 429 || answer.status === 418) this.#backOff(answer.headers);
    const body = BinanceErrorBody.safeParse(this.#jsonOrNull(answer.text));
    const code = body.success ? body.data.code : undefined;
    const message = body.success ? body.data.msg : answer.text.slice(0, 200);
    const verdict = classifyVenueError(BINANCE_USDM.errors, {
      httpStatus: answer.status,
      code: code === undefined ? undefined : String(code),
      message,
    });
    if (code === -1125) throw new BinanceListenKeyExpiredError(`${what}: ${message}`);
    if (code === -1021 && !resynced) {
      await this.#syncClock();
      return this.#call(operation, params, kind, true);
    }
    const text = `${what}: ${code ?? `HTTP ${answer.status}`} ${message} (${verdict.rule})`;
    if (verdict.credentials) throw new VenueCredentialsRefusedError(text);
    if (verdict.class === 'retryable') throw new VenueUnavailableError(text);
    if (verdict.class === 'unknown_outcome')
      // A query changes nothing: whatever happened, asking again is safe.
      throw kind === 'query'
        ? new VenueUnavailableError(text)
        : new VenueOutcomeUnknownError(verdict.rule, text);
    throw new BinanceRefusal(verdict, code, message);
  }

  async #queryOrder(ref: VenueOrderRef): Promise<z.infer<typeof BinanceOrder> | undefined> {
    try {
      return this.#parse(
        BinanceOrder,
        await this.#call('queryOrder', this.#byClientOrderId(ref), 'query'),
        'query',
      );
    } catch (error) {
      if (!(error instanceof BinanceRefusal)) throw error;
      // -2013: the venue never saw it.
      if (error.venueCode === -2013) return undefined;
      throw new VenueRequestError(
        `BINANCE_${error.venueCode ?? 'REFUSED'}`,
        `binance: ${error.venueMessage}`,
      );
    }
  }

  #byClientOrderId(ref: VenueOrderRef): BinanceParams {
    return { symbol: this.#venueSymbol(ref.symbol), origClientOrderId: ref.orderId };
  }

  #venueSymbol(symbol: InstrumentSymbol): string {
    const venueSymbol = this.#options.symbols[symbol];
    if (venueSymbol === undefined)
      throw new VenueRequestError(
        'UNKNOWN_SYMBOL',
        `binance: no Binance symbol configured for ${symbol}`,
      );
    return venueSymbol;
  }

  async #rulesOf(symbol: InstrumentSymbol): Promise<BinanceSymbolRules> {
    const venueSymbol = this.#venueSymbol(symbol);
    this.#rules ??= this.#call('exchangeInfo', {}, 'query').then((info) =>
      symbolRulesOf(this.#parse(BinanceExchangeInfo, info, 'query')),
    );
    let rules: Map<string, BinanceSymbolRules>;
    try {
      rules = await this.#rules;
    } catch (error) {
      this.#rules = undefined;
      throw error;
    }
    const found = rules.get(venueSymbol);
    if (!found)
      throw new VenueRequestError('UNKNOWN_SYMBOL', `binance lists no trading ${venueSymbol}`);
    return found;
  }

  async #syncClock(): Promise<void> {
    const sent = this.#now();
    const { serverTime } = this.#parse(
      BinanceServerTime,
      await this.#call('time', {}, 'query'),
      'query',
    );
    this.#offsetMs = serverTime - Math.round((sent + this.#now()) / 2);
  }

  #noteWeight(headers: Headers): void {
    const used = Number(headers.get('x-mbx-used-weight-1m'));
    if (!Number.isFinite(used) || headers.get('x-mbx-used-weight-1m') === null) return;
    this.#usedWeight = used;
    this.#usedWeightMinute = Math.floor(this.#now() / 60_000);
  }

  #backOff(headers: Headers): void {
    const seconds = Number(headers.get('retry-after'));
    // Without the header: a minute, the weight window.
    this.#backoffUntil =
      this.#now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1_000;
  }

  #jsonOrNull(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }

  #json(text: string, what: string, kind: Kind): unknown {
    const json = this.#jsonOrNull(text);
    if (json === null) this.#unreadable(what, kind);
    return json;
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown, kind: Kind): T {
    const result = schema.safeParse(body);
    if (!result.success) this.#unreadable('binance', kind);
    return result.data as T;
  }

  #unreadable(what: string, kind: Kind): never {
    const message = `${what}: an answer that is not one the venue documents`;
    if (kind === 'query') throw new VenueUnavailableError(message);
    throw new VenueOutcomeUnknownError('binance.unparseable', message);
  }
}

function venueFillOf(trade: BinanceUserTrade): VenueFill {
  return {
    tradeId: String(trade.id) as TradeId,
    venueOrderId: String(trade.orderId) as VenueOrderId,
    price: Decimal.parse(trade.price),
    quantity: Decimal.parse(trade.qty),
    fee: Decimal.parse(trade.commission),
    liquidity: trade.maker ? 'maker' : 'taker',
    ts: trade.time,
  };
}
