// A local stand-in for Binance USDⓈ-M futures' REST API (its derivatives docs), for the adapter's
// tests: Binance cannot be reached from here. It checks what the venue checks and answers in its
// shapes and codes: the API key (-2015), the HMAC signature (-1022), the timestamp against
// recvWindow (-1021), the symbol filters (-4014, -1111, -4164), duplicate client order ids
// (-4116), unknown orders (-2011, -2013), listen keys (-1125), the IP weight per minute (the
// X-MBX-USED-WEIGHT-1M header, 429 and 418 with Retry-After). Orders rest until a test fills
// them; IOC, FOK and market orders find no book and expire. The user data stream (/ws/<listenKey>)
// pushes ORDER_TRADE_UPDATE for every change, and listenKeyExpired when a key lapses.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { Decimal, Rounding } from '@perp/decimal';
import { BINANCE_USDM } from '../description.ts';
import { listenLocally } from '../../transport/listen-locally.ts';

export interface BinanceStandInSymbol {
  readonly symbol: string;
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  readonly minNotional: string;
  readonly markPrice: string;
}

export interface BinanceStandInOptions {
  /** API key -> its secret. */
  readonly keys: Readonly<Record<string, string>>;
  readonly symbols?: readonly BinanceStandInSymbol[];
  /** The REQUEST_WEIGHT budget per minute (default the venue's 2 400). */
  readonly weightLimit?: number;
}

export interface StandInBinanceOrder {
  readonly apiKey: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: string;
  readonly timeInForce: string;
  readonly price: string;
  readonly origQty: string;
  executedQty: string;
  status: string;
  readonly reduceOnly: boolean;
  readonly time: number;
  updateTime: number;
}

export interface BinanceStandIn {
  readonly url: string;
  readonly orders: readonly StandInBinanceOrder[];
  /** Requests received, answered or not. */
  readonly requests: number;
  /** The server clock's offset from this machine's (a skew the client must measure). */
  clockSkewMs: number;
  /** The next `count` requests answer `status` (429, or 418 for a ban) with Retry-After. */
  limitNext(options: { count?: number; status: 429 | 418; retryAfterSeconds: number }): void;
  /** The next order request is executed, then its connection destroyed unanswered. */
  dropNextAnswer(): void;
  /** The next order request is answered 503 "Unknown error" after it was executed. */
  unknownErrorNext(): void;
  /** Fills `qty` of a resting order, as maker. */
  fill(orderId: number, qty: string): void;
  /** Closes every user data stream without a word (a network cut). */
  dropStreams(): void;
  /** Every listen key expires (as after 60 minutes without a keepalive); streams are told. */
  expireListenKeys(): void;
  readonly listenKeys: readonly string[];
  close(): Promise<void>;
}

const DEFAULT_SYMBOLS: readonly BinanceStandInSymbol[] = [
  {
    symbol: 'BTCUSDT',
    tickSize: '0.10',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '1000',
    minNotional: '100',
    markPrice: '60000.00',
  },
  {
    symbol: 'ETHUSDT',
    tickSize: '0.01',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '10000',
    minNotional: '20',
    markPrice: '3000.00',
  },
];

const ENDPOINTS = BINANCE_USDM.endpoints;
const MAKER_RATE = Decimal.parse('0.0002');

type Query = Record<string, string>;
interface Failure {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}
const fail = (status: number, code: number, msg: string): Failure => ({ status, code, msg });

export async function startBinanceStandIn(options: BinanceStandInOptions): Promise<BinanceStandIn> {
  const symbols = new Map((options.symbols ?? DEFAULT_SYMBOLS).map((s) => [s.symbol, s]));
  const weightLimit = options.weightLimit ?? 2_400;
  const orders: StandInBinanceOrder[] = [];
  const trades: {
    apiKey: string;
    id: number;
    orderId: number;
    symbol: string;
    price: string;
    qty: string;
    commission: string;
    commissionAsset: string;
    maker: boolean;
    time: number;
  }[] = [];
  const listenKeys = new Map<string, string>();
  let nextOrderId = 8_389_765_000;
  let nextTradeId = 5_000_000;
  let requests = 0;
  let weightMinute = 0;
  let weightUsed = 0;
  let limited: { count: number; status: 429 | 418; retryAfterSeconds: number } | undefined;
  let dropNext = false;
  let unknownNext = false;

  const state = { clockSkewMs: 0 };
  const streams = new Map<WebSocket, string>();
  /** ORDER_TRADE_UPDATE to the streams of the order's account, as the futures docs show it. */
  function pushUpdate(
    order: StandInBinanceOrder,
    execution: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED',
    trade?: (typeof trades)[number],
  ): void {
    const event = {
      e: 'ORDER_TRADE_UPDATE',
      E: now(),
      T: trade?.time ?? order.updateTime,
      o: {
        s: order.symbol,
        c: order.clientOrderId,
        S: order.side,
        o: order.type,
        f: order.timeInForce,
        q: order.origQty,
        p: order.price,
        ap: trade?.price ?? '0',
        x: execution,
        X: execution === 'TRADE' || execution === 'NEW' ? order.status : execution,
        i: order.orderId,
        l: trade?.qty ?? '0',
        z: order.executedQty,
        L: trade?.price ?? '0',
        N: 'USDT',
        n: trade?.commission ?? '0',
        T: trade?.time ?? order.updateTime,
        t: trade?.id ?? 0,
        m: trade?.maker ?? false,
        R: order.reduceOnly,
        ps: 'BOTH',
      },
    };
    for (const [socket, key] of streams)
      if (listenKeys.get(key) === order.apiKey) socket.send(JSON.stringify(event));
  }
  const now = () => Date.now() + state.clockSkewMs;

  function spend(weight: number): number {
    const minute = Math.floor(now() / 60_000);
    if (minute !== weightMinute) {
      weightMinute = minute;
      weightUsed = 0;
    }
    weightUsed += weight;
    return weightUsed;
  }

  /** The API key's account, or the failure: key, signature and timestamp as the venue checks. */
  function authenticate(request: FastifyRequest, signed: boolean): string | Failure {
    const apiKey = request.headers['x-mbx-apikey'];
    const secret = typeof apiKey === 'string' ? options.keys[apiKey] : undefined;
    if (typeof apiKey !== 'string' || secret === undefined)
      return fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    if (!signed) return apiKey;
    const raw = request.url.split('?')[1] ?? '';
    const match = /^(.*)&signature=([0-9a-f]{64})$/.exec(raw);
    const expected = createHmac('sha256', secret)
      .update(match?.[1] ?? raw)
      .digest();
    const given = Buffer.from(match?.[2] ?? '', 'hex');
    if (!match || given.length !== expected.length || !timingSafeEqual(given, expected))
      return fail(400, -1022, 'Signature for this request is not valid.');
    const query = request.query as Query;
    const timestamp = Number(query['timestamp']);
    const recvWindow = Number(query['recvWindow'] ?? 5_000);
    const server = now();
    if (
      !Number.isFinite(timestamp) ||
      timestamp < server - recvWindow ||
      timestamp > server + 1_000
    )
      return fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
    return apiKey;
  }

  function placeOrder(apiKey: string, q: Query): unknown | Failure {
    const rules = symbols.get(q['symbol'] ?? '');
    if (!rules) return fail(400, -1121, 'Invalid symbol.');
    const quantity = Decimal.tryParse(q['quantity'] ?? '');
    if (!quantity || !quantity.isPositive())
      return fail(
        400,
        -1102,
        "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.",
      );
    if (!quantity.isMultipleOf(Decimal.parse(rules.stepSize)))
      return fail(400, -1111, 'Precision is over the maximum defined for this asset.');
    if (quantity.lt(Decimal.parse(rules.minQty)))
      return fail(400, -4003, 'Quantity less than or equal to zero.');
    const type = q['type'] ?? '';
    let price = '0';
    if (type === 'LIMIT') {
      const limit = Decimal.tryParse(q['price'] ?? '');
      if (!limit || !limit.isPositive())
        return fail(
          400,
          -1102,
          "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
        );
      if (!limit.isMultipleOf(Decimal.parse(rules.tickSize)))
        return fail(400, -4014, 'Price not increased by tick size.');
      if (q['reduceOnly'] !== 'true' && limit.mul(quantity).lt(Decimal.parse(rules.minNotional)))
        return fail(
          400,
          -4164,
          `Order's notional must be no smaller than ${rules.minNotional} (unless you choose reduce only).`,
        );
      price = limit.toString();
    } else if (type !== 'MARKET') return fail(400, -1116, 'Invalid orderType.');
    const clientOrderId = q['newClientOrderId'] ?? `x-${randomBytes(8).toString('hex')}`;
    if (orders.some((o) => o.apiKey === apiKey && o.clientOrderId === clientOrderId))
      return fail(400, -4116, 'ClientOrderId is duplicated.');
    const timeInForce = type === 'MARKET' ? 'GTC' : (q['timeInForce'] ?? 'GTC');
    const time = now();
    const order: StandInBinanceOrder = {
      apiKey,
      orderId: nextOrderId++,
      clientOrderId,
      symbol: rules.symbol,
      side: q['side'] === 'SELL' ? 'SELL' : 'BUY',
      type,
      timeInForce,
      price,
      origQty: quantity.toString(),
      executedQty: '0',
      // No book here: what must trade at once finds nothing and expires.
      status:
        type === 'MARKET' || timeInForce === 'IOC' || timeInForce === 'FOK' ? 'EXPIRED' : 'NEW',
      reduceOnly: q['reduceOnly'] === 'true',
      time,
      updateTime: time,
    };
    orders.push(order);
    pushUpdate(order, 'NEW');
    if (order.status === 'EXPIRED') pushUpdate(order, 'EXPIRED');
    // ACK: the order as received.
    return { ...view(order), status: 'NEW' };
  }

  const view = ({ apiKey: _apiKey, reduceOnly, ...order }: StandInBinanceOrder) => ({
    ...order,
    avgPrice: '0',
    cumQuote: '0',
    reduceOnly,
    positionSide: 'BOTH',
    origType: order.type,
  });

  function findOrder(apiKey: string, q: Query): StandInBinanceOrder | undefined {
    return orders.find(
      (o) =>
        o.apiKey === apiKey &&
        o.symbol === q['symbol'] &&
        (q['orderId']
          ? String(o.orderId) === q['orderId']
          : o.clientOrderId === q['origClientOrderId']),
    );
  }

  const app = Fastify({ logger: false });
  const send = (reply: FastifyReply, answer: unknown) => {
    if (
      answer &&
      typeof answer === 'object' &&
      'code' in answer &&
      'status' in answer &&
      'msg' in answer
    ) {
      const { status, code, msg } = answer as Failure;
      return reply.code(status).send({ code, msg });
    }
    return reply.send(answer);
  };

  /** One route: weight, rate limits, authentication, then the handler. */
  function route(
    operation: keyof typeof ENDPOINTS,
    handler: (q: Query, apiKey: string) => unknown,
    options: { readonly order?: boolean } = {},
  ) {
    const endpoint = ENDPOINTS[operation];
    const keyed = endpoint.signed || operation.startsWith('listenKey');
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        requests += 1;
        if (limited && limited.count > 0) {
          limited.count -= 1;
          reply.header('Retry-After', String(limited.retryAfterSeconds));
          return limited.status === 418
            ? reply.code(418).send({
                code: -1003,
                msg: `Way too many requests; IP(127.0.0.1) banned until ${now() + limited.retryAfterSeconds * 1000}. Please use the websocket for live updates to avoid bans.`,
              })
            : reply.code(429).send({
                code: -1003,
                msg: `Too many requests; current limit of IP(127.0.0.1) is ${weightLimit} requests per minute. Please use the websocket for live updates to avoid polling the API.`,
              });
        }
        const used = spend(endpoint.weight);
        reply.header('X-MBX-USED-WEIGHT-1M', String(used));
        if (used > weightLimit) {
          reply.header('Retry-After', String(60 - (Math.floor(now() / 1000) % 60)));
          return reply.code(429).send({
            code: -1003,
            msg: `Too many requests; current limit of IP(127.0.0.1) is ${weightLimit} requests per minute.`,
          });
        }
        let apiKey = '';
        if (keyed) {
          const auth = authenticate(request, endpoint.signed);
          if (typeof auth !== 'string') return send(reply, auth);
          apiKey = auth;
        }
        const answer = handler(request.query as Query, apiKey);
        if (options.order && dropNext) {
          dropNext = false;
          request.raw.socket.destroy();
          return reply.hijack();
        }
        if (options.order && unknownNext) {
          unknownNext = false;
          return reply.code(503).send({
            code: -1000,
            msg: 'Unknown error, please check your request or try again later.',
          });
        }
        return send(reply, answer);
      },
    });
  }

  route('time', () => ({ serverTime: now() }));
  route('exchangeInfo', () => ({
    timezone: 'UTC',
    serverTime: now(),
    symbols: [...symbols.values()].map((s) => ({
      symbol: s.symbol,
      status: 'TRADING',
      contractType: 'PERPETUAL',
      filters: [
        {
          filterType: 'PRICE_FILTER',
          tickSize: s.tickSize,
          minPrice: s.tickSize,
          maxPrice: '4529764',
        },
        { filterType: 'LOT_SIZE', stepSize: s.stepSize, minQty: s.minQty, maxQty: s.maxQty },
        { filterType: 'MARKET_LOT_SIZE', stepSize: s.stepSize, minQty: s.minQty, maxQty: s.maxQty },
        { filterType: 'MIN_NOTIONAL', notional: s.minNotional },
      ],
    })),
  }));
  route('premiumIndex', (q) => {
    const s = symbols.get(q['symbol'] ?? '');
    if (!s) return fail(400, -1121, 'Invalid symbol.');
    return {
      symbol: s.symbol,
      markPrice: s.markPrice,
      indexPrice: s.markPrice,
      lastFundingRate: '0.00010000',
      nextFundingTime: now() + 3_600_000,
      time: now(),
    };
  });
  route('bookTicker', (q) => {
    const s = symbols.get(q['symbol'] ?? '');
    if (!s) return fail(400, -1121, 'Invalid symbol.');
    const tick = Decimal.parse(s.tickSize);
    const mark = Decimal.parse(s.markPrice);
    return {
      symbol: s.symbol,
      bidPrice: mark.sub(tick).toString(),
      bidQty: '1.000',
      askPrice: mark.add(tick).toString(),
      askQty: '1.000',
      time: now(),
    };
  });
  route('newOrder', (q, apiKey) => placeOrder(apiKey, q), { order: true });
  route(
    'cancelOrder',
    (q, apiKey) => {
      const order = findOrder(apiKey, q);
      if (!order || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED'))
        return fail(400, -2011, 'Unknown order sent.');
      order.status = 'CANCELED';
      pushUpdate(order, 'CANCELED');
      order.updateTime = now();
      return view(order);
    },
    { order: true },
  );
  route('queryOrder', (q, apiKey) => {
    const order = findOrder(apiKey, q);
    return order ? view(order) : fail(400, -2013, 'Order does not exist.');
  });
  route(
    'cancelAllOpenOrders',
    (q, apiKey) => {
      if (!symbols.has(q['symbol'] ?? '')) return fail(400, -1121, 'Invalid symbol.');
      for (const order of orders)
        if (
          order.apiKey === apiKey &&
          order.symbol === q['symbol'] &&
          (order.status === 'NEW' || order.status === 'PARTIALLY_FILLED')
        ) {
          order.status = 'CANCELED';
          order.updateTime = now();
          pushUpdate(order, 'CANCELED');
        }
      return { code: 200, msg: 'The operation of cancel all open order is done.' };
    },
    { order: true },
  );
  route('positionRisk', (_q, apiKey) => {
    const held = new Map<string, { amount: Decimal; cost: Decimal }>();
    for (const trade of trades.filter((t) => t.apiKey === apiKey)) {
      const side = orders.find((o) => o.orderId === trade.orderId)?.side;
      const qty = Decimal.parse(trade.qty);
      const entry = held.get(trade.symbol) ?? { amount: Decimal.ZERO, cost: Decimal.ZERO };
      held.set(trade.symbol, {
        amount: entry.amount.add(side === 'SELL' ? qty.neg() : qty),
        cost: entry.cost.add(Decimal.parse(trade.price).mul(qty)),
      });
    }
    return [...held].map(([symbol, { amount, cost }]) => ({
      symbol,
      positionSide: 'BOTH',
      positionAmt: amount.toString(),
      entryPrice: amount.isZero() ? '0.0' : cost.div(amount.abs(), Rounding.HalfEven).toString(),
      markPrice: symbols.get(symbol)?.markPrice ?? '0',
      unRealizedProfit: '0',
      updateTime: now(),
    }));
  });
  route('openOrders', (q, apiKey) =>
    orders
      .filter((o) => o.apiKey === apiKey && (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED'))
      .filter((o) => q['symbol'] === undefined || o.symbol === q['symbol'])
      .map(view),
  );
  route('userTrades', (q, apiKey) => {
    if (!symbols.has(q['symbol'] ?? '')) return fail(400, -1121, 'Invalid symbol.');
    const limit = q['limit'] === undefined ? 500 : Number(q['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      return fail(400, -1130, "Data sent for parameter 'limit' is not valid.");
    // As the venue: a start time without an end covers the 7 days from it.
    const start = q['startTime'] === undefined ? 0 : Number(q['startTime']);
    const end = q['startTime'] === undefined ? Infinity : start + 7 * 24 * 3_600_000;
    return trades
      .filter((t) => t.apiKey === apiKey && t.symbol === q['symbol'])
      .filter((t) => q['orderId'] === undefined || String(t.orderId) === q['orderId'])
      .filter((t) => t.time >= start && t.time < end)
      .slice(0, limit)
      .map(({ apiKey: _apiKey, ...t }) => ({
        ...t,
        buyer: false,
        positionSide: 'BOTH',
        realizedPnl: '0',
      }));
  });
  route('listenKeyCreate', (_q, apiKey) => {
    // One key per account; creating again while it lives returns it (and extends it).
    const existing = [...listenKeys].find(([, owner]) => owner === apiKey)?.[0];
    const key = existing ?? randomBytes(32).toString('hex');
    listenKeys.set(key, apiKey);
    return { listenKey: key };
  });
  route('listenKeyKeepAlive', (_q, apiKey) => {
    const key = [...listenKeys].find(([, owner]) => owner === apiKey)?.[0];
    return key ? { listenKey: key } : fail(400, -1125, 'This listenKey does not exist.');
  });
  route('listenKeyClose', (_q, apiKey) => {
    for (const [key, owner] of listenKeys) if (owner === apiKey) listenKeys.delete(key);
    return {};
  });

  const wss = new WebSocketServer({ noServer: true });
  app.server.on('upgrade', (request, socket, head) => {
    const key = /^\/ws\/([0-9a-zA-Z]+)$/.exec(
      new URL(request.url ?? '/', 'http://venue').pathname,
    )?.[1];
    if (key === undefined || !listenKeys.has(key)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      streams.set(ws, key);
      ws.on('close', () => streams.delete(ws));
    });
  });
  app.addHook('preClose', async () => {
    for (const socket of streams.keys()) socket.terminate();
    wss.close();
  });
  const url = await listenLocally(app);

  return {
    url,
    get orders() {
      return orders;
    },
    get requests() {
      return requests;
    },
    get clockSkewMs() {
      return state.clockSkewMs;
    },
    set clockSkewMs(value: number) {
      state.clockSkewMs = value;
    },
    get listenKeys() {
      return [...listenKeys.keys()];
    },
    limitNext({ count = 1, status, retryAfterSeconds }) {
      limited = { count, status, retryAfterSeconds };
    },
    dropNextAnswer() {
      dropNext = true;
    },
    unknownErrorNext() {
      unknownNext = true;
    },
    fill(orderId, qty) {
      const order = orders.find((o) => o.orderId === orderId);
      if (!order || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED'))
        throw new Error(`order ${orderId} is not open`);
      const executed = Decimal.parse(order.executedQty).add(Decimal.parse(qty));
      order.executedQty = executed.toString();
      order.status = executed.eq(Decimal.parse(order.origQty)) ? 'FILLED' : 'PARTIALLY_FILLED';
      order.updateTime = now();
      trades.push({
        apiKey: order.apiKey,
        id: nextTradeId++,
        orderId: order.orderId,
        symbol: order.symbol,
        price: order.price,
        qty,
        commission: Decimal.parse(order.price).mul(Decimal.parse(qty)).mul(MAKER_RATE).toString(),
        commissionAsset: 'USDT',
        maker: true,
        time: order.updateTime,
      });
      pushUpdate(order, 'TRADE', trades.at(-1));
    },
    dropStreams() {
      for (const socket of streams.keys()) socket.terminate();
    },
    expireListenKeys() {
      for (const [socket, key] of streams) {
        socket.send(JSON.stringify({ e: 'listenKeyExpired', E: now(), listenKey: key }));
        socket.close();
      }
      listenKeys.clear();
    },
    close: () => app.close(),
  };
}
