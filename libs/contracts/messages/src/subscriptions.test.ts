import { describe, expect, it } from 'vitest';
import {
  BookNotification,
  Channel,
  OrdersNotification,
  ServerNotification,
  SessionShutdownNotification,
  SubscriptionNotification,
  marketChannel,
  parseChannel,
  sessionShutdownNotification,
  subscriptionNotification,
} from './index.ts';
import * as ex from './test-support/examples.ts';

describe('channels', () => {
  it('parses private and per-symbol channel names', () => {
    expect(parseChannel('orders')).toEqual({ kind: 'orders' });
    expect(parseChannel('book.BTC-PERP')).toEqual({ kind: 'book', symbol: 'BTC-PERP' });
    expect(parseChannel('ticker.ETH-USDC-PERP')).toEqual({
      kind: 'ticker',
      symbol: 'ETH-USDC-PERP',
    });
    expect(parseChannel('book')).toBeNull();
    expect(parseChannel('orders.BTC-PERP')).toBeNull();
    expect(parseChannel('candles.BTC-PERP')).toBeNull();
    expect(marketChannel('trades', 'BTC-PERP')).toBe('trades.BTC-PERP');
    expect(Channel.safeParse(marketChannel('book', 'btc')).success).toBe(false);
  });
});

describe('subscription notifications', () => {
  const valid = [
    subscriptionNotification('orders', { snapshot: true, orders: [ex.order() as never], seq: 3 }),
    subscriptionNotification('orders', ex.executionReport() as never),
    subscriptionNotification('fills', ex.fill() as never),
    subscriptionNotification('positions', { snapshot: true, positions: [ex.position() as never] }),
    subscriptionNotification('positions', ex.position() as never),
    subscriptionNotification('account', { snapshot: true, account: ex.accountSnapshot() as never }),
    subscriptionNotification('account', ex.accountSnapshot() as never),
    subscriptionNotification('book.BTC-PERP', { snapshot: true, book: ex.bookSnapshot() as never }),
    subscriptionNotification('book.BTC-PERP', ex.bookUpdate() as never),
    subscriptionNotification('trades.BTC-PERP', ex.publicTrade() as never),
    subscriptionNotification('ticker.BTC-PERP', ex.ticker() as never),
  ];

  it.each(valid.map((n) => [n.params.channel, n]))('accepts %s', (_channel, notification) => {
    expect(SubscriptionNotification.safeParse(notification).success).toBe(true);
    expect(ServerNotification.safeParse(notification).success).toBe(true);
  });

  it('refuses data that belongs to another channel', () => {
    expect(
      SubscriptionNotification.safeParse(subscriptionNotification('fills', ex.ticker() as never))
        .success,
    ).toBe(false);
    expect(
      OrdersNotification.safeParse(subscriptionNotification('orders', ex.fill() as never)).success,
    ).toBe(false);
    // A snapshot is always wrapped: flattening it into an update is refused.
    const flattened = { snapshot: true, ...ex.bookSnapshot() };
    expect(
      BookNotification.safeParse(subscriptionNotification('book.BTC-PERP', flattened as never))
        .success,
    ).toBe(false);
  });

  it('refuses a snapshot flag other than true', () => {
    const n = subscriptionNotification('orders', { snapshot: false as true, orders: [] });
    expect(OrdersNotification.safeParse(n).success).toBe(false);
  });

  it('builds session.shutdown', () => {
    const n = sessionShutdownNotification(5000);
    expect(n).toEqual({
      jsonrpc: '2.0',
      method: 'session.shutdown',
      params: { reconnectAfterMs: 5000 },
    });
    expect(SessionShutdownNotification.safeParse(n).success).toBe(true);
    expect(ServerNotification.safeParse(n).success).toBe(true);
    expect(SessionShutdownNotification.safeParse(sessionShutdownNotification(-1)).success).toBe(
      false,
    );
  });
});
