import { describe, expect, it } from 'vitest';
import { OrderPlacePayload } from './order-commands.ts';
import { orderRequestDigest } from './order-request-digest.ts';

const base = OrderPlacePayload.parse({
  clientOrderId: 'c-1',
  symbol: 'BTC-PERP',
  side: 'buy',
  type: 'limit',
  price: '60000',
  quantity: '0.5',
  timeInForce: 'gtc',
  postOnly: false,
  reduceOnly: false,
});

describe('orderRequestDigest', () => {
  it('is the same for the same request', () => {
    expect(orderRequestDigest({ ...base })).toBe(orderRequestDigest(base));
  });
  it.each([
    ['price', { price: '60000.5' }],
    ['quantity', { quantity: '0.4' }],
    ['side', { side: 'sell' as const }],
    ['timeInForce', { timeInForce: 'ioc' as const }],
    ['postOnly', { postOnly: true }],
    ['reduceOnly', { reduceOnly: true }],
    ['symbol', { symbol: 'ETH-PERP' }],
  ])('changes with %s', (_field, change) => {
    const changed = OrderPlacePayload.parse({ ...base, ...change });
    expect(orderRequestDigest(changed)).not.toBe(orderRequestDigest(base));
  });
});
