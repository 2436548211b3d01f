import { describe, expect, it } from 'vitest';
import {
  InvalidInstrumentError,
  applyFill,
  computeAccountMargin,
  defineInstrument,
  entryPrice,
  flatPosition,
  notionalOf,
  unrealizedPnl,
  type OrderSide,
  type Position,
} from './index.ts';
import { ALICE, BTC_PERP, btcInstrument, d } from './test-support/fixtures.ts';

// An inverse contract is one USD of BTC: the position holds quantity / price of BTC (its cost
// basis), and PnL is what that BTC is worth back in USD. Figures worked by hand:
//   buy 100 @ 50000 -> basis 0.002 BTC, entry 50000
//   buy 100 @ 40000 -> basis 0.0045 BTC, entry 200 / 0.0045 = 44444.44… (the harmonic mean)
//   at mark 45000    -> unrealised 0.0045 x 45000 - 200 = 2.5
//   sell 50 @ 60000  -> removes 0.0045 x 50/200 = 0.001125 BTC, realises 0.001125 x 60000 - 50 = 17.5
//   sell 200 @ 50000 -> closes 150 (0.003375 BTC: 168.75 - 150 = 18.75), opens 50 short (0.001 BTC)
//   at mark 40000    -> the short gains 50 - 0.001 x 40000 = 10

const fill = (side: OrderSide, quantity: string, price: string) => ({
  symbol: BTC_PERP,
  side,
  quantity: d(quantity),
  price: d(price),
  fee: d('0'),
});

describe('an inverse position', () => {
  it('holds the base asset it bought, entered at the harmonic mean, valued back in USD', () => {
    let position: Position = flatPosition(ALICE, BTC_PERP);
    const step = (side: OrderSide, quantity: string, price: string) => {
      const change = applyFill(position, fill(side, quantity, price), 'inverse');
      position = change.position;
      return change.realizedPnl.toString();
    };
    expect(step('buy', '100', '50000')).toBe('0');
    expect(position.costBasis.toString()).toBe('0.002');
    expect(entryPrice(position, 'inverse')?.toString()).toBe('50000');
    expect(step('buy', '100', '40000')).toBe('0');
    expect(position.costBasis.toString()).toBe('0.0045');
    expect(entryPrice(position, 'inverse')?.toString()).toBe('44444.444444444444444444');
    expect(unrealizedPnl(position, d('45000'), 'inverse').toString()).toBe('2.5');
    expect(step('sell', '50', '60000')).toBe('17.5');
    expect(position.quantity.toString()).toBe('150');
    expect(position.costBasis.toString()).toBe('0.003375');
    expect(step('sell', '200', '50000')).toBe('18.75');
    expect(position.quantity.toString()).toBe('-50');
    expect(position.costBasis.toString()).toBe('0.001');
    expect(entryPrice(position, 'inverse')?.toString()).toBe('50000');
    expect(unrealizedPnl(position, d('40000'), 'inverse').toString()).toBe('10');
    expect(position.realizedPnl.toString()).toBe('36.25');
  });

  it('the same fills read as linear give other figures: the contract type matters', () => {
    const linear = applyFill(flatPosition(ALICE, BTC_PERP), fill('buy', '100', '50000'));
    expect(linear.position.costBasis.toString()).toBe('5000000');
    expect(unrealizedPnl(linear.position, d('45000')).toString()).toBe('-500000');
  });

  it('has a notional of its quantity whatever the price, and margins on it', () => {
    const instrument = defineInstrument({
      ...btcInstrument(),
      contractType: 'inverse',
      tickSize: d('0.5'),
      lotSize: d('1'),
      minQuantity: d('1'),
      maxQuantity: d('1000000'),
    });
    expect(notionalOf('inverse', d('100'), d('61234.5'), 'ceil').toString()).toBe('100');
    const { position } = applyFill(
      flatPosition(ALICE, BTC_PERP),
      fill('buy', '1000', '50000'),
      'inverse',
    );
    const margin = computeAccountMargin({
      collateral: d('500'),
      positions: [position],
      openOrders: [
        { symbol: BTC_PERP, side: 'buy', price: d('49000'), quantity: d('500'), reduceOnly: false },
      ],
      markets: new Map([[BTC_PERP, { instrument, mark: d('40000') }]]),
    });
    // 1000 contracts at IMR 0.1 and MMR 0.05, the open 500 at IMR 0.1; the long lost
    // 1000 - 0.02 x 40000 = 200.
    expect(margin.positionInitialMargin.toString()).toBe('100');
    expect(margin.maintenanceMargin.toString()).toBe('50');
    expect(margin.orderInitialMargin.toString()).toBe('50');
    expect(margin.unrealizedPnl.toString()).toBe('-200');
    expect(margin.equity.toString()).toBe('300');
  });

  it('trades in whole contracts', () => {
    expect(() =>
      defineInstrument({
        ...btcInstrument(),
        contractType: 'inverse',
        lotSize: d('0.5'),
        minQuantity: d('1'),
        maxQuantity: d('10'),
      }),
    ).toThrow(InvalidInstrumentError);
    expect(btcInstrument().contractType).toBe('linear');
  });
});
