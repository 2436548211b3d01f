import { Decimal } from '@perp/decimal';
import { identifierOf, type InstrumentSymbol, type VenueName } from '@perp/trading-domain';
import { venueRejectReason } from '../connector/venue-commands.ts';
import type {
  VenueCancelAnswer,
  VenueClient,
  VenueAccountFill,
  VenueFill,
  VenueMarket,
  VenueOpenOrder,
  VenueOrderRef,
  VenueOrderRequest,
  VenueOrderState,
  VenuePlaceAnswer,
  VenuePosition,
} from '../venue-client.ts';
import { VenueRequestError, VenueUnavailableError } from '../venue-errors.ts';
import { requestError, requestJson, type JsonResponse } from './http-json.ts';
import { SIM_FILLS_PAGE_MAX, type SimOrderRequest } from './protocol/order-request.ts';
import type { SimOrderFill } from './protocol/order-events.ts';
import {
  SimMarket,
  SimOpenOrders,
  SimOrderFills,
  SimOrderReceipt,
  SimOrderView,
} from './protocol/rest-responses.ts';

export interface SimVenueClientOptions {
  /** The sim-venue's base URL, e.g. `http://127.0.0.1:9100`. */
  readonly baseUrl: string;
  /** Per request, body included (default 2000). */
  readonly timeoutMs?: number;
  /** The venue's name in routing and venue events (default `sim`). */
  readonly venue?: string;
}

/** The OMS's client of the simulated exchange (apps/sim-venue) over its REST API. */
export class SimVenueClient implements VenueClient {
  readonly venue: VenueName;
  readonly contractType = 'linear';
  readonly #baseUrl: string;
  readonly #timeoutMs: number;

  constructor(options: SimVenueClientOptions) {
    this.venue = identifierOf('VenueName', options.venue ?? 'sim');
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 2_000;
  }

  async placeOrder(request: VenueOrderRequest): Promise<VenuePlaceAnswer> {
    const body: SimOrderRequest = {
      accountId: request.accountId,
      orderId: request.orderId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      price: request.price?.toString() ?? null,
      quantity: request.quantity.toString(),
      postOnly: request.postOnly,
      reduceOnly: request.reduceOnly,
    };
    const target = 'POST /v1/orders';
    const response = await this.#request('POST', '/v1/orders', body);
    this.#expect(response, 202, target);
    const receipt = parseReceipt(response, request, target);
    switch (receipt.status) {
      case 'accepted':
        return { outcome: 'accepted', venueOrderId: receipt.venueOrderId, ts: receipt.ts };
      case 'rejected':
        return {
          outcome: 'rejected',
          reason: venueRejectReason(receipt.reason),
          venueMessage: receipt.reason,
          ts: receipt.ts,
        };
      case 'received':
        // A repeat of an order the venue already has: its outcome is (was) on the stream.
        return { outcome: 'pending' };
      default:
        throw unexpectedAnswer(target);
    }
  }

  async cancelOrder(ref: VenueOrderRef): Promise<VenueCancelAnswer> {
    const target = 'DELETE /v1/orders';
    const path = `${orderPath(ref)}?symbol=${encodeURIComponent(ref.symbol)}`;
    const response = await this.#request('DELETE', path);
    this.#expect(response, 202, target);
    const receipt = parseReceipt(response, ref, target);
    switch (receipt.status) {
      case 'canceled':
        return { outcome: 'canceled', venueOrderId: receipt.venueOrderId, ts: receipt.ts };
      case 'cancel_requested':
        // Not canceled by this request: the refusal (cancel_rejected) is on the stream.
        return { outcome: 'pending' };
      default:
        throw unexpectedAnswer(target);
    }
  }

  async getOrder(ref: VenueOrderRef): Promise<VenueOrderState | undefined> {
    const response = await this.#request('GET', orderPath(ref));
    if (response.status === 404 && errorCode(response) === 'UNKNOWN_ORDER') return undefined;
    this.#expect(response, 200, 'GET /v1/orders');
    const view = parseAnswer(SimOrderView, response, 'GET /v1/orders');
    return {
      orderId: view.orderId,
      venueOrderId: view.venueOrderId,
      status: view.status,
      filledQuantity: Decimal.parse(view.filledQuantity),
      reason: view.reason,
    };
  }

  async orderFills(ref: VenueOrderRef): Promise<VenueFill[]> {
    const response = await this.#request('GET', `${orderPath(ref)}/fills`);
    if (response.status === 404 && errorCode(response) === 'UNKNOWN_ORDER') return [];
    this.#expect(response, 200, 'GET /v1/orders/…/fills');
    const { fills } = parseAnswer(SimOrderFills, response, 'GET /v1/orders/…/fills');
    return fills.map(venueFillOf);
  }

  async fillsSince(since: number, limit: number): Promise<VenueAccountFill[]> {
    const target = 'GET /v1/fills';
    const page = Math.min(limit, SIM_FILLS_PAGE_MAX);
    const response = await this.#request('GET', `/v1/fills?since=${since}&limit=${page}`);
    this.#expect(response, 200, target);
    const { fills } = parseAnswer(SimOrderFills, response, target);
    return fills.map((fill) => ({
      ...venueFillOf(fill),
      accountId: fill.accountId,
      orderId: fill.orderId,
      symbol: fill.symbol,
    }));
  }

  /** The sim-venue has no cancel-all: each open order (of every account) is canceled. */
  async cancelAllOrders(symbol?: InstrumentSymbol): Promise<number> {
    const open = (await this.openOrders()).filter(
      (order) => symbol === undefined || order.symbol === symbol,
    );
    await Promise.all(
      open.map((order) =>
        order.accountId && order.orderId
          ? this.cancelOrder({
              accountId: order.accountId,
              orderId: order.orderId,
              symbol: order.symbol,
            })
          : undefined,
      ),
    );
    return open.length;
  }

  /** The sim-venue keeps no positions (the OMS's are the only ones): nothing to compare. */
  positions(): Promise<VenuePosition[]> {
    return Promise.reject(
      new VenueRequestError('UNSUPPORTED', 'the sim-venue keeps no positions; the OMS holds them'),
    );
  }

  async openOrders(): Promise<VenueOpenOrder[]> {
    const response = await this.#request('GET', '/v1/open-orders');
    this.#expect(response, 200, 'GET /v1/open-orders');
    const { orders } = parseAnswer(SimOpenOrders, response, 'GET /v1/open-orders');
    return orders.flatMap((view) =>
      view.venueOrderId === null
        ? []
        : [
            {
              accountId: view.accountId,
              orderId: view.orderId,
              venueOrderId: view.venueOrderId,
              symbol: view.symbol,
              createdAt: view.createdAt,
            },
          ],
    );
  }

  async market(symbol: InstrumentSymbol): Promise<VenueMarket> {
    const response = await this.#request('GET', `/v1/markets/${encodeURIComponent(symbol)}`);
    this.#expect(response, 200, 'GET /v1/markets');
    const market = parseAnswer(SimMarket, response, 'GET /v1/markets');
    const orNull = (text: string | null) => (text === null ? null : Decimal.parse(text));
    return {
      symbol: market.symbol,
      markPrice: Decimal.parse(market.markPrice),
      indexPrice: Decimal.parse(market.indexPrice),
      bestBid: orNull(market.bestBid),
      bestAsk: orNull(market.bestAsk),
      ts: market.ts,
    };
  }

  #request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    return requestJson({
      method,
      url: `${this.#baseUrl}${path}`,
      body,
      timeoutMs: this.#timeoutMs,
    });
  }

  #expect(response: JsonResponse, status: number, target: string): void {
    if (response.status === status) return;
    if (response.status >= 400) throw requestError(target, response);
    throw new VenueUnavailableError(`${target}: unexpected status ${response.status}`);
  }
}

function orderPath(ref: VenueOrderRef): string {
  return `/v1/orders/${encodeURIComponent(ref.accountId)}/${encodeURIComponent(ref.orderId)}`;
}

function errorCode(response: JsonResponse): string | undefined {
  const code = (response.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** A 2xx whose body is not what the protocol says leaves the outcome unknown: retryable. */
function parseAnswer<T>(schema: Schema<T>, response: JsonResponse, target: string): T {
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw unexpectedAnswer(target);
  return parsed.data;
}

/** A 202's receipt, which must name the order asked about (else the answer is not this one's). */
function parseReceipt(
  response: JsonResponse,
  order: { readonly accountId: string; readonly orderId: string },
  target: string,
): SimOrderReceipt {
  const receipt = parseAnswer(SimOrderReceipt, response, target);
  if (receipt.accountId !== order.accountId || receipt.orderId !== order.orderId) {
    throw unexpectedAnswer(target);
  }
  return receipt;
}

function unexpectedAnswer(target: string): VenueUnavailableError {
  return new VenueUnavailableError(`${target}: unexpected answer`);
}

function venueFillOf(fill: SimOrderFill): VenueFill {
  return {
    tradeId: fill.tradeId,
    venueOrderId: fill.venueOrderId,
    price: Decimal.parse(fill.price),
    quantity: Decimal.parse(fill.quantity),
    fee: Decimal.parse(fill.fee),
    liquidity: fill.liquidity,
    ts: fill.ts,
  };
}
