import { Decimal } from '@perp/decimal';
import { identifierOf } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { reduceOrders } from './reduce-orders.ts';
import { BTC, BTC_INV } from './test-support/exposures.ts';

const d = Decimal.parse;
const btc = identifierOf('InstrumentSymbol', 'BTC-PERP');
const instrument = { ...BTC, tickSize: d('0.5') };
const close = (side: 'buy' | 'sell', quantity: string) => ({
  symbol: btc,
  side,
  quantity: d(quantity),
  notional: d('0'),
});
const text = (orders: ReturnType<typeof reduceOrders>) =>
  orders.map((o) => `${o.side} ${o.quantity.toString()} @ ${o.price.toString()}`);

describe('reduceOrders', () => {
  it('prices a sell nine tenths of the band under the mark, a buy as far over, on the tick', () => {
    expect(text(reduceOrders(close('sell', '0.334'), instrument, d('60000')))).toEqual([
      'sell 0.334 @ 57300',
    ]);
    expect(text(reduceOrders(close('buy', '0.334'), instrument, d('60000.3')))).toEqual([
      'buy 0.334 @ 62700',
    ]);
    // 61 234.5 x 0.955 = 58 478.9475, up to the tick: 58 479 (inside the band's 58 172.775).
    expect(text(reduceOrders(close('sell', '1'), instrument, d('61234.5')))).toEqual([
      'sell 1 @ 58479',
    ]);
  });

  it('splits by the maximum quantity and notional; a remainder under the minimum borrows', () => {
    const capped = { ...instrument, maxQuantity: d('1'), maxNotional: d('80000') };
    // 80 000 / 57 300 = 1.396…: the quantity cap (1) binds.
    expect(text(reduceOrders(close('sell', '2.5'), capped, d('60000')))).toEqual([
      'sell 1 @ 57300',
      'sell 1 @ 57300',
      'sell 0.5 @ 57300',
    ]);
    const byNotional = { ...instrument, maxNotional: d('40000') };
    // 40 000 / 57 300 = 0.698…
    expect(text(reduceOrders(close('sell', '1'), byNotional, d('60000')))).toEqual([
      'sell 0.698 @ 57300',
      'sell 0.302 @ 57300',
    ]);
    const minimum = { ...capped, minQuantity: d('0.1') };
    expect(text(reduceOrders(close('sell', '2.05'), minimum, d('60000')))).toEqual([
      'sell 1 @ 57300',
      'sell 0.95 @ 57300',
      'sell 0.1 @ 57300',
    ]);
  });
});

describe('reduceOrders for an inverse instrument', () => {
  const inv = identifierOf('InstrumentSymbol', 'BTCUSD-INV');
  const closeInverse = (side: 'buy' | 'sell', quantity: string) => ({
    symbol: inv,
    side,
    quantity: d(quantity),
    notional: d(quantity),
  });

  it('checks the maximum notional on the contracts themselves, not contracts x price', () => {
    const capped = { ...BTC_INV, maxNotional: d('100000') };
    // 100 000 contracts are 100 000 USD at any price: the cap is 100 000 contracts an order (at
    // 57 300 as a linear quantity it would be 100 000 / 57 300 = 1 contract).
    expect(text(reduceOrders(closeInverse('sell', '250000'), capped, d('60000')))).toEqual([
      'sell 100000 @ 57300',
      'sell 100000 @ 57300',
      'sell 50000 @ 57300',
    ]);
    expect(text(reduceOrders(closeInverse('buy', '250000'), capped, d('60000')))).toEqual([
      'buy 100000 @ 62700',
      'buy 100000 @ 62700',
      'buy 50000 @ 62700',
    ]);
    // The same caps on a linear instrument: 100 000 / 57 300 = 1.745… BTC an order.
    const linear = { ...instrument, maxNotional: d('100000') };
    expect(text(reduceOrders(close('sell', '2'), linear, d('60000')))).toEqual([
      'sell 1.745 @ 57300',
      'sell 0.255 @ 57300',
    ]);
  });

  it('under the caps sends one order; the maximum quantity still binds', () => {
    // 200 contracts under 5 000 000 USD and 1 000 000 contracts: one order (linear-style
    // 5 000 000 / 57 300 = 87 would split it).
    expect(text(reduceOrders(closeInverse('sell', '200'), BTC_INV, d('60000')))).toEqual([
      'sell 200 @ 57300',
    ]);
    const capped = { ...BTC_INV, maxQuantity: d('60000'), maxNotional: d('80000') };
    expect(text(reduceOrders(closeInverse('sell', '130000'), capped, d('60000')))).toEqual([
      'sell 60000 @ 57300',
      'sell 60000 @ 57300',
      'sell 10000 @ 57300',
    ]);
  });
});
