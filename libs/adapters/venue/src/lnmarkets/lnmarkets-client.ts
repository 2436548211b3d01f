// The VenueClient of LN Markets v3 cross-margin futures (the inverse BTC/USD perpetual): HMAC-
// signed REST (signing.ts), our order id as the order's `clientId`, quantities in USD contracts
// and prices in USD passed through as exact decimals (JSON numbers written and read by their
// digits). Every error goes through the venue's error table once. The client keeps to the
// venue's budget (5 authenticated, 1 public request a second), and after a 429 sends nothing
// until Retry-After has passed. A timestamp refusal measures the venue's clock and signs once
// more: the venue refused it, so nothing was done.
//
// What the venue does not offer, and how this client makes up for it:
// - No lookup by id or by clientId, and no list of canceled orders: an order is found by
//   scanning the open orders, then the filled orders from the time its order id was minted.
//   Cancels this client made are remembered, so such orders read `canceled`, and so does an
//   order this client saw at the venue that is now neither open nor filled (the only other way
//   off the book; a cancel whose answer was lost). An order of ours this client never saw at
//   the venue (a restart) and found in neither list reads as unknown (undefined): LN Markets
//   cannot tell "canceled" from "never arrived" then.
// - No documented refusal of a repeated clientId: before placing an order id it already sent,
//   the client looks for it at the venue and answers `pending` if it is there, so a repeated
//   request never makes a second order. That memory is the process's: after a restart the OMS
//   reconciles (getOrder) before it repeats anything.
// - Leverage is the cross position's, not the order's: it is set once (PUT /futures/cross/
//   leverage) before this client's first order if the position's differs.

import { Decimal } from '@perp/decimal';
import {
  isMintedOrderId,
  type AccountId,
  type InstrumentSymbol,
  type OrderId,
  type VenueName,
  type VenueOrderId,
} from '@perp/trading-domain';
import type { z } from 'zod';
import type { LnMarketsCredentials } from '../credentials/venue-credentials.ts';
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
import { LN_MARKETS, LN_MARKETS_PAIR, type LnMarketsOperation } from './description.ts';
import { lnMarketsFillOf, lnMarketsOrderState, newOrderBody } from './order-params.ts';
import {
  LnMarketsErrorBody,
  LnMarketsFilledOrders,
  LnMarketsOrder,
  LnMarketsOrders,
  LnMarketsPosition,
  LnMarketsTicker,
  LnMarketsTime,
  msOf,
} from './protocol/rest.ts';
import { parseWireJson, wireJson } from './protocol/wire-json.ts';
import { lnMarketsHeaders } from './signing.ts';

export interface LnMarketsClientOptions {
  /** REST root without /v3; default the network's (LN_MARKETS.urls). */
  readonly url?: string;
  readonly network: VenueNetwork;
  readonly credentials: LnMarketsCredentials;
  /** Our symbol -> LN Markets' pair: exactly one, `btc_usd` (`{ 'BTC-PERP': 'btc_usd' }`). */
  readonly symbols: Readonly<Record<string, string>>;
  /** The platform account this venue account trades for, when it is one account's. */
  readonly accountId?: AccountId;
  /** The cross position's leverage, 1 to 100 (default 10). */
  readonly leverage?: number;
  /** Authenticated requests a second (default the venue's 5). */
  readonly requestsPerSecond?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** The venue refused the request itself: its verdict, for the caller to word. */
class LnMarketsRefusal extends Error {
  readonly verdict: VenueErrorVerdict;
  readonly httpStatus: number;
  readonly venueMessage: string;
  constructor(verdict: VenueErrorVerdict, httpStatus: number, venueMessage: string) {
    super(`lnmarkets ${httpStatus}: ${venueMessage}`);
    this.verdict = verdict;
    this.httpStatus = httpStatus;
    this.venueMessage = venueMessage;
  }
}

type Kind = 'action' | 'query';
interface CallInput {
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

const budget = (name: string, fallback: number) =>
  LN_MARKETS.rateLimits.find((limit) => limit.name === name)?.limit ?? fallback;
const AUTHENTICATED_PER_SECOND = budget('authenticated', 5);
const PUBLIC_PER_SECOND = budget('public', 1);
/**
 * The budget's second, with a tenth to spare: requests sent a second apart may arrive closer
 * together (one delayed on the way), and the venue counts arrivals.
 */
const PACE_WINDOW_MS = 1_100;
/** The filled orders' page (the venue's maximum) and how many pages one question reads. */
const PAGE = 1_000;
const MAX_PAGES = 10;
/** An order id's time is the OMS's clock: the venue's may read a little earlier. */
const ORDER_TIME_SLACK_MS = 60_000;
/** Order ids whose venue ids or cancels are remembered; the oldest are forgotten first. */
const REMEMBERED = 10_000;
const LEVERAGE = /^\d{1,3}(\.\d{1,2})?$/;

export class LnMarketsClient implements VenueClient {
  readonly venue = LN_MARKETS.venue as VenueName;
  readonly contractType = 'inverse';
  readonly #options: LnMarketsClientOptions;
  readonly #url: string;
  readonly #now: () => number;
  readonly #symbol: InstrumentSymbol;
  readonly #leverage: number;
  /** The venue's clock minus ours, measured when the venue says our timestamp is off. */
  #offsetMs = 0;
  #backoffUntil = 0;
  /** When the requests of the last second went, on the wall clock (the budget is real time). */
  readonly #sentAt = { authenticated: [] as number[], public: [] as number[] };
  readonly #venueOrderIds = new Map<OrderId, VenueOrderId>();
  readonly #canceled = new Map<OrderId, LnMarketsOrder>();
  readonly #placed = new Map<OrderId, true>();
  #leverageSet: Promise<void> | undefined;

  constructor(options: LnMarketsClientOptions) {
    const mapped = Object.entries(options.symbols);
    const [first] = mapped;
    if (mapped.length !== 1 || first === undefined || first[1] !== LN_MARKETS_PAIR)
      throw new VenueRequestError(
        'UNKNOWN_SYMBOL',
        `lnmarkets trades one pair, ${LN_MARKETS_PAIR}: map exactly one symbol to it`,
      );
    const leverage = options.leverage ?? 10;
    if (!LEVERAGE.test(String(leverage)) || leverage < 1 || leverage > 100)
      throw new VenueRequestError('LNM_LEVERAGE', 'lnmarkets: leverage must be 1 to 100');
    this.#options = options;
    this.#symbol = first[0] as InstrumentSymbol;
    this.#leverage = leverage;
    this.#url = options.url ?? LN_MARKETS.urls[options.network].rest;
    this.#now = options.now ?? Date.now;
  }

  /** Until when (ms) nothing is sent, after a 429; 0 when not backing off. */
  get backoffUntil(): number {
    return this.#backoffUntil > this.#now() ? this.#backoffUntil : 0;
  }

  async placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer> {
    this.#checkSymbol(request.symbol);
    const body = newOrderBody(request);
    // Sent before (an answer lost, a timeout): the venue may have it. Never a second order.
    if (this.#placed.has(request.orderId) && (await this.getOrder(request)) !== undefined)
      return { outcome: 'pending' };
    await this.#setLeverage();
    this.#remember(this.#placed, request.orderId, true);
    try {
      const order = this.#parse(
        LnMarketsOrder,
        await this.#call('newOrder', { body }, 'action'),
        'action',
      );
      this.#remember(this.#venueOrderIds, request.orderId, order.id as VenueOrderId);
      return {
        outcome: 'accepted',
        venueOrderId: order.id as VenueOrderId,
        ts: msOf(order.createdAt),
      };
    } catch (error) {
      if (!(error instanceof LnMarketsRefusal)) throw error;
      return {
        outcome: 'rejected',
        reason: error.verdict.reason,
        venueMessage: error.venueMessage,
        ts: this.#now(),
      };
    }
  }

  async cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer> {
    this.#checkSymbol(ref.symbol);
    const venueOrderId =
      this.#venueOrderIds.get(ref.orderId) ?? (await this.#openOrderOf(ref.orderId))?.id;
    if (venueOrderId === undefined)
      throw new VenueRequestError(
        'VENUE_CANCEL_REJECTED',
        `lnmarkets: no open order with client id ${ref.orderId}`,
      );
    try {
      const order = this.#parse(
        LnMarketsOrder,
        await this.#call('cancelOrder', { body: { id: venueOrderId } }, 'action'),
        'action',
      );
      this.#remember(this.#canceled, ref.orderId, order);
      return {
        outcome: 'canceled',
        venueOrderId: order.id as VenueOrderId,
        ts: order.canceledAt === null ? this.#now() : msOf(order.canceledAt),
      };
    } catch (error) {
      if (!(error instanceof LnMarketsRefusal)) throw error;
      throw new VenueRequestError('VENUE_CANCEL_REJECTED', `lnmarkets: ${error.venueMessage}`);
    }
  }

  async getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined> {
    const canceled = this.#canceled.get(ref.orderId);
    if (canceled) return lnMarketsOrderState(canceled, ref);
    const order =
      (await this.#openOrderOf(ref.orderId)) ?? (await this.#filledOrderOf(ref.orderId));
    if (order) {
      this.#remember(this.#venueOrderIds, ref.orderId, order.id as VenueOrderId);
      return lnMarketsOrderState(order, ref);
    }
    // Seen at the venue, now neither open nor filled: an order leaves the book only so.
    const venueOrderId = this.#venueOrderIds.get(ref.orderId);
    return venueOrderId === undefined
      ? undefined
      : {
          orderId: ref.orderId,
          venueOrderId,
          status: 'canceled',
          filledQuantity: Decimal.ZERO,
          reason: 'canceled (neither open nor filled)',
        };
  }

  /** The order's fill: a filled order is one execution (the venue fills orders whole). */
  async orderFills(ref: VenueOrderRef): Promise<VenueFill[]> {
    const order = await this.#filledOrderOf(ref.orderId);
    const fill = order && lnMarketsFillOf(order);
    return fill ? [fill] : [];
  }

  /**
   * The account's fills from `since`, oldest first, at most `limit`: the filled orders from
   * `since`, every page of them (the venue's page order is unpublished) up to 10 000 orders.
   */
  async fillsSince(since: number, limit: number): Promise<VenueAccountFill[]> {
    const orders = await this.#filledOrders(since, () => false);
    return orders
      .flatMap((order) => {
        const fill = lnMarketsFillOf(order);
        if (fill === undefined || fill.ts < since) return [];
        const clientId = order.clientId ?? '';
        return [
          {
            ...fill,
            accountId: this.#options.accountId ?? null,
            orderId: isMintedOrderId(clientId) ? clientId : null,
            symbol: this.#symbol,
          },
        ];
      })
      .sort((a, b) => a.ts - b.ts || (a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0))
      .slice(0, limit);
  }

  /** Cancels every open cross order of the account, ours or not, in one request; how many. */
  async cancelAllOrders(symbol?: InstrumentSymbol): Promise<number> {
    if (symbol !== undefined) this.#checkSymbol(symbol);
    try {
      const canceled = this.#parse(
        LnMarketsOrders,
        await this.#call('cancelAll', {}, 'action'),
        'action',
      );
      for (const order of canceled) {
        const clientId = order.clientId ?? '';
        if (isMintedOrderId(clientId)) this.#remember(this.#canceled, clientId, order);
      }
      return canceled.length;
    } catch (error) {
      if (!(error instanceof LnMarketsRefusal)) throw error;
      throw new VenueRequestError('VENUE_CANCEL_REJECTED', `lnmarkets: ${error.venueMessage}`);
    }
  }

  /** The cross position, when not flat: quantity in USD contracts, + long, - short. */
  async positions(): Promise<VenuePosition[]> {
    const position = this.#parse(
      LnMarketsPosition,
      await this.#call('position', {}, 'query'),
      'query',
    );
    const quantity = Decimal.parse(position.quantity);
    if (quantity.isZero()) return [];
    return [
      {
        symbol: this.#symbol,
        quantity,
        entryPrice: position.entryPrice === null ? null : Decimal.parse(position.entryPrice),
      },
    ];
  }

  /** Open cross orders; a clientId we did not mint (or none) is foreign. */
  async openOrders(): Promise<VenueOpenOrder[]> {
    return (await this.#openOrders()).map((order) => {
      const clientId = order.clientId ?? '';
      return {
        accountId: this.#options.accountId ?? null,
        orderId: isMintedOrderId(clientId) ? clientId : null,
        venueOrderId: order.id as VenueOrderId,
        symbol: this.#symbol,
        createdAt: msOf(order.createdAt),
      };
    });
  }

  /** The basket's last price is LN Markets' mark (P&L and liquidations use it). */
  async market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    this.#checkSymbol(symbol);
    const ticker = this.#parse(LnMarketsTicker, await this.#call('ticker', {}, 'query'), 'query');
    // The smallest size bucket is the top of the book.
    const top = ticker.prices[0];
    return {
      symbol,
      markPrice: Decimal.parse(ticker.lastPrice),
      indexPrice: Decimal.parse(ticker.index),
      bestBid: top?.bidPrice === undefined ? null : Decimal.parse(top.bidPrice),
      bestAsk: top?.askPrice === undefined ? null : Decimal.parse(top.askPrice),
      ts: this.#now(),
    };
  }

  async #openOrders(): Promise<LnMarketsOrder[]> {
    return this.#parse(LnMarketsOrders, await this.#call('openOrders', {}, 'query'), 'query');
  }

  async #openOrderOf(orderId: OrderId): Promise<LnMarketsOrder | undefined> {
    return (await this.#openOrders()).find((order) => order.clientId === orderId);
  }

  /** Our filled order, looked for from the time its order id was minted. */
  async #filledOrderOf(orderId: OrderId): Promise<LnMarketsOrder | undefined> {
    const minted = isMintedOrderId(orderId) ? Number(orderId.slice(0, 13)) : 0;
    const ours = (order: LnMarketsOrder) => order.clientId === orderId;
    return (await this.#filledOrders(Math.max(0, minted - ORDER_TIME_SLACK_MS), ours)).find(ours);
  }

  /** Filled orders from `from` (ms), page after page until `enough` finds one or they end. */
  async #filledOrders(
    from: number,
    enough: (order: LnMarketsOrder) => boolean,
  ): Promise<LnMarketsOrder[]> {
    const orders: LnMarketsOrder[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: Record<string, string> = {
        from: new Date(from).toISOString(),
        limit: String(PAGE),
        ...(cursor === null ? {} : { cursor }),
      };
      const answer = this.#parse(
        LnMarketsFilledOrders,
        await this.#call('filledOrders', { query }, 'query'),
        'query',
      );
      orders.push(...answer.data);
      cursor = answer.nextCursor;
      if (cursor === null || answer.data.some(enough)) break;
    }
    return orders;
  }

  async #setLeverage(): Promise<void> {
    this.#leverageSet ??= (async () => {
      const position = this.#parse(
        LnMarketsPosition,
        await this.#call('position', {}, 'query'),
        'query',
      );
      if (Decimal.parse(position.leverage).eq(Decimal.parse(String(this.#leverage)))) return;
      try {
        // Setting the same leverage again is harmless: a lost answer may be asked again.
        await this.#call('setLeverage', { body: { leverage: this.#leverage } }, 'query');
      } catch (error) {
        if (!(error instanceof LnMarketsRefusal)) throw error;
        throw new VenueRequestError('LNM_LEVERAGE_REFUSED', `lnmarkets: ${error.venueMessage}`);
      }
    })();
    try {
      await this.#leverageSet;
    } catch (error) {
      this.#leverageSet = undefined;
      throw error;
    }
  }

  /** The venue's answer to one request; throws by the error table's class. */
  async #call(
    operation: LnMarketsOperation,
    input: CallInput,
    kind: Kind,
    resynced = false,
  ): Promise<unknown> {
    const endpoint = LN_MARKETS.endpoints[operation];
    const what = `lnmarkets ${endpoint.method} ${endpoint.path}`;
    if (this.#backoffUntil > this.#now())
      throw new VenueUnavailableError(
        `${what}: backing off until ${new Date(this.#backoffUntil).toISOString()} (the venue's Retry-After)`,
      );
    await this.#pace(endpoint.signed);
    const url = new URL(`${this.#url}${endpoint.path}`);
    for (const [name, value] of Object.entries(input.query ?? {}))
      url.searchParams.set(name, value);
    const body = input.body === undefined ? undefined : wireJson(input.body);
    const headers: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(endpoint.signed
        ? lnMarketsHeaders(this.#options.credentials, {
            method: endpoint.method,
            url,
            ...(body === undefined ? {} : { body }),
            timestamp: this.#now() + this.#offsetMs,
          })
        : {}),
    };
    let answer;
    try {
      answer = await venueHttp(what, {
        method: endpoint.method,
        url: url.toString(),
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs: this.#options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      if (!(error instanceof VenueNoAnswer)) throw error;
      if (kind === 'query') throw new VenueUnavailableError(error.message, { cause: error });
      throw new VenueOutcomeUnknownError('lnmarkets.unanswered', error.message, { cause: error });
    }
    if (answer.status >= 200 && answer.status < 300) return this.#json(answer.text, what, kind);
    if (answer.status === 429) this.#backOff(answer.headers);
    const error = LnMarketsErrorBody.safeParse(this.#jsonOrNull(answer.text));
    const message = error.success ? error.data.message : answer.text.slice(0, 200);
    const verdict = classifyVenueError(LN_MARKETS.errors, {
      httpStatus: answer.status,
      code: error.success ? error.data.code : undefined,
      message,
    });
    if (verdict.rule === 'lnmarkets.timestamp' && !resynced) {
      await this.#syncClock();
      return this.#call(operation, input, kind, true);
    }
    const text = `${what}: HTTP ${answer.status} ${message} (${verdict.rule})`;
    if (verdict.credentials) throw new VenueCredentialsRefusedError(text);
    if (verdict.class === 'retryable') throw new VenueUnavailableError(text);
    if (verdict.class === 'unknown_outcome')
      // A query changes nothing: whatever happened, asking again is safe.
      throw kind === 'query'
        ? new VenueUnavailableError(text)
        : new VenueOutcomeUnknownError(verdict.rule, text);
    throw new LnMarketsRefusal(verdict, answer.status, message);
  }

  /** Waits for a free slot of the second's budget (authenticated and public apart). */
  async #pace(signed: boolean): Promise<void> {
    const sent = signed ? this.#sentAt.authenticated : this.#sentAt.public;
    const limit = signed
      ? (this.#options.requestsPerSecond ?? AUTHENTICATED_PER_SECOND)
      : PUBLIC_PER_SECOND;
    for (;;) {
      const now = Date.now();
      while (sent.length > 0 && (sent[0] ?? 0) <= now - PACE_WINDOW_MS) sent.shift();
      if (sent.length < limit) {
        sent.push(now);
        return;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, (sent[0] ?? now) + PACE_WINDOW_MS - now + 1),
      );
    }
  }

  async #syncClock(): Promise<void> {
    const sent = this.#now();
    const { time } = this.#parse(LnMarketsTime, await this.#call('time', {}, 'query'), 'query');
    const venueMs = /^\d+$/.test(time)
      ? // A number: seconds in the SDK's README, ms if it is that large.
        Number(time) < 1e12
        ? Number(time) * 1_000
        : Number(time)
      : msOf(time);
    this.#offsetMs = venueMs - Math.round((sent + this.#now()) / 2);
  }

  #backOff(headers: Headers): void {
    const seconds = Number(headers.get('retry-after'));
    // Without the header: one second, the budget's window.
    this.#backoffUntil =
      this.#now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1_000;
  }

  #checkSymbol(symbol: InstrumentSymbol): void {
    if (symbol !== this.#symbol)
      throw new VenueRequestError(
        'UNKNOWN_SYMBOL',
        `lnmarkets: no LN Markets pair configured for ${symbol}`,
      );
  }

  #remember<V>(map: Map<OrderId, V>, orderId: OrderId, value: V): void {
    map.delete(orderId);
    if (map.size >= REMEMBERED) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(orderId, value);
  }

  #jsonOrNull(text: string): unknown {
    try {
      return parseWireJson(text);
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
    if (!result.success) this.#unreadable('lnmarkets', kind);
    return result.data as T;
  }

  #unreadable(what: string, kind: Kind): never {
    const message = `${what}: an answer that is not one the venue documents`;
    if (kind === 'query') throw new VenueUnavailableError(message);
    throw new VenueOutcomeUnknownError('lnmarkets.unparseable', message);
  }
}
