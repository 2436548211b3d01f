import {
  AccountSnapshot,
  BookSnapshot,
  FillsListResult,
  JsonRpcErrorResponse,
  Order as WireOrder,
  OrdersHistoryResult,
  OrdersOpenResult,
  PositionsListResult,
  PublicInstrumentsResult,
  PublicPingResult,
  PublicTimeResult,
} from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import {
  computeAccountMargin,
  DEFAULT_VENUE_ROUTE,
  createOrder,
  newOrderId,
  orderExposure,
  type AccountId,
  type ClientOrderId,
  type Fill,
  type InstrumentSymbol,
  type Order,
  type OrderId,
  type OrderSide,
  type TradeId,
} from '@perp/trading-domain';
import { SimVenueClient } from '@perp/venue-adapter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SimMarketData } from '@perp/account-views';
import {
  openSocket,
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import type { RpcSocket } from '@perp/trader-client';
import { type RpcAnswer } from '@perp/trader-client';

const d = Decimal.parse;
const T0 = 1_790_000_000_000;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const ETH = 'ETH-PERP' as InstrumentSymbol;

let h: GatewayHarness;
let gw: RunningGateway;
let qa: RpcSocket;

function order(
  accountId: string,
  clientOrderId: string,
  createdAt: number,
  fields: { symbol?: InstrumentSymbol; side?: OrderSide; price?: string; quantity?: string } = {},
  overrides: Partial<Order> = {},
): Order {
  return {
    ...createOrder({
      orderId: newOrderId(createdAt),
      clientOrderId: clientOrderId as ClientOrderId,
      accountId: accountId as AccountId,
      symbol: fields.symbol ?? BTC,
      side: fields.side ?? 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: d(fields.price ?? '59000'),
      quantity: d(fields.quantity ?? '0.1'),
      postOnly: false,
      reduceOnly: false,
      route: DEFAULT_VENUE_ROUTE,
      createdAt,
    }),
    ...overrides,
  };
}

function fill(clientOrder: Order, ts: number, price: string, quantity: string): Fill {
  return {
    accountId: clientOrder.accountId,
    orderId: clientOrder.orderId,
    clientOrderId: clientOrder.clientOrderId,
    symbol: clientOrder.symbol,
    side: clientOrder.side,
    tradeId: `t-${ts}` as TradeId,
    price: d(price),
    quantity: d(quantity),
    fee: d('-0.25'),
    liquidity: 'maker',
    realizedPnl: Decimal.ZERO,
    ts,
  };
}

// qa's book: long 0.5 BTC from 58000, short 2 ETH from 3100, one open BTC bid, a canceled and a
// filled order in its history, three fills; the last report it got was seq 7.
const openBid = order('qa', 'open-bid', T0 + 3_000, { price: '59000', quantity: '0.1' });
const canceled = order(
  'qa',
  'canceled',
  T0 + 2_000,
  { symbol: ETH, side: 'sell', price: '3100' },
  {
    status: 'canceled',
    reason: 'USER_CANCELED',
    updatedAt: T0 + 2_500,
  },
);
const filledBase = order('qa', 'filled', T0 + 1_000, { price: '58000', quantity: '0.5' });
const filled: Order = {
  ...filledBase,
  status: 'filled',
  filledQuantity: d('0.5'),
  remainingQuantity: Decimal.ZERO,
  filledNotional: d('29000'),
  avgFillPrice: d('58000'),
  updatedAt: T0 + 1_200,
};
const fills = [
  fill(filled, T0 + 1_100, '58000', '0.2'),
  fill(filled, T0 + 1_200, '58000', '0.3'),
  {
    ...fill(canceled, T0 + 2_100, '3100', '2'),
    side: 'sell' as const,
    tradeId: 't-eth' as TradeId,
  },
];
const bobsOrder = order('bob', 'bobs', T0 + 5_000);

beforeAll(async () => {
  h = await startGatewayHarness();
  const qaId = 'qa' as AccountId;
  await h.createAccount('qa', '100000');
  await h.createAccount('bob');
  for (const value of [openBid, canceled, filled]) await storeOrder(value);
  for (const f of fills) await h.commit({ accountId: qaId, fill: f });
  await h.commit({
    accountId: qaId,
    position: {
      value: {
        accountId: qaId,
        symbol: BTC,
        quantity: d('0.5'),
        costBasis: d('29000'),
        realizedPnl: d('12.5'),
        fees: d('-0.5'),
      },
      expectedVersion: null,
    },
  });
  await h.commit({
    accountId: qaId,
    position: {
      value: {
        accountId: qaId,
        symbol: ETH,
        quantity: d('-2'),
        costBasis: d('6200'),
        realizedPnl: Decimal.ZERO,
        fees: d('-0.25'),
      },
      expectedVersion: null,
    },
  });
  const balance = await h.store.getBalance(qaId);
  await h.commit({
    accountId: qaId,
    balance: {
      value: { ...(balance?.value ?? never()), seq: 7 },
      expectedVersion: balance?.version ?? null,
    },
  });
  await storeOrder(bobsOrder);
  await h.config.setTradingState('symbol', 'ETH-PERP', 'halted', Date.now());
  await h.config.setTradingState('account', 'qa', 'reducing', Date.now());
  gw = await h.startGateway();
  qa = await h.connect(gw.url, 'qa', ['viewer']);
}, 60_000);
afterAll(() => h?.dispose());

/** An order as the OMS stores it: the order and its client order id's claim. */
async function storeOrder(value: Order): Promise<void> {
  await h.commit({
    accountId: value.accountId,
    orders: [{ value, expectedVersion: null }],
    claim: { clientOrderId: value.clientOrderId, orderId: value.orderId, requestDigest: 'seeded' },
  });
}

function never(): never {
  throw new Error('qa has no balance');
}

const codeOf = (answer: RpcAnswer) => JsonRpcErrorResponse.parse(answer).error.code;

describe('order queries', () => {
  it('order.get answers the order by either id, with the account seq', async () => {
    const byClient = WireOrder.parse(await qa.result('order.get', { clientOrderId: 'filled' }));
    expect(byClient).toMatchObject({
      accountId: 'qa',
      orderId: filled.orderId,
      clientOrderId: 'filled',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: '58000',
      quantity: '0.5',
      filledQuantity: '0.5',
      remainingQuantity: '0',
      avgFillPrice: '58000',
      status: 'filled',
      reason: null,
      seq: 7,
      createdAt: T0 + 1_000,
      updatedAt: T0 + 1_200,
    });
    const byId = WireOrder.parse(await qa.result('order.get', { orderId: canceled.orderId }));
    expect(byId).toMatchObject({
      clientOrderId: 'canceled',
      status: 'canceled',
      reason: 'USER_CANCELED',
    });
  });

  it("order.get answers 10005 for an unknown order and for another account's", async () => {
    expect(codeOf(await qa.request('order.get', { clientOrderId: 'nope' }))).toBe(10005);
    expect(codeOf(await qa.request('order.get', { clientOrderId: 'bobs' }))).toBe(10005);
    expect(codeOf(await qa.request('order.get', { orderId: bobsOrder.orderId }))).toBe(10005);
    const bob = await h.connect(gw.url, 'bob', ['viewer']);
    expect(
      WireOrder.parse(await bob.result('order.get', { clientOrderId: 'bobs' })).accountId,
    ).toBe('bob');
    await bob.close();
  });

  it('orders.open lists the open orders of the account only, optionally of one symbol', async () => {
    await vi.waitFor(async () => {
      const open = OrdersOpenResult.parse(await qa.result('orders.open', {}));
      expect(open.map((o) => o.clientOrderId)).toEqual(['open-bid']);
    });
    expect(OrdersOpenResult.parse(await qa.result('orders.open', { symbol: 'ETH-PERP' }))).toEqual(
      [],
    );
  });

  it('orders.history lists newest first with limit, before and symbol', async () => {
    const all = OrdersHistoryResult.parse(await qa.result('orders.history', {}));
    expect(all.map((o) => o.clientOrderId)).toEqual(['open-bid', 'canceled', 'filled']);
    const page = OrdersHistoryResult.parse(await qa.result('orders.history', { limit: 2 }));
    expect(page.map((o) => o.clientOrderId)).toEqual(['open-bid', 'canceled']);
    const next = OrdersHistoryResult.parse(
      await qa.result('orders.history', { limit: 2, before: page.at(-1)?.createdAt }),
    );
    expect(next.map((o) => o.clientOrderId)).toEqual(['filled']);
    const eth = OrdersHistoryResult.parse(
      await qa.result('orders.history', { symbol: 'ETH-PERP' }),
    );
    expect(eth.map((o) => o.clientOrderId)).toEqual(['canceled']);
    const invalid = JsonRpcErrorResponse.parse(await qa.request('orders.history', { limit: 1001 }));
    expect(invalid.error).toMatchObject({ code: -32602, data: { field: 'limit' } });
  });

  it('fills.list lists newest first with limit, before and symbol', async () => {
    const all = FillsListResult.parse(await qa.result('fills.list', {}));
    expect(all.map((f) => f.tradeId)).toEqual(['t-eth', `t-${T0 + 1_200}`, `t-${T0 + 1_100}`]);
    expect(all[1]).toEqual({
      accountId: 'qa',
      orderId: filled.orderId,
      clientOrderId: 'filled',
      symbol: 'BTC-PERP',
      side: 'buy',
      tradeId: `t-${T0 + 1_200}`,
      price: '58000',
      quantity: '0.3',
      fee: '-0.25',
      liquidity: 'maker',
      ts: T0 + 1_200,
    });
    const page = FillsListResult.parse(
      await qa.result('fills.list', { limit: 1, before: T0 + 1_200 }),
    );
    expect(page.map((f) => f.ts)).toEqual([T0 + 1_100]);
    const btc = FillsListResult.parse(await qa.result('fills.list', { symbol: 'BTC-PERP' }));
    expect(btc).toHaveLength(2);
  });
});

describe('positions and account', () => {
  it('positions.list values each position at the venue mark', async () => {
    const positions = PositionsListResult.parse(await qa.result('positions.list'));
    expect(positions.map(({ ts: _ts, ...p }) => p)).toEqual([
      {
        accountId: 'qa',
        symbol: 'BTC-PERP',
        quantity: '0.5',
        entryPrice: '58000',
        markPrice: '60000',
        unrealizedPnl: '1000',
        realizedPnl: '12.5',
      },
      {
        accountId: 'qa',
        symbol: 'ETH-PERP',
        quantity: '-2',
        entryPrice: '3100',
        markPrice: '3000',
        unrealizedPnl: '200',
        realizedPnl: '0',
      },
    ]);
  });

  it('account.get answers equity, margins, utilisation and the strictest trading state', async () => {
    const snapshot = AccountSnapshot.parse(await qa.result('account.get'));
    // The domain's own computation is the oracle for the margin figures.
    const expected = computeAccountMargin({
      collateral: d('100000'),
      positions: [
        {
          accountId: 'qa' as AccountId,
          symbol: BTC,
          quantity: d('0.5'),
          costBasis: d('29000'),
          realizedPnl: d('12.5'),
          fees: d('-0.5'),
        },
        {
          accountId: 'qa' as AccountId,
          symbol: ETH,
          quantity: d('-2'),
          costBasis: d('6200'),
          realizedPnl: Decimal.ZERO,
          fees: d('-0.25'),
        },
      ],
      openOrders: [orderExposure(openBid)],
      markets: new Map([
        [
          BTC,
          {
            mark: d('60000'),
            instrument: {
              contractType: 'linear',
              initialMarginRate: d('0.1'),
              maintenanceMarginRate: d('0.05'),
              priceBandRate: d('0.05'),
            },
          },
        ],
        [
          ETH,
          {
            mark: d('3000'),
            instrument: {
              contractType: 'linear',
              initialMarginRate: d('0.1'),
              maintenanceMarginRate: d('0.05'),
              priceBandRate: d('0.05'),
            },
          },
        ],
      ]),
    });
    expect(snapshot).toMatchObject({
      accountId: 'qa',
      collateral: '100000',
      unrealizedPnl: '1200',
      equity: '101200',
      maintenanceMargin: '1800',
      initialMargin: expected.initialMargin.toString(),
      availableMargin: expected.availableMargin.toString(),
      marginUtilization: (expected.marginUtilization as Decimal).toString(),
      tradingState: 'reducing',
    });
    expect(d(snapshot.initialMargin).gte(d('3600'))).toBe(true);
  });

  it('account.get of a login without an account answers 10002; its lists are empty', async () => {
    const stranger = await h.connect(gw.url, 'stranger', ['viewer']);
    expect(codeOf(await stranger.request('account.get'))).toBe(10002);
    expect(await stranger.result('positions.list')).toEqual([]);
    expect(await stranger.result('fills.list', {})).toEqual([]);
    await stranger.close();
    // Nothing to cancel: refused at the gateway, not queued for the OMS to drop.
    const trader = await h.connect(gw.url, 'stranger', ['trader']);
    expect(codeOf(await trader.request('order.cancelAll', {}))).toBe(10002);
    await trader.close();
  });

  it('answers 10007 when the venue has no marks, and the socket goes on', async () => {
    const blind = await h.startGateway({
      market: new SimMarketData({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 }),
    });
    const client = await h.connect(blind.url, 'qa', ['viewer']);
    expect(codeOf(await client.request('positions.list'))).toBe(10007);
    expect(codeOf(await client.request('account.get'))).toBe(10007);
    expect(codeOf(await client.request('public.book', { symbol: 'BTC-PERP' }))).toBe(10007);
    expect((await client.request('orders.open', {})).error).toBeUndefined();
    await client.close();
  });
});

describe('public methods', () => {
  it('public.ping and public.time answer the server time', async () => {
    const client = await openSocket(gw.url);
    const before = Date.now();
    const { ts } = PublicPingResult.parse(await client.result('public.ping'));
    const { serverTime } = PublicTimeResult.parse(await client.result('public.time'));
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(serverTime).toBeGreaterThanOrEqual(ts);
    await client.close();
  });

  it('public.instruments lists the config table with the symbol trading state applied', async () => {
    const client = await openSocket(gw.url);
    const instruments = PublicInstrumentsResult.parse(await client.result('public.instruments'));
    expect(instruments).toEqual([
      {
        symbol: 'BTC-PERP',
        contractType: 'linear',
        baseAsset: 'BTC',
        quoteAsset: 'USD',
        tickSize: '0.5',
        lotSize: '0.001',
        minQuantity: '0.001',
        maxQuantity: '100',
        maxNotional: '5000000',
        initialMarginRate: '0.1',
        maintenanceMarginRate: '0.05',
        status: 'trading',
      },
      expect.objectContaining({ symbol: 'ETH-PERP', tickSize: '0.05', status: 'halted' }),
    ]);
    await client.close();
  });

  it('public.book answers the venue book to the depth asked for; 10004 for an unlisted symbol', async () => {
    const venue = new SimVenueClient({ baseUrl: h.simVenue.url });
    const resting = (orderId: string, side: OrderSide, price: string, quantity: string) =>
      venue.placeOrder({
        accountId: 'book-maker' as AccountId,
        orderId: orderId as OrderId,
        symbol: BTC,
        side,
        type: 'limit',
        timeInForce: 'gtc',
        price: d(price),
        quantity: d(quantity),
        postOnly: true,
        reduceOnly: false,
      });
    await resting('mm-1', 'buy', '59000', '1');
    await resting('mm-2', 'buy', '58999.5', '0.25');
    await resting('mm-3', 'sell', '61000', '2');
    const client = await openSocket(gw.url);
    await vi.waitFor(async () => {
      const book = BookSnapshot.parse(await client.result('public.book', { symbol: 'BTC-PERP' }));
      expect(book.bids).toEqual([
        ['59000', '1'],
        ['58999.5', '0.25'],
      ]);
      expect(book.asks).toEqual([['61000', '2']]);
      expect(book.symbol).toBe('BTC-PERP');
    });
    const top = BookSnapshot.parse(
      await client.result('public.book', { symbol: 'BTC-PERP', depth: 1 }),
    );
    expect(top.bids).toEqual([['59000', '1']]);
    expect(codeOf(await client.request('public.book', { symbol: 'DOGE-PERP' }))).toBe(10004);
    await client.close();
  });
});
