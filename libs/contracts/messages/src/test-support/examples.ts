// Valid example messages, one per schema that matters; tests derive invalid ones by overriding.
import type { RpcMethodName } from '../index.ts';

export const T0 = 1_718_000_000_000;
export const ACCOUNT = '3f0c2a9e-7b1d-4c56-9e2f-0a1b2c3d4e5f';
export const OPERATOR = 'ops-1';

export const executionReport = (overrides: Record<string, unknown> = {}) => ({
  version: 1,
  seq: 7,
  accountId: ACCOUNT,
  orderId: 'ord_01J0000000',
  clientOrderId: 'my-order-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: '61234.5',
  quantity: '0.5',
  filledQuantity: '0.2',
  remainingQuantity: '0.3',
  avgFillPrice: '61234.5',
  status: 'partially_filled',
  execType: 'trade',
  lastFillPrice: '61234.5',
  lastFillQuantity: '0.2',
  fee: '-0.01',
  tradeId: 'sim-42',
  reason: null,
  ts: T0,
  ...overrides,
});

export const order = (overrides: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT,
  orderId: 'ord_01J0000000',
  clientOrderId: 'my-order-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: '61234.5',
  quantity: '0.5',
  filledQuantity: '0',
  remainingQuantity: '0.5',
  avgFillPrice: null,
  status: 'accepted',
  postOnly: false,
  reduceOnly: false,
  reason: null,
  seq: 3,
  createdAt: T0,
  updatedAt: T0 + 5,
  ...overrides,
});

export const fill = (overrides: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT,
  orderId: 'ord_01J0000000',
  clientOrderId: 'my-order-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  tradeId: 'sim-42',
  price: '61234.5',
  quantity: '0.2',
  fee: '0.61',
  liquidity: 'taker',
  ts: T0,
  ...overrides,
});

export const position = (overrides: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT,
  symbol: 'BTC-PERP',
  quantity: '-0.2',
  entryPrice: '61234.5',
  markPrice: '61000',
  unrealizedPnl: '46.9',
  realizedPnl: '0',
  ts: T0,
  ...overrides,
});

export const accountSnapshot = (overrides: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT,
  collateral: '10000',
  equity: '10046.9',
  unrealizedPnl: '46.9',
  initialMargin: '1220',
  maintenanceMargin: '610',
  availableMargin: '8826.9',
  marginUtilization: '0.0607',
  tradingState: 'active',
  ts: T0,
  ...overrides,
});

export const instrument = (overrides: Record<string, unknown> = {}) => ({
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
  ...overrides,
});

export const bookSnapshot = (overrides: Record<string, unknown> = {}) => ({
  symbol: 'BTC-PERP',
  bids: [
    ['61234', '1.5'],
    ['61233.5', '0.2'],
  ],
  asks: [['61234.5', '0.7']],
  seq: 100,
  ts: T0,
  ...overrides,
});

export const bookUpdate = (overrides: Record<string, unknown> = {}) => ({
  symbol: 'BTC-PERP',
  bids: [['61234', '0']],
  asks: [],
  seq: 101,
  ts: T0 + 1,
  ...overrides,
});

export const publicTrade = (overrides: Record<string, unknown> = {}) => ({
  symbol: 'BTC-PERP',
  tradeId: 'sim-42',
  price: '61234.5',
  quantity: '0.2',
  takerSide: 'buy',
  ts: T0,
  ...overrides,
});

export const ticker = (overrides: Record<string, unknown> = {}) => ({
  symbol: 'BTC-PERP',
  bestBidPrice: '61234',
  bestBidQuantity: '1.5',
  bestAskPrice: '61234.5',
  bestAskQuantity: '0.7',
  lastPrice: '61234.5',
  markPrice: '61234.2',
  ts: T0,
  ...overrides,
});

const envelope = <P extends object, O extends object = object>(
  type: string,
  source: string,
  payload: P,
  overrides: O = {} as O,
) => ({
  version: 1,
  commandId: 'cmd-0001',
  accountId: ACCOUNT,
  type,
  source,
  payload,
  receivedAt: T0,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  ...overrides,
});

const venueOrder = { venue: 'sim', orderId: 'ord_01J0000000', symbol: 'BTC-PERP', ts: T0 };

/** One valid command of every type. */
export const commands = {
  'order.place': envelope('order.place', 'trader', {
    clientOrderId: 'my-order-1',
    symbol: 'BTC-PERP',
    side: 'buy',
    type: 'limit',
    price: '61234.5',
    quantity: '0.5',
    timeInForce: 'gtc',
    postOnly: false,
    reduceOnly: false,
  }),
  'order.cancel': envelope('order.cancel', 'trader', {
    clientOrderId: 'my-order-1',
    symbol: 'BTC-PERP',
    reason: 'USER_CANCELED',
  }),
  'order.cancelAll': envelope('order.cancelAll', 'trader', { reason: 'CANCEL_ON_DISCONNECT' }),
  'admin.account.create': envelope(
    'admin.account.create',
    'admin',
    {},
    { actorAccountId: OPERATOR },
  ),
  'admin.deposit': envelope(
    'admin.deposit',
    'admin',
    { amount: '10000' },
    { actorAccountId: OPERATOR },
  ),
  'admin.tradingState.set': envelope(
    'admin.tradingState.set',
    'admin',
    { scope: 'account', target: ACCOUNT, state: 'halted' },
    { actorAccountId: OPERATOR },
  ),
  'venue.orderAccepted': envelope('venue.orderAccepted', 'venue', {
    ...venueOrder,
    venueOrderId: '981234',
  }),
  'venue.orderRejected': envelope('venue.orderRejected', 'venue', {
    ...venueOrder,
    reason: 'VENUE_INSUFFICIENT_BALANCE',
    venueMessage: 'margin is insufficient',
  }),
  'venue.orderFilled': envelope('venue.orderFilled', 'venue', {
    ...venueOrder,
    venueOrderId: '981234',
    tradeId: 'sim-42',
    price: '61234.5',
    quantity: '0.2',
    fee: '-0.003',
    liquidity: 'maker',
  }),
  'venue.orderCanceled': envelope('venue.orderCanceled', 'venue', {
    ...venueOrder,
    venueOrderId: '981234',
  }),
  'venue.orderExpired': envelope('venue.orderExpired', 'venue', {
    ...venueOrder,
    reason: 'IOC_REMAINDER',
  }),
  'venue.cancelRejected': envelope('venue.cancelRejected', 'venue', {
    ...venueOrder,
    reason: 'ORDER_NOT_OPEN',
  }),
} as const;

/** Valid params of every method, as a client would send them. */
export const validParams: Record<RpcMethodName, readonly unknown[]> = {
  'public.ping': [undefined, {}],
  'public.time': [undefined, {}],
  'public.instruments': [{}],
  'public.book': [{ symbol: 'BTC-PERP' }, { symbol: 'ETH-USDC-PERP', depth: 1000 }],
  'auth.login': [{ token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' }],
  subscribe: [
    {
      channels: [
        'orders',
        'fills',
        'positions',
        'account',
        'book.BTC-PERP',
        'trades.BTC-PERP',
        'ticker.ETH-PERP',
      ],
    },
    { channels: ['orders'], since: { orders: 0 } },
    { channels: ['orders'], since: {} },
  ],
  unsubscribe: [{ channels: ['book.BTC-PERP'] }],
  'order.place': [
    {
      clientOrderId: 'a',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      quantity: '1',
      price: '61234.5',
    },
    {
      clientOrderId: 'A_b-9'.padEnd(36, 'x'),
      symbol: 'BTC-PERP',
      side: 'sell',
      type: 'market',
      quantity: '0.001',
      timeInForce: 'ioc',
      reduceOnly: true,
      respType: 'result',
    },
    {
      clientOrderId: 'c',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      quantity: '2',
      price: '0.5',
      timeInForce: 'fok',
      postOnly: true,
    },
  ],
  'order.cancel': [
    { clientOrderId: 'my-order-1', symbol: 'BTC-PERP' },
    { orderId: 'ord_01J0000000', symbol: 'BTC-PERP' },
  ],
  'order.cancelAll': [{}, { symbol: 'BTC-PERP' }],
  'order.get': [{ clientOrderId: 'my-order-1' }, { orderId: 'ord_01J0000000' }],
  'orders.open': [{}, { symbol: 'BTC-PERP' }],
  'orders.history': [{}, { symbol: 'BTC-PERP', limit: 1, before: T0 }, { limit: 1000 }],
  'fills.list': [{}, { symbol: 'BTC-PERP', limit: 50, before: T0 }],
  'positions.list': [{}],
  'account.get': [undefined],
  'session.cancelOnDisconnect': [{ enabled: true }, { enabled: false }],
  'telegram.link': [undefined, {}],
  'admin.account.create': [{ accountId: ACCOUNT }],
  'admin.deposit': [{ accountId: ACCOUNT, amount: '10000.25' }],
  'admin.tradingState.set': [
    { scope: 'global', state: 'halted' },
    { scope: 'account', target: ACCOUNT, state: 'reducing' },
    { scope: 'symbol', target: 'BTC-PERP', state: 'active' },
  ],
};
