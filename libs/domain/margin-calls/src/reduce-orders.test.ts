import { Decimal } from '@perp/decimal';
import { identifierOf } from '@perp/trading-domain';
import { describe, expect, it } from 'vitest';
import { reduceOrders } from './reduce-orders.ts';
import { BTC } from './test-support/exposures.ts';

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
