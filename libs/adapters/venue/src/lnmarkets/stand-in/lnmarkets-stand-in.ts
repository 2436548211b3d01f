// A local stand-in for LN Markets v3 (cross margin) and its Stream v1, for the adapter's tests:
// LN Markets cannot be reached from here. It checks what the venue checks and answers in its
// shapes (ln-markets/sdk-typescript and lnmarkets_sdk types; /tmp/lnm-v3.md): the four lnm-access
// headers, the HMAC over timestamp, lower-case method, path and body or `?query`, the timestamp
// against a 30 s window (401, `{ message }`), GET without a JSON content type, integer USD
// quantities, prices on a 0.5 tick, the cross margin (400 "Insufficient margin"), a per-key budget
// of requests a second (429 with Retry-After). Numbers go out as JSON numbers with exact digits,
// times as ISO strings. Orders rest until a test fills them (whole: the venue has no partial
// fills); market orders fill at once at the ask or the bid. Filled orders are listed newest
// first in pages with an opaque cursor (the venue's page order is unpublished). The error
// messages and codes are plausible, not published.

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { Decimal, Rounding } from '@perp/decimal';
import { LN_MARKETS, type LnMarketsOperation } from '../description.ts';
import { parseWireJson, wireJson, wireNumber } from '../protocol/wire-json.ts';
import { CROSS_ORDERS_TOPIC, StandInStream } from './stand-in-stream.ts';
import { listenLocally } from '../../transport/listen-locally.ts';

export interface LnMarketsStandInAccount {
  readonly secret: string;
  readonly passphrase: string;
}

export interface LnMarketsStandInOptions {
  /** API key -> its secret and passphrase. */
  readonly keys: Readonly<Record<string, LnMarketsStandInAccount>>;
  /** Authenticated requests a second per key (default the venue's 5). */
  readonly requestsPerSecond?: number;
  /** Cross margin of every account, in sats (default 0.1 BTC). */
  readonly marginSats?: number;
}

export interface StandInLnMarketsOrder {
  readonly key: string;
  readonly id: string;
  readonly clientId: string | null;
  readonly type: 'limit' | 'market';
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  readonly quantity: Decimal;
  tradingFee: Decimal;
  readonly createdAt: number;
  filledAt: number | null;
  canceledAt: number | null;
}

export interface LnMarketsStandIn {
  readonly url: string;
  /** The Stream v1 URL (`ws://…/v1`). */
  readonly streamUrl: string;
  readonly orders: readonly StandInLnMarketsOrder[];
  /** Requests received, answered or not. */
  readonly requests: number;
  /** Stream sessions authenticated so far. */
  readonly streamAuthentications: number;
  /** The cross leverage of `key`'s account. */
  leverageOf(key: string): number;
  /** Stream sockets of `key` subscribed to its cross orders. */
  streamSubscribers(key: string): number;
  /** The server clock's offset from this machine's (a skew the client must measure). */
  clockSkewMs: number;
  marginSats: number;
  /** The ticker: basket last price, index, and the top bucket's bid and ask. */
  setPrices(prices: { lastPrice: string; index: string; bid: string; ask: string }): void;
  /** The next `count` authenticated requests are answered 429 with Retry-After. */
  limitNext(options: { count?: number; retryAfterSeconds: number }): void;
  /** The next order request is executed, then answered `status` (default 500). */
  serverErrorNext(status?: number): void;
  /** The next order request is executed, then its connection destroyed unanswered. */
  dropNextAnswer(): void;
  /** The next order request is executed, then answered only after `ms`. */
  delayNextAnswer(ms: number): void;
  /**
   * Fills a resting limit order whole, at its price. Its fee is 0.1 % of its value in whole sats,
   * or `tradingFee` sats as given (a fraction, a rebate) for tests of the client's conversion.
   */
  fill(orderId: string, options?: { readonly tradingFee?: Decimal }): void;
  /** Closes every stream connection without a word. */
  dropStreams(): void;
  close(): Promise<void>;
}

const ENDPOINTS = LN_MARKETS.endpoints;
const SATS = Decimal.fromInt(100_000_000);
/** Tier 1's trading fee (docs.lnmarkets.com guides: 0.1 %). */
const FEE_RATE = Decimal.parse('0.001');
const TIMESTAMP_WINDOW_MS = 30_000;
const TICK = Decimal.parse('0.5');

interface Failure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}
const fail = (status: number, code: string, message: string): Failure => ({
  status,
  code,
  message,
});
const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && 'status' in value && 'code' in value;

interface Account {
  leverage: number;
  position: Decimal;
  entryPrice: Decimal | null;
  sentAt: number[];
}

export async function startLnMarketsStandIn(
  options: LnMarketsStandInOptions,
): Promise<LnMarketsStandIn> {
  const perSecond = options.requestsPerSecond ?? 5;
  const orders: StandInLnMarketsOrder[] = [];
  const accounts = new Map<string, Account>(
    Object.keys(options.keys).map((key) => [
      key,
      { leverage: 1, position: Decimal.ZERO, entryPrice: null, sentAt: [] },
    ]),
  );
  const state = {
    clockSkewMs: 0,
    marginSats: options.marginSats ?? 10_000_000,
    prices: { lastPrice: '60000', index: '60001', bid: '59999.5', ask: '60000.5' },
  };
  let requests = 0;
  let limited: { count: number; retryAfterSeconds: number } | undefined;
  let afterOrder:
    | { kind: 'error'; status: number }
    | { kind: 'drop' }
    | { kind: 'delay'; ms: number }
    | undefined;
  const now = () => Date.now() + state.clockSkewMs;
  const stream = new StandInStream({ keys: options.keys, now });

  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const view = (order: StandInLnMarketsOrder) => ({
    id: order.id,
    uid: `uid-${order.key}`,
    type: order.type,
    side: order.side,
    price: wireNumber(order.price),
    quantity: wireNumber(order.quantity),
    tradingFee: wireNumber(order.tradingFee),
    createdAt: iso(order.createdAt),
    filledAt: iso(order.filledAt),
    canceledAt: iso(order.canceledAt),
    open: order.filledAt === null && order.canceledAt === null,
    filled: order.filledAt !== null,
    canceled: order.canceledAt !== null,
    clientId: order.clientId,
  });
  /** The stream's payload: times in ms, no open/filled flags. */
  const streamView = (order: StandInLnMarketsOrder) => ({
    id: order.id,
    side: order.side,
    type: order.type,
    quantity: wireNumber(order.quantity),
    price: wireNumber(order.price),
    tradingFee: wireNumber(order.tradingFee),
    clientId: order.clientId,
    createdAt: order.createdAt,
    ...(order.filledAt === null ? {} : { filledAt: order.filledAt }),
    ...(order.canceledAt === null ? {} : { canceledAt: order.canceledAt }),
  });
  const pushOrder = (order: StandInLnMarketsOrder, event: 'new' | 'limit' | 'canceled') =>
    stream.push(order.key, CROSS_ORDERS_TOPIC, {
      pair: 'btc_usd',
      event,
      order: streamView(order),
    });

  const account = (key: string): Account => {
    const found = accounts.get(key);
    if (found === undefined) throw new Error(`no account for ${key}`);
    return found;
  };
  /** Sats of margin an order of `quantity` USD at `price` holds at the account's leverage. */
  const marginOf = (quantity: Decimal, price: Decimal, leverage: number) =>
    quantity.mulDiv(SATS, price.mul(Decimal.fromInt(leverage)), Rounding.HalfEven);
  const feeOf = (quantity: Decimal, price: Decimal) =>
    quantity
      .mulDiv(SATS, price, Rounding.HalfEven)
      .mul(FEE_RATE, Rounding.HalfEven)
      .round(0, Rounding.HalfEven);

  function execute(order: StandInLnMarketsOrder, tradingFee?: Decimal): void {
    const holder = account(order.key);
    const signed = order.side === 'buy' ? order.quantity : order.quantity.neg();
    const after = holder.position.add(signed);
    // Entry moves only while the position grows; inverse contracts average harmonically.
    if (after.isZero()) holder.entryPrice = null;
    else if (holder.position.isZero() || holder.position.sign() !== after.sign())
      holder.entryPrice = order.price;
    else if (holder.position.sign() === signed.sign() && holder.entryPrice !== null) {
      const value = holder.position
        .abs()
        .div(holder.entryPrice, Rounding.HalfEven)
        .add(order.quantity.div(order.price, Rounding.HalfEven));
      holder.entryPrice = after
        .abs()
        .div(value, Rounding.HalfEven)
        .roundToStep(TICK, Rounding.HalfEven);
    }
    holder.position = after;
    order.filledAt = now();
    order.tradingFee = tradingFee ?? feeOf(order.quantity, order.price);
  }

  function newOrder(key: string, body: Record<string, unknown>): unknown {
    const type = body['type'];
    const side = body['side'];
    if (type !== 'limit' && type !== 'market')
      return fail(400, 'INVALID_TYPE', 'Invalid order type');
    if (side !== 'buy' && side !== 'sell') return fail(400, 'INVALID_SIDE', 'Invalid side');
    const quantity = Decimal.tryParse(String(body['quantity'] ?? ''));
    if (!quantity || !quantity.isPositive() || !quantity.isInteger())
      return fail(400, 'INVALID_QUANTITY', 'Quantity must be a positive integer');
    const clientId = body['clientId'];
    if (
      clientId !== undefined &&
      (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 64)
    )
      return fail(400, 'INVALID_CLIENT_ID', 'clientId must be 1 to 64 characters');
    let price: Decimal;
    if (type === 'limit') {
      const limit = Decimal.tryParse(String(body['price'] ?? ''));
      if (!limit || !limit.isPositive() || !limit.isMultipleOf(TICK))
        return fail(400, 'INVALID_PRICE', 'Price must be a positive multiple of 0.5');
      price = limit;
    } else {
      if (body['price'] !== undefined)
        return fail(400, 'INVALID_PRICE', 'Market orders take no price');
      price = Decimal.parse(side === 'buy' ? state.prices.ask : state.prices.bid);
    }
    const holder = account(key);
    const held = orders
      .filter((o) => o.key === key && o.filledAt === null && o.canceledAt === null)
      .reduce((sum, o) => sum.add(marginOf(o.quantity, o.price, holder.leverage)), Decimal.ZERO);
    const position =
      holder.entryPrice === null
        ? Decimal.ZERO
        : marginOf(holder.position.abs(), holder.entryPrice, holder.leverage);
    if (
      held
        .add(position)
        .add(marginOf(quantity, price, holder.leverage))
        .gt(Decimal.fromInt(state.marginSats))
    )
      return fail(400, 'INSUFFICIENT_MARGIN', 'Insufficient margin');
    const order: StandInLnMarketsOrder = {
      key,
      id: randomUUID(),
      clientId: typeof clientId === 'string' ? clientId : null,
      type,
      side,
      price,
      quantity,
      tradingFee: Decimal.ZERO,
      createdAt: now(),
      filledAt: null,
      canceledAt: null,
    };
    orders.push(order);
    if (type === 'market') execute(order);
    pushOrder(order, 'new');
    return view(order);
  }

  function cancel(order: StandInLnMarketsOrder): void {
    order.canceledAt = now();
    pushOrder(order, 'canceled');
  }

  function filledPage(key: string, query: Record<string, string>): unknown {
    const limit = query['limit'] === undefined ? 1_000 : Number(query['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
      return fail(400, 'INVALID_LIMIT', 'limit must be between 1 and 1000');
    const from = query['from'] === undefined ? 0 : Date.parse(query['from']);
    const to = query['to'] === undefined ? Infinity : Date.parse(query['to']);
    if (Number.isNaN(from) || Number.isNaN(to)) return fail(400, 'INVALID_DATE', 'Invalid date');
    const rank = (o: StandInLnMarketsOrder) => `${String(o.filledAt).padStart(15, '0')}_${o.id}`;
    const cursor = query['cursor'];
    const filled = orders
      .filter((o) => o.key === key && o.filledAt !== null && o.filledAt >= from && o.filledAt <= to)
      .sort((a, b) => (rank(a) < rank(b) ? 1 : -1))
      .filter((o) => cursor === undefined || rank(o) < cursor);
    const page = filled.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(view),
      nextCursor: filled.length > limit && last ? rank(last) : null,
    };
  }

  const positionView = (key: string) => {
    const holder = account(key);
    return {
      id: `position-${key}`,
      uid: `uid-${key}`,
      quantity: wireNumber(holder.position),
      entryPrice: holder.entryPrice === null ? null : wireNumber(holder.entryPrice),
      leverage: holder.leverage,
      margin: state.marginSats,
      initialMargin: 0,
      maintenanceMargin: 0,
      runningMargin: 0,
      liquidation: null,
      totalPl: 0,
      deltaPl: 0,
      fundingFees: 0,
      tradingFees: 0,
      updatedAt: new Date(now()).toISOString(),
    };
  };

  /** The key, or why the venue refuses the request: headers, passphrase, timestamp, signature. */
  function authenticate(request: FastifyRequest, raw: string): string | Failure {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const key = header('lnm-access-key');
    const account = key === undefined ? undefined : options.keys[key];
    if (key === undefined || account === undefined)
      return fail(401, 'UNAUTHORIZED', 'Unauthorized');
    if (header('lnm-access-passphrase') !== account.passphrase)
      return fail(401, 'UNAUTHORIZED', 'Unauthorized');
    const timestamp = Number(header('lnm-access-timestamp'));
    const server = now();
    if (!Number.isInteger(timestamp) || timestamp < server - TIMESTAMP_WINDOW_MS)
      return fail(401, 'INVALID_TIMESTAMP', 'Timestamp is too old');
    if (timestamp > server + TIMESTAMP_WINDOW_MS)
      return fail(401, 'INVALID_TIMESTAMP', 'Timestamp is too far in the future');
    const url = new URL(request.url, 'http://venue');
    const data = raw !== '' ? raw : url.search;
    const expected = createHmac('sha256', account.secret)
      .update(`${timestamp}${request.method.toLowerCase()}${url.pathname}${data}`)
      .digest();
    const given = Buffer.from(header('lnm-access-signature') ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return fail(401, 'INVALID_SIGNATURE', 'Signature is not valid');
    return key;
  }

  /** Over the key's budget of requests a second. */
  function overBudget(key: string): boolean {
    const sent = account(key).sentAt;
    const at = Date.now();
    while (sent.length > 0 && (sent[0] ?? 0) <= at - 1_000) sent.shift();
    sent.push(at);
    return sent.length > perSecond;
  }

  const app = Fastify({ logger: false });
  // The raw body: the signature covers it byte for byte, and numbers are read by their digits.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  const send = (reply: FastifyReply, answer: unknown) => {
    if (isFailure(answer))
      return reply
        .code(answer.status)
        .type('application/json')
        .send(wireJson({ code: answer.code, message: answer.message }));
    return reply.type('application/json').send(wireJson(answer));
  };

  type Handler = (
    key: string,
    body: Record<string, unknown>,
    query: Record<string, string>,
  ) => unknown;

  /** One route: the budget, authentication, the request's form, then the handler. */
  function route(
    operation: LnMarketsOperation,
    handler: Handler,
    routeOptions: { order?: boolean } = {},
  ) {
    const endpoint = ENDPOINTS[operation];
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        requests += 1;
        const raw = typeof request.body === 'string' ? request.body : '';
        if (
          endpoint.method === 'GET' &&
          request.headers['content-type']?.includes('application/json')
        )
          return send(
            reply,
            fail(400, 'BAD_REQUEST', 'GET requests must not have a JSON content type'),
          );
        let key = '';
        if (endpoint.signed) {
          if (limited && limited.count > 0) {
            limited.count -= 1;
            reply.header('retry-after', String(limited.retryAfterSeconds));
            return send(reply, fail(429, 'TOO_MANY_REQUESTS', 'Too many requests'));
          }
          const auth = authenticate(request, raw);
          if (typeof auth !== 'string') return send(reply, auth);
          key = auth;
          if (overBudget(key)) {
            reply.header('retry-after', '1');
            return send(reply, fail(429, 'TOO_MANY_REQUESTS', 'Too many requests'));
          }
        }
        let body: Record<string, unknown> = {};
        if (raw !== '') {
          try {
            body = parseWireJson(raw) as Record<string, unknown>;
          } catch {
            return send(reply, fail(400, 'BAD_REQUEST', 'Body must be valid JSON'));
          }
        }
        const answer = handler(key, body, request.query as Record<string, string>);
        const after = routeOptions.order ? afterOrder : undefined;
        if (after) afterOrder = undefined;
        if (after?.kind === 'drop') {
          request.raw.socket.destroy();
          return reply.hijack();
        }
        if (after?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, after.ms));
        if (after?.kind === 'error')
          return send(reply, fail(after.status, 'INTERNAL_ERROR', 'Internal server error'));
        return send(reply, answer);
      },
    });
  }

  const openOf = (key: string) =>
    orders.filter((o) => o.key === key && o.filledAt === null && o.canceledAt === null);

  route('time', () => ({ time: new Date(now()).toISOString() }));
  route('ticker', () => ({
    index: wireNumber(Decimal.parse(state.prices.index)),
    lastPrice: wireNumber(Decimal.parse(state.prices.lastPrice)),
    fundingRate: wireNumber(Decimal.parse('0.0001')),
    fundingTime: new Date(now() + 3_600_000).toISOString(),
    prices: [
      {
        minSize: 1,
        maxSize: 1_000_000,
        bidPrice: wireNumber(Decimal.parse(state.prices.bid)),
        askPrice: wireNumber(Decimal.parse(state.prices.ask)),
      },
    ],
  }));
  route('newOrder', (key, body) => newOrder(key, body), { order: true });
  route(
    'cancelOrder',
    (key, body) => {
      const order = orders.find((o) => o.key === key && o.id === body['id']);
      if (!order) return fail(404, 'NOT_FOUND', 'Order not found');
      if (order.filledAt !== null || order.canceledAt !== null)
        return fail(400, 'ORDER_NOT_OPEN', 'Order is not open');
      cancel(order);
      return view(order);
    },
    { order: true },
  );
  route(
    'cancelAll',
    (key) => {
      const open = openOf(key);
      for (const order of open) cancel(order);
      return open.map(view);
    },
    { order: true },
  );
  route('openOrders', (key) => openOf(key).map(view));
  route('filledOrders', (key, _body, query) => filledPage(key, query));
  route('position', (key) => positionView(key));
  route('setLeverage', (key, body) => {
    const leverage = Number(body['leverage']);
    if (!Number.isFinite(leverage) || leverage < 1 || leverage > 100)
      return fail(400, 'INVALID_LEVERAGE', 'Leverage must be between 1 and 100');
    account(key).leverage = leverage;
    return positionView(key);
  });
  route('account', (key) => ({
    id: `account-${key}`,
    username: key,
    balance: state.marginSats,
    syntheticUsdBalance: 0,
    feeTier: 1,
    email: null,
    linkingpublickey: null,
  }));

  app.server.on('upgrade', (request, socket, head) => stream.upgrade(request, socket, head));
  app.addHook('preClose', async () => stream.close());
  const url = await listenLocally(app);

  return {
    url,
    streamUrl: `${url.replace('http', 'ws')}/v1`,
    get orders() {
      return orders;
    },
    get requests() {
      return requests;
    },
    get streamAuthentications() {
      return stream.authentications;
    },
    leverageOf: (key) => account(key).leverage,
    streamSubscribers: (key) => stream.subscribers(key),
    get clockSkewMs() {
      return state.clockSkewMs;
    },
    set clockSkewMs(value: number) {
      state.clockSkewMs = value;
    },
    get marginSats() {
      return state.marginSats;
    },
    set marginSats(value: number) {
      state.marginSats = value;
    },
    setPrices(prices) {
      state.prices = prices;
    },
    limitNext({ count = 1, retryAfterSeconds }) {
      limited = { count, retryAfterSeconds };
    },
    serverErrorNext(status = 500) {
      afterOrder = { kind: 'error', status };
    },
    dropNextAnswer() {
      afterOrder = { kind: 'drop' };
    },
    delayNextAnswer(ms) {
      afterOrder = { kind: 'delay', ms };
    },
    fill(orderId, fillOptions = {}) {
      const order = orders.find((o) => o.id === orderId);
      if (!order || order.filledAt !== null || order.canceledAt !== null)
        throw new Error(`order ${orderId} is not open`);
      execute(order, fillOptions.tradingFee);
      pushOrder(order, 'limit');
    },
    dropStreams: () => stream.drop(),
    close: () => app.close(),
  };
}
