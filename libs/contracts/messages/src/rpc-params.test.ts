import { describe, expect, it } from 'vitest';
import {
  RPC_METHOD_NAMES,
  RpcErrorCode,
  RpcMethods,
  isRpcMethod,
  rolesAllow,
  validateParams,
  type RpcMethodName,
} from './index.ts';
import { ACCOUNT, T0, validParams } from './test-support/examples.ts';

const order = {
  clientOrderId: 'my-order-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  quantity: '1',
  price: '100',
};

/** [method, params, expected data.field, expected data.reason (substring)] */
const invalid: ReadonlyArray<readonly [RpcMethodName, unknown, string, string]> = [
  ['public.ping', { extra: 1 }, 'extra', 'is not a known field'],
  ['public.ping', [], 'params', 'must be an object'],
  ['public.time', { ts: 1 }, 'ts', 'is not a known field'],
  ['public.instruments', { symbol: 'BTC-PERP' }, 'symbol', 'is not a known field'],
  ['public.book', {}, 'symbol', 'is required'],
  ['public.book', { symbol: 'btc-perp' }, 'symbol', 'must be a symbol such as "BTC-PERP"'],
  ['public.book', { symbol: 'BTCPERP' }, 'symbol', 'must be a symbol'],
  ['public.book', { symbol: 'BTC-PERP', depth: 0 }, 'depth', 'must be at least 1'],
  ['public.book', { symbol: 'BTC-PERP', depth: 1001 }, 'depth', 'must be at most 1000'],
  ['public.book', { symbol: 'BTC-PERP', depth: 2.5 }, 'depth', 'must be an integer'],
  ['public.book', { symbol: 'BTC-PERP', depth: '10' }, 'depth', 'must be a number'],
  ['auth.login', {}, 'token', 'is required'],
  ['auth.login', { token: 'not a jwt' }, 'token', 'must be a JWT'],
  ['auth.login', { token: 42 }, 'token', 'must be a string'],
  ['subscribe', {}, 'channels', 'is required'],
  ['subscribe', { channels: [] }, 'channels', 'must have at least 1 item'],
  ['subscribe', { channels: 'orders' }, 'channels', 'must be an array'],
  ['subscribe', { channels: ['orders', 'candles.BTC-PERP'] }, 'channels.1', 'must be a channel'],
  ['subscribe', { channels: ['book.btc'] }, 'channels.0', 'must be a channel'],
  [
    'subscribe',
    { channels: Array.from({ length: 51 }, () => 'orders') },
    'channels',
    'must have at most 50 items',
  ],
  [
    'subscribe',
    { channels: ['orders'], since: { orders: -1 } },
    'since.orders',
    'must be at least 0',
  ],
  [
    'subscribe',
    { channels: ['orders'], since: { orders: 1.5 } },
    'since.orders',
    'must be an integer sequence number',
  ],
  [
    'subscribe',
    { channels: ['orders'], since: { fills: 1 } },
    'since.fills',
    'is not a known field',
  ],
  [
    'subscribe',
    { channels: ['fills'], since: { orders: 3 } },
    'since.orders',
    'needs the orders channel',
  ],
  ['unsubscribe', { channels: [] }, 'channels', 'must have at least 1 item'],
  ['unsubscribe', { channels: ['orders'], all: true }, 'all', 'is not a known field'],
  ['order.place', { ...order, price: undefined }, 'price', 'is required'],
  ['order.place', { ...order, type: 'market' }, 'price', 'is not allowed for market orders'],
  ['order.place', { ...order, type: 'stop' }, 'type', 'must be one of "limit", "market"'],
  ['order.place', { ...order, type: undefined }, 'type', 'must be one of "limit", "market"'],
  ['order.place', { ...order, clientOrderId: '' }, 'clientOrderId', 'must be 1 to 36 characters'],
  [
    'order.place',
    { ...order, clientOrderId: 'x'.repeat(37) },
    'clientOrderId',
    'must be 1 to 36 characters',
  ],
  [
    'order.place',
    { ...order, clientOrderId: 'has space' },
    'clientOrderId',
    'must be 1 to 36 characters',
  ],
  [
    'order.place',
    { ...order, clientOrderId: 'émoji' },
    'clientOrderId',
    'must be 1 to 36 characters',
  ],
  ['order.place', { ...order, clientOrderId: 123 }, 'clientOrderId', 'must be 1 to 36 characters'],
  ['order.place', { ...order, clientOrderId: undefined }, 'clientOrderId', 'is required'],
  ['order.place', { ...order, quantity: '1e3' }, 'quantity', 'must be a positive decimal string'],
  ['order.place', { ...order, quantity: 1 }, 'quantity', 'must be a positive decimal string'],
  ['order.place', { ...order, quantity: '0' }, 'quantity', 'must be a positive decimal string'],
  ['order.place', { ...order, quantity: '-1' }, 'quantity', 'must be a positive decimal string'],
  ['order.place', { ...order, price: '+100' }, 'price', 'must be a positive decimal string'],
  ['order.place', { ...order, price: '0100' }, 'price', 'must be a positive decimal string'],
  ['order.place', { ...order, price: '100.' }, 'price', 'must be a positive decimal string'],
  ['order.place', { ...order, price: '.5' }, 'price', 'must be a positive decimal string'],
  [
    'order.place',
    { ...order, price: '1'.repeat(21) },
    'price',
    'must be a positive decimal string',
  ],
  ['order.place', { ...order, price: 'NaN' }, 'price', 'must be a positive decimal string'],
  ['order.place', { ...order, price: 61234.5 }, 'price', 'must be a positive decimal string'],
  ['order.place', { ...order, side: 'long' }, 'side', 'must be one of "buy", "sell"'],
  [
    'order.place',
    { ...order, timeInForce: 'day' },
    'timeInForce',
    'must be one of "gtc", "ioc", "fok"',
  ],
  ['order.place', { ...order, postOnly: 'true' }, 'postOnly', 'must be a boolean'],
  ['order.place', { ...order, reduceOnly: 1 }, 'reduceOnly', 'must be a boolean'],
  ['order.place', { ...order, respType: 'full' }, 'respType', 'must be one of "ack", "result"'],
  ['order.place', { ...order, leverage: 10 }, 'leverage', 'is not a known field'],
  ['order.place', { ...order, symbol: 'BTC/USD' }, 'symbol', 'must be a symbol'],
  ['order.cancel', { symbol: 'BTC-PERP' }, 'clientOrderId', 'is required (or orderId)'],
  [
    'order.cancel',
    { clientOrderId: 'a', orderId: 'b', symbol: 'BTC-PERP' },
    'orderId',
    'must not be given together',
  ],
  ['order.cancel', { clientOrderId: 'a' }, 'symbol', 'is required'],
  [
    'order.cancel',
    { orderId: 'bad id', symbol: 'BTC-PERP' },
    'orderId',
    'must be 1 to 64 characters',
  ],
  ['order.cancelAll', { symbol: 5 }, 'symbol', 'must be a symbol'],
  ['order.cancelAll', { all: true }, 'all', 'is not a known field'],
  ['order.get', {}, 'clientOrderId', 'is required (or orderId)'],
  ['order.get', { clientOrderId: 'a', symbol: 'BTC-PERP' }, 'symbol', 'is not a known field'],
  ['orders.open', { limit: 5 }, 'limit', 'is not a known field'],
  ['orders.history', { limit: 0 }, 'limit', 'must be at least 1'],
  ['orders.history', { limit: 1001 }, 'limit', 'must be at most 1000'],
  ['orders.history', { limit: '10' }, 'limit', 'must be a number'],
  ['orders.history', { before: '2024-06-10T00:00:00Z' }, 'before', 'must be an integer timestamp'],
  ['orders.history', { before: T0 + 0.5 }, 'before', 'must be an integer timestamp'],
  ['orders.history', { before: -1 }, 'before', 'must be an integer timestamp'],
  ['fills.list', { limit: 5000 }, 'limit', 'must be at most 1000'],
  ['fills.list', { symbol: '' }, 'symbol', 'must be a symbol'],
  ['positions.list', { symbol: 'BTC-PERP' }, 'symbol', 'is not a known field'],
  ['account.get', { accountId: ACCOUNT }, 'accountId', 'is not a known field'],
  ['session.cancelOnDisconnect', {}, 'enabled', 'is required'],
  ['session.cancelOnDisconnect', { enabled: 'yes' }, 'enabled', 'must be a boolean'],
  ['telegram.link', { accountId: ACCOUNT }, 'accountId', 'is not a known field'],
  ['admin.account.create', {}, 'accountId', 'is required'],
  [
    'admin.account.create',
    { accountId: 'a'.repeat(65) },
    'accountId',
    'must be 1 to 64 characters',
  ],
  [
    'admin.deposit',
    { accountId: ACCOUNT, amount: '0' },
    'amount',
    'must be a positive decimal string',
  ],
  [
    'admin.deposit',
    { accountId: ACCOUNT, amount: '-5' },
    'amount',
    'must be a positive decimal string',
  ],
  [
    'admin.deposit',
    { accountId: ACCOUNT, amount: '1e3' },
    'amount',
    'must be a positive decimal string',
  ],
  ['admin.deposit', { accountId: ACCOUNT }, 'amount', 'is required'],
  [
    'admin.tradingState.set',
    { scope: 'global', target: 'x', state: 'halted' },
    'target',
    'is not allowed for scope global',
  ],
  ['admin.tradingState.set', { scope: 'symbol', state: 'halted' }, 'target', 'is required'],
  [
    'admin.tradingState.set',
    { scope: 'symbol', target: 'btc', state: 'halted' },
    'target',
    'must be a symbol',
  ],
  [
    'admin.tradingState.set',
    { scope: 'venue', state: 'halted' },
    'scope',
    'must be one of "global", "account", "symbol"',
  ],
  [
    'admin.tradingState.set',
    { scope: 'global', state: 'paused' },
    'state',
    'must be one of "active", "halted", "reducing"',
  ],
];

describe('method registry', () => {
  it('has every method of ws-api.md, each with params, result and an auth level', () => {
    expect([...RPC_METHOD_NAMES].sort()).toEqual(
      [
        'public.ping',
        'public.time',
        'public.instruments',
        'public.book',
        'auth.login',
        'subscribe',
        'unsubscribe',
        'order.place',
        'order.cancel',
        'order.cancelAll',
        'order.get',
        'orders.open',
        'orders.history',
        'fills.list',
        'positions.list',
        'account.get',
        'session.cancelOnDisconnect',
        'telegram.link',
        'admin.account.create',
        'admin.deposit',
        'admin.tradingState.set',
      ].sort(),
    );
    expect(isRpcMethod('order.place')).toBe(true);
    expect(isRpcMethod('toString')).toBe(false);
    expect(isRpcMethod('order.amend')).toBe(false);
  });

  it('only public.* and auth.login work without authentication', () => {
    const publicMethods = RPC_METHOD_NAMES.filter((m) => RpcMethods[m].auth === 'public');
    expect(publicMethods.sort()).toEqual([
      'auth.login',
      'public.book',
      'public.instruments',
      'public.ping',
      'public.time',
    ]);
  });

  it('maps roles to levels: viewers read, traders trade, operators administer', () => {
    expect(rolesAllow('read', ['viewer'])).toBe(true);
    expect(rolesAllow('trade', ['viewer'])).toBe(false);
    expect(rolesAllow('trade', ['trader'])).toBe(true);
    expect(rolesAllow('admin', ['trader'])).toBe(false);
    expect(rolesAllow('admin', ['operator'])).toBe(true);
    expect(rolesAllow('public', [])).toBe(true);
    expect(RpcMethods['order.place'].auth).toBe('trade');
    expect(RpcMethods['admin.deposit'].auth).toBe('admin');
    expect(RpcMethods['orders.history'].auth).toBe('read');
  });
});

describe('validateParams: valid params', () => {
  for (const method of RPC_METHOD_NAMES) {
    it(`accepts valid ${method} params`, () => {
      const examples = validParams[method];
      expect(examples.length).toBeGreaterThan(0);
      for (const params of examples) {
        const result = validateParams(method, params);
        expect(result.ok ? 'ok' : result.error.message).toBe('ok');
      }
    });
  }

  it('applies the order.place defaults', () => {
    const result = validateParams('order.place', order);
    expect(result).toEqual({
      ok: true,
      params: { ...order, timeInForce: 'gtc', postOnly: false, reduceOnly: false, respType: 'ack' },
    });
  });
});

describe('validateParams: invalid params', () => {
  it.each(invalid)('%s %j → %s', (method, params, field, reason) => {
    const result = validateParams(method, params);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(RpcErrorCode.InvalidParams);
    expect(result.error.data.field).toBe(field);
    expect(result.error.data.reason).toContain(reason);
    expect(result.error.message).toBe(`Invalid params: ${field} ${result.error.data.reason}`);
  });

  it('covers every method with at least one invalid example', () => {
    const covered = new Set(invalid.map(([method]) => method));
    expect(RPC_METHOD_NAMES.filter((m) => !covered.has(m))).toEqual([]);
  });
});
