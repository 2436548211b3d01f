import { Decimal } from '@perp/decimal';
import type { AccountId, InstrumentSymbol, OrderId } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import type { VenueOrderRequest } from '../venue-client.ts';
import { orderIdOfCloid } from './cloid.ts';
import { l1ActionHash, signL1Action } from './l1-signing.ts';
import { cancelByCloidAction, orderAction } from './order-actions.ts';

const d = Decimal.parse;
const ETH = { asset: 1, coin: 'ETH', szDecimals: 4, market: 'perp' } as const;
const orderId = '1795000000123-abcdefghij' as OrderId;
const limit: VenueOrderRequest = {
  accountId: 'alice' as AccountId,
  orderId,
  symbol: 'ETH-PERP' as InstrumentSymbol,
  side: 'buy',
  type: 'limit',
  timeInForce: 'gtc',
  price: d('100'),
  quantity: d('100'),
  postOnly: false,
  reduceOnly: false,
};

describe('orderAction', () => {
  it("builds the SDK's order wire, in its field order, with our cloid", () => {
    const result = orderAction(limit, ETH);
    if (!result.ok) throw new Error(result.message);
    expect(orderIdOfCloid(result.cloid)).toBe(orderId);
    expect(JSON.stringify(result.action)).toBe(
      `{"type":"order","orders":[{"a":1,"b":true,"p":"100","s":"100","r":false,"t":{"limit":{"tif":"Gtc"}},"c":"${result.cloid}"}],"grouping":"na"}`,
    );
  });

  it('signs, with the cloid of the vector, what the SDK signs', () => {
    const result = orderAction(limit, ETH);
    if (!result.ok) throw new Error(result.message);
    const orders = result.action['orders'] as Record<string, unknown>[];
    const action = {
      ...result.action,
      orders: [{ ...orders[0], c: '0x00000000000000000000000000000001' }],
    };
    expect(
      signL1Action(
        '0x0123456789012345678901234567890123456789012345678901234567890123',
        { action, nonce: 0 },
        'mainnet',
      ).r,
    ).toBe('0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3');
  });

  it('maps time in force, post-only and reduce-only', () => {
    const tifOf = (request: Partial<VenueOrderRequest>) => {
      const result = orderAction({ ...limit, ...request }, ETH, d('101.23456'));
      if (!result.ok) return result.message;
      const [order] = result.action['orders'] as {
        t: { limit: { tif: string } };
        r: boolean;
        p: string;
      }[];
      return `${order?.t.limit.tif}${order?.r ? '+reduce' : ''}@${order?.p}`;
    };
    expect(tifOf({})).toBe('Gtc@100');
    expect(tifOf({ timeInForce: 'ioc' })).toBe('Ioc@100');
    expect(tifOf({ postOnly: true })).toBe('Alo@100');
    expect(tifOf({ reduceOnly: true, timeInForce: 'ioc' })).toBe('Ioc+reduce@100');
    // A market buy is an IOC at the bound, rounded up into the rules (2 decimals for szDecimals 4).
    expect(tifOf({ type: 'market', price: null, timeInForce: 'ioc' })).toBe('Ioc@101.24');
    expect(tifOf({ type: 'market', side: 'sell', price: null, timeInForce: 'ioc' })).toBe(
      'Ioc@101.23',
    );
  });

  it("refuses what the venue would refuse, in the venue's words, before signing", () => {
    const refused = (request: Partial<VenueOrderRequest>, bound?: Decimal) => {
      const result = orderAction({ ...limit, ...request }, ETH, bound);
      return result.ok ? 'ok' : result.message;
    };
    expect(refused({ timeInForce: 'fok' })).toMatch(/no fill-or-kill/);
    expect(refused({ postOnly: true, timeInForce: 'ioc' })).toMatch(/post-only needs GTC/);
    expect(refused({ price: d('1.234') })).toMatch(/2 decimals/);
    expect(refused({ price: d('1670.12') })).toMatch(/1 decimals/);
    expect(refused({ price: d('12345.6') })).toMatch(/significant figures/);
    expect(refused({ quantity: d('0.00001') })).toMatch(/4 decimals/);
    expect(refused({ type: 'market', price: null })).toMatch(/price bound/);
    expect(refused({ price: null })).toMatch(/needs a price/);
  });
});

describe('cancelByCloidAction', () => {
  it('cancels by the cloid of our order id, asset before cloid', () => {
    const action = cancelByCloidAction(limit, ETH);
    expect(Object.keys((action['cancels'] as object[])[0] ?? {})).toEqual(['asset', 'cloid']);
    const [cancel] = action['cancels'] as { cloid: string }[];
    expect(orderIdOfCloid(cancel?.cloid ?? '')).toBe(orderId);
    expect(l1ActionHash({ action, nonce: 1 })).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
