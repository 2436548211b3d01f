// A local stand-in for Hyperliquid's /exchange and /info (its API docs), for the adapter's tests:
// Hyperliquid cannot be reached from here. It checks what the real venue checks and answers in
// its shapes: the L1 signature (an unknown signer gets "User or API Wallet … does not exist"),
// API wallets acting for their master, nonces per signer, the price, size and minimum-value
// rules, cloids. Orders rest (GTC, ALO) or are refused (IOC with no book); a test fills them.
// Faults: the next answers 429, or executed but never answered (a crash mid-request). Its
// WebSocket (/ws) serves the `orderUpdates` and `userFills` subscriptions (a snapshot of the
// user's fills first), and `ping`.

import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { Decimal, Rounding } from '@perp/decimal';
import type { VenueNetwork } from '../../description/venue-description.ts';
import { recoverL1Signer, type HyperliquidSignature } from '../l1-signing.ts';
import { priceViolation, sizeViolation } from '../wire-numbers.ts';
import { listenLocally } from '../../transport/listen-locally.ts';

export interface StandInCoin {
  readonly name: string;
  readonly szDecimals: number;
  readonly markPx: string;
}

export interface HyperliquidStandInOptions {
  readonly network?: VenueNetwork;
  readonly coins?: readonly StandInCoin[];
  /** API wallet (agent) address -> the master account it trades for. */
  readonly agents?: Readonly<Record<string, string>>;
  /**
   * Actions an address may send before it is limited to one every 10 s (the venue's initial
   * buffer is 10 000, plus one per USDC traded; the stand-in trades no volume).
   */
  readonly addressActions?: number;
}

export interface StandInOrder {
  readonly user: string;
  readonly coin: string;
  readonly side: 'B' | 'A';
  readonly limitPx: string;
  readonly origSz: string;
  sz: string;
  readonly oid: number;
  readonly cloid: string | null;
  readonly timestamp: number;
  status: string;
  statusTimestamp: number;
}

export interface HyperliquidStandIn {
  readonly url: string;
  readonly orders: readonly StandInOrder[];
  /** Requests to /exchange received, executed or not. */
  readonly exchangeRequests: number;
  /** The next /exchange requests answer HTTP 429 without executing. */
  rateLimitNext(count?: number): void;
  /** The next /exchange request is executed, then its connection is destroyed unanswered. */
  dropNextAnswer(): void;
  /** Fills `size` of a resting order (a trade against it). */
  fill(oid: number, size: string): void;
  /** Closes every WebSocket connection (a venue restart, a network cut). */
  dropSockets(): void;
  /** Pings received on the WebSocket. */
  readonly pings: number;
  /** The master approves an API wallet (as its `approveAgent` action does). */
  approveAgent(agent: string, master: string): void;
  /** The API wallet is no longer known (revoked, or replaced by a rotation). */
  revokeAgent(agent: string): void;
  /** Rests an order another client of the account placed (no signature); its oid. */
  restForeign(order: {
    user: string;
    coin: string;
    limitPx: string;
    sz: string;
    cloid?: string;
  }): number;
  close(): Promise<void>;
}

const MIN_ORDER_VALUE = Decimal.fromInt(10);
const NONCES_KEPT = 100;
const DEFAULT_COINS: readonly StandInCoin[] = [
  { name: 'BTC', szDecimals: 5, markPx: '60000' },
  { name: 'ETH', szDecimals: 4, markPx: '3000' },
];

interface ExchangeBody {
  action: { type: string } & Record<string, unknown>;
  nonce: number;
  signature: HyperliquidSignature;
  vaultAddress?: string | null;
  expiresAfter?: number | null;
}

interface OrderWire {
  a: number;
  b: boolean;
  p: string;
  s: string;
  r: boolean;
  t: { limit?: { tif: string } };
  c?: string;
}

export async function startHyperliquidStandIn(
  options: HyperliquidStandInOptions = {},
): Promise<HyperliquidStandIn> {
  const network = options.network ?? 'mainnet';
  const coins = options.coins ?? DEFAULT_COINS;
  const agents = new Map(
    Object.entries(options.agents ?? {}).map(([agent, user]) => [
      agent.toLowerCase(),
      user.toLowerCase(),
    ]),
  );
  const orders: StandInOrder[] = [];
  const fills: {
    user: string;
    coin: string;
    px: string;
    sz: string;
    time: number;
    oid: number;
    tid: number;
    crossed: boolean;
    fee: string;
  }[] = [];
  let nextTid = 500_000;
  let pings = 0;
  const actionsUsed = new Map<string, number>();
  const lastLimitedAction = new Map<string, number>();
  const subscribers = new Map<WebSocket, { orderUpdates: Set<string>; userFills: Set<string> }>();
  const push = (type: 'orderUpdates' | 'userFills', user: string, data: unknown) => {
    for (const [socket, subscribed] of subscribers)
      if (subscribed[type].has(user)) socket.send(JSON.stringify({ channel: type, data }));
  };
  const wsOrder = (order: StandInOrder) => {
    const { status, statusTimestamp, user: _user, ...rest } = order;
    return { order: rest, status, statusTimestamp };
  };
  const orderUpdate = (order: StandInOrder) => push('orderUpdates', order.user, [wsOrder(order)]);
  const wsFill = ({ user: _user, ...fill }: (typeof fills)[number]) => ({
    ...fill,
    side: 'B',
    dir: 'Open Long',
    startPosition: '0',
    closedPnl: '0',
    hash: `0x${'0'.repeat(64)}`,
    feeToken: 'USDC',
  });
  const nonces = new Map<string, number[]>();
  let nextOid = 1_000;
  let exchangeRequests = 0;
  let rateLimited = 0;
  let dropNext = false;

  const err = (response: string) => ({ status: 'err', response });
  const byCloid = (user: string, cloid: string) =>
    orders.find((o) => o.user === user && o.cloid === cloid.toLowerCase());

  function nonceRefusal(signer: string, nonce: number): string | null {
    const seen = nonces.get(signer) ?? [];
    if (seen.includes(nonce)) return 'Invalid nonce: duplicate nonce';
    if (seen.length >= NONCES_KEPT && nonce <= (seen[0] ?? 0))
      return 'Invalid nonce: nonce is too low';
    seen.push(nonce);
    seen.sort((a, b) => a - b);
    if (seen.length > NONCES_KEPT) seen.shift();
    nonces.set(signer, seen);
    return null;
  }

  function placeOne(user: string, wire: OrderWire): unknown {
    const coin = coins[wire.a];
    if (!coin) return { error: `Invalid asset: ${wire.a}` };
    const rules = { szDecimals: coin.szDecimals, market: 'perp' } as const;
    const price = Decimal.tryParse(wire.p);
    const size = Decimal.tryParse(wire.s);
    if (!price || priceViolation(price, rules))
      return { error: `Order has invalid price. asset=${wire.a}` };
    if (!size || sizeViolation(size, rules))
      return { error: `Order has invalid size. asset=${wire.a}` };
    if (price.mul(size).lt(MIN_ORDER_VALUE))
      return { error: `Order must have minimum value of $10. asset=${wire.a}` };
    if (wire.c && byCloid(user, wire.c)) return { error: `Duplicate cloid. asset=${wire.a}` };
    const tif = wire.t.limit?.tif;
    if (tif === 'Ioc')
      return {
        error: `Order could not immediately match against any resting orders. asset=${wire.a}`,
      };
    const now = Date.now();
    const order: StandInOrder = {
      user,
      coin: coin.name,
      side: wire.b ? 'B' : 'A',
      limitPx: wire.p,
      origSz: wire.s,
      sz: wire.s,
      oid: nextOid++,
      cloid: wire.c?.toLowerCase() ?? null,
      timestamp: now,
      status: 'open',
      statusTimestamp: now,
    };
    orders.push(order);
    orderUpdate(order);
    return wire.c
      ? { resting: { oid: order.oid, cloid: order.cloid } }
      : { resting: { oid: order.oid } };
  }

  function cancelOne(
    user: string,
    cancel: { asset: number; cloid: string; oid?: number },
  ): unknown {
    const order =
      cancel.oid === undefined
        ? byCloid(user, cancel.cloid)
        : orders.find((o) => o.user === user && o.oid === cancel.oid);
    if (!order || order.status !== 'open')
      return {
        error: `Order was never placed, already canceled, or filled. asset=${cancel.asset}`,
      };
    order.status = 'canceled';
    order.statusTimestamp = Date.now();
    orderUpdate(order);
    return 'success';
  }

  function execute(body: ExchangeBody): unknown {
    const signer = recoverL1Signer(
      {
        action: body.action,
        nonce: body.nonce,
        vaultAddress: body.vaultAddress ?? undefined,
        expiresAfter: body.expiresAfter ?? undefined,
      },
      body.signature,
      network,
    );
    const master = agents.get(signer);
    if (!master) return err(`User or API Wallet ${signer} does not exist.`);
    const user = body.vaultAddress?.toLowerCase() ?? master;
    const refusal = nonceRefusal(signer, body.nonce);
    if (refusal) return err(refusal);
    const used = (actionsUsed.get(user) ?? 0) + 1;
    actionsUsed.set(user, used);
    const cap = options.addressActions ?? 10_000;
    if (used > cap) {
      const last = lastLimitedAction.get(user) ?? 0;
      if (Date.now() - last < 10_000)
        return err(
          `Too many cumulative requests sent (${used}) vs. cumulative volume traded (0.0) plus initial buffer (${cap}). Rate limited to 1 request per 10 seconds.`,
        );
      lastLimitedAction.set(user, Date.now());
    }
    if (body.expiresAfter != null && body.expiresAfter < Date.now())
      return err(`Action expired at ${body.expiresAfter}`);
    const { action } = body;
    if (action.type === 'order') {
      const statuses = (action['orders'] as OrderWire[]).map((wire) => placeOne(user, wire));
      return { status: 'ok', response: { type: 'order', data: { statuses } } };
    }
    if (action.type === 'cancel') {
      const cancels = action['cancels'] as { a: number; o: number }[];
      const statuses = cancels.map(({ a, o }) => cancelOne(user, { asset: a, cloid: '', oid: o }));
      return { status: 'ok', response: { type: 'cancel', data: { statuses } } };
    }
    if (action.type === 'cancelByCloid') {
      const cancels = action['cancels'] as { asset: number; cloid: string }[];
      const statuses = cancels.map((cancel) => cancelOne(user, cancel));
      return { status: 'ok', response: { type: 'cancel', data: { statuses } } };
    }
    return err(`Unsupported action type: ${action.type}`);
  }

  function info(body: Record<string, unknown>): unknown {
    const user = String(body['user'] ?? '').toLowerCase();
    switch (body['type']) {
      case 'meta':
        return {
          universe: coins.map((c) => ({ name: c.name, szDecimals: c.szDecimals, maxLeverage: 50 })),
        };
      case 'metaAndAssetCtxs':
        return [
          {
            universe: coins.map((c) => ({
              name: c.name,
              szDecimals: c.szDecimals,
              maxLeverage: 50,
            })),
          },
          coins.map((c) => ({
            markPx: c.markPx,
            oraclePx: c.markPx,
            midPx: c.markPx,
            funding: '0',
          })),
        ];
      case 'allMids':
        return Object.fromEntries(coins.map((c) => [c.name, c.markPx]));
      case 'userFillsByTime': {
        const start = Number(body['startTime']);
        const end = body['endTime'] === undefined ? Infinity : Number(body['endTime']);
        return fills
          .filter((f) => f.user === user && f.time >= start && f.time <= end)
          .map(({ user: _user, ...fill }) => fill);
      }
      case 'clearinghouseState': {
        // Positions from the fills: every resting order here is a buy ('B') or a sell ('A').
        const held = new Map<string, { szi: Decimal; cost: Decimal }>();
        for (const fill of fills.filter((f) => f.user === user)) {
          const order = orders.find((o) => o.oid === fill.oid);
          const size = Decimal.parse(fill.sz);
          const signed = order?.side === 'A' ? size.neg() : size;
          const entry = held.get(fill.coin) ?? { szi: Decimal.ZERO, cost: Decimal.ZERO };
          held.set(fill.coin, {
            szi: entry.szi.add(signed),
            cost: entry.cost.add(Decimal.parse(fill.px).mul(size)),
          });
        }
        return {
          assetPositions: [...held].map(([coin, { szi, cost }]) => ({
            type: 'oneWay',
            position: {
              coin,
              szi: szi.toString(),
              entryPx: szi.isZero() ? null : cost.div(szi.abs(), Rounding.HalfEven).toString(),
            },
          })),
          marginSummary: {
            accountValue: '0',
            totalNtlPos: '0',
            totalRawUsd: '0',
            totalMarginUsed: '0',
          },
          withdrawable: '0',
          time: Date.now(),
        };
      }
      case 'userRateLimit':
        return {
          cumVlm: '0.0',
          nRequestsUsed: actionsUsed.get(user) ?? 0,
          nRequestsCap: options.addressActions ?? 10_000,
        };
      case 'userRole': {
        const address = String(body['user']).toLowerCase();
        const master = agents.get(address);
        if (master !== undefined) return { role: 'agent', data: { user: master } };
        const known =
          [...agents.values()].includes(address) || orders.some((o) => o.user === address);
        return { role: known ? 'user' : 'missing' };
      }
      case 'openOrders':
        return orders
          .filter((o) => o.user === user && o.status === 'open')
          .map(({ coin, side, limitPx, sz, oid, timestamp, origSz, cloid }) => ({
            coin,
            side,
            limitPx,
            sz,
            oid,
            timestamp,
            origSz,
            cloid,
          }));
      case 'orderStatus': {
        const oid = body['oid'];
        const order =
          typeof oid === 'string'
            ? byCloid(user, oid)
            : orders.find((o) => o.user === user && o.oid === oid);
        if (!order) return { status: 'unknownOid' };
        const { status, statusTimestamp, user: _user, ...rest } = order;
        return { status: 'order', order: { order: rest, status, statusTimestamp } };
      }
      default:
        return null;
    }
  }

  const app: FastifyInstance = Fastify({ logger: false });
  app.post('/exchange', async (request, reply) => {
    exchangeRequests += 1;
    if (rateLimited > 0) {
      rateLimited -= 1;
      return reply.code(429).send({ error: 'Too many requests' });
    }
    const answer = execute(request.body as ExchangeBody);
    if (dropNext) {
      dropNext = false;
      request.raw.socket.destroy();
      return reply.hijack();
    }
    return answer;
  });
  app.post('/info', async (request, reply) => {
    const answer = info((request.body ?? {}) as Record<string, unknown>);
    return answer === null ? reply.code(422).send('Failed to deserialize the JSON body') : answer;
  });
  const wss = new WebSocketServer({ noServer: true });
  app.server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://venue').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const subscribed = { orderUpdates: new Set<string>(), userFills: new Set<string>() };
      subscribers.set(ws, subscribed);
      ws.on('close', () => subscribers.delete(ws));
      ws.on('message', (raw) => {
        let message: { method?: unknown; subscription?: { type?: unknown; user?: unknown } };
        try {
          message = JSON.parse(String(raw)) as typeof message;
        } catch {
          ws.send(JSON.stringify({ channel: 'error', data: 'Invalid JSON' }));
          return;
        }
        if (message.method === 'ping') {
          pings += 1;
          ws.send(JSON.stringify({ channel: 'pong' }));
          return;
        }
        const type = message.subscription?.type;
        const user = String(message.subscription?.user ?? '').toLowerCase();
        if (message.method !== 'subscribe' || (type !== 'orderUpdates' && type !== 'userFills')) {
          ws.send(
            JSON.stringify({
              channel: 'error',
              data: `Invalid subscription ${JSON.stringify(message)}`,
            }),
          );
          return;
        }
        subscribed[type].add(user);
        ws.send(JSON.stringify({ channel: 'subscriptionResponse', data: message }));
        if (type === 'userFills')
          ws.send(
            JSON.stringify({
              channel: 'userFills',
              data: {
                isSnapshot: true,
                user,
                fills: fills.filter((f) => f.user === user).map(wsFill),
              },
            }),
          );
      });
    });
  });
  app.addHook('preClose', async () => {
    for (const socket of subscribers.keys()) socket.terminate();
    wss.close();
  });
  const url = await listenLocally(app);

  return {
    url,
    get orders() {
      return orders;
    },
    get exchangeRequests() {
      return exchangeRequests;
    },
    rateLimitNext(count = 1) {
      rateLimited += count;
    },
    dropNextAnswer() {
      dropNext = true;
    },
    fill(oid, size) {
      const order = orders.find((o) => o.oid === oid);
      if (!order || order.status !== 'open') throw new Error(`order ${oid} is not open`);
      const left = Decimal.parse(order.sz).sub(Decimal.parse(size));
      order.sz = left.toString();
      if (left.isZero()) order.status = 'filled';
      order.statusTimestamp = Date.now();
      // A resting order is the maker: 0.015 % of the notional (the base tier's maker rate).
      const fee = Decimal.parse(order.limitPx)
        .mul(Decimal.parse(size))
        .mul(Decimal.parse('0.00015'));
      fills.push({
        user: order.user,
        coin: order.coin,
        px: order.limitPx,
        sz: size,
        time: order.statusTimestamp,
        oid,
        tid: nextTid++,
        crossed: false,
        fee: fee.toString(),
      });
      const last = fills.at(-1);
      if (last) push('userFills', order.user, { user: order.user, fills: [wsFill(last)] });
      orderUpdate(order);
    },
    approveAgent(agent, master) {
      agents.set(agent.toLowerCase(), master.toLowerCase());
    },
    revokeAgent(agent) {
      agents.delete(agent.toLowerCase());
    },
    dropSockets() {
      for (const socket of subscribers.keys()) socket.terminate();
    },
    get pings() {
      return pings;
    },
    restForeign({ user, coin, limitPx, sz, cloid }) {
      const now = Date.now();
      const oid = nextOid++;
      orders.push({
        user: user.toLowerCase(),
        coin,
        side: 'B',
        limitPx,
        origSz: sz,
        sz,
        oid,
        cloid: cloid?.toLowerCase() ?? null,
        timestamp: now,
        status: 'open',
        statusTimestamp: now,
      });
      const order = orders.at(-1);
      if (order) orderUpdate(order);
      return oid;
    },
    close: () => app.close(),
  };
}
