import { describe, expect, it } from 'vitest';
import { accountView, notificationLine, ordersTable, rpcErrorLine, table } from './format.ts';

describe('format', () => {
  it('aligns table columns, numbers to the right, values as given', () => {
    expect(
      table(
        [
          { a: 'x', n: '0.010' },
          { a: 'longer', n: '59000.5' },
        ],
        [
          { key: 'a', header: 'A' },
          { key: 'n', header: 'N', right: true },
        ],
        'none',
      ),
    ).toBe('A             N\nx         0.010\nlonger  59000.5');
    expect(ordersTable([])).toBe('no open orders');
  });

  it('prints the account as key/value lines, nulls as -', () => {
    expect(
      accountView({ accountId: 'alice', collateral: '100000.00' }).split('\n').slice(0, 3),
    ).toEqual(['accountId          alice', 'collateral         100000.00', 'equity             -']);
  });

  it('prints a notification on one line', () => {
    expect(
      notificationLine('subscription', {
        channel: 'orders',
        data: {
          seq: 3,
          status: 'partially_filled',
          execType: 'trade',
          symbol: 'BTC-PERP',
          side: 'buy',
          type: 'limit',
          price: '59000',
          quantity: '0.01',
          filledQuantity: '0.004',
          lastFillQuantity: '0.004',
          lastFillPrice: '58999.5',
          reason: null,
          orderId: 'o1',
          clientOrderId: 'c1',
        },
      }),
    ).toBe(
      'orders      partially_filled (trade)  BTC-PERP buy limit  0.01 @ 59000  filled 0.004  last 0.004 @ 58999.5  orderId=o1  clientOrderId=c1  seq=3',
    );
    expect(
      notificationLine('subscription', {
        channel: 'book.BTC-PERP',
        data: { snapshot: true, book: { seq: 9, bids: [['59999.5', '1.2']], asks: [] } },
      }),
    ).toBe('book.BTC-PERP  snapshot: seq=9  bids 1.2@59999.5  asks -');
    expect(notificationLine('session.shutdown', { reconnectAfterMs: 1500 })).toBe(
      'session.shutdown  {"reconnectAfterMs":1500}',
    );
  });

  it('prints an RPC error with its data', () => {
    expect(rpcErrorLine(10005, 'Unknown order', undefined)).toBe('error 10005: Unknown order');
    expect(rpcErrorLine(-32602, 'Invalid params', { field: 'price' })).toBe(
      'error -32602: Invalid params {"field":"price"}',
    );
  });
});
