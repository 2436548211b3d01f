import { describe, expect, it } from 'vitest';
import {
  MarginError,
  applyFill,
  computeAccountMargin,
  flatPosition,
  openOrdersInitialMargin,
  orderExposure,
  priceBand,
  referencePrice,
  type InstrumentSymbol,
  type MarketContext,
  type OrderExposure,
  type Position,
} from './index.ts';
import {
  ALICE,
  BTC_PERP,
  ETH_PERP,
  btcInstrument,
  d,
  ethInstrument,
  orderIn,
} from './test-support/fixtures.ts';

function position(symbol: InstrumentSymbol, quantity: string, price: string): Position {
  const side = quantity.startsWith('-') ? 'sell' : 'buy';
  const size = d(quantity).abs();
  return applyFill(flatPosition(ALICE, symbol), {
    symbol,
    side,
    quantity: size,
    price: d(price),
    fee: d('0'),
  }).position;
}

const exposure = (overrides: Partial<OrderExposure>): OrderExposure => ({
  symbol: BTC_PERP,
  side: 'buy',
  price: d('60000'),
  quantity: d('1'),
  reduceOnly: false,
  ...overrides,
});

const btcMarket: MarketContext = { instrument: btcInstrument(), mark: d('60000') };
const ethMarket: MarketContext = { instrument: ethInstrument(), mark: d('3100') };
const markets = new Map([
  [BTC_PERP, btcMarket],
  [ETH_PERP, ethMarket],
]);

describe('computeAccountMargin', () => {
  // BTC: long 2 entered at 61000, mark 60000, IMR 0.1, MMR 0.05.
  // ETH: short 10 entered at 3000, mark 3100, IMR 0.05, MMR 0.025.
  const positions = [position(BTC_PERP, '2', '61000'), position(ETH_PERP, '-10', '3000')];
  const openOrders = [
    exposure({ side: 'buy', price: d('59000'), quantity: d('1') }), // adds to the long: 59000
    exposure({ side: 'sell', price: d('62000'), quantity: d('3') }), // closes 2, then 1 x 62000 short
    exposure({ symbol: ETH_PERP, side: 'buy', price: d('3000'), quantity: d('4') }), // only closes the short
    exposure({ symbol: ETH_PERP, side: 'sell', price: null, quantity: d('1') }), // market: 3100 x 0.95 = 2945
  ];

  it('computes every figure as the formulas say (hand-computed)', () => {
    const margin = computeAccountMargin({
      collateral: d('100000'),
      positions,
      openOrders,
      markets,
    });
    const text = Object.fromEntries(
      Object.entries(margin).map(([key, value]) => [key, String(value)]),
    );
    expect(text).toEqual({
      collateral: '100000',
      // BTC 2 x 60000 - 122000 = -2000; ETH 30000 - 10 x 3100 = -1000
      unrealizedPnl: '-3000',
      equity: '97000',
      // BTC 120000 x 0.1 = 12000; ETH 31000 x 0.05 = 1550
      positionInitialMargin: '13550',
      // BTC max(59000, 62000) x 0.1 = 6200; ETH max(0, 2945) x 0.05 = 147.25
      orderInitialMargin: '6347.25',
      initialMargin: '19897.25',
      // BTC 120000 x 0.05 = 6000; ETH 31000 x 0.025 = 775
      maintenanceMargin: '6775',
      availableMargin: '77102.75',
      // 6775 / 97000, rounded up at 18 digits
      marginUtilization: '0.069845360824742269',
    });
  });

  it('is all zeros for an empty account, with zero utilisation', () => {
    const margin = computeAccountMargin({
      collateral: d('0'),
      positions: [],
      openOrders: [],
      markets: new Map(),
    });
    expect(margin.equity.isZero()).toBe(true);
    expect(margin.availableMargin.isZero()).toBe(true);
    expect(margin.marginUtilization).toEqual(d('0'));
  });

  it('ignores flat positions and needs no mark for them', () => {
    const flat = flatPosition(ALICE, ETH_PERP);
    const margin = computeAccountMargin({
      collateral: d('10'),
      positions: [flat],
      openOrders: [],
      markets: new Map(),
    });
    expect(margin.equity.toString()).toBe('10');
  });

  it('reports infinite utilisation when losses eat all equity', () => {
    const margin = computeAccountMargin({
      collateral: d('1000'),
      positions: [position(BTC_PERP, '1', '61000')],
      openOrders: [],
      markets: new Map([[BTC_PERP, btcMarket]]),
    });
    expect(margin.equity.toString()).toBe('0');
    expect(margin.marginUtilization).toBe('infinite');
    expect(margin.availableMargin.toString()).toBe('-6000');
  });

  it('throws MARGIN_MISSING_MARKET for a symbol without mark', () => {
    const call = () =>
      computeAccountMargin({
        collateral: d('1'),
        positions: [],
        openOrders: [exposure({})],
        markets: new Map(),
      });
    expect(call).toThrow(MarginError);
    expect(call).toThrowError(
      expect.objectContaining({ code: 'MARGIN_MISSING_MARKET', symbol: 'BTC-PERP' }),
    );
  });
});

describe('openOrdersInitialMargin', () => {
  it('charges the larger side, not both', () => {
    const orders = [
      exposure({ side: 'buy', quantity: d('1') }),
      exposure({ side: 'sell', quantity: d('2') }),
    ];
    expect(openOrdersInitialMargin(d('0'), orders, btcMarket).toString()).toBe('12000');
  });

  it('charges nothing for reduce-only orders', () => {
    const orders = [exposure({ side: 'sell', quantity: d('5'), reduceOnly: true })];
    expect(openOrdersInitialMargin(d('5'), orders, btcMarket).toString()).toBe('0');
  });

  it('counts the cheapest orders as the closing ones, whatever their order', () => {
    const a = exposure({ side: 'sell', price: d('61000'), quantity: d('1') });
    const b = exposure({ side: 'sell', price: d('65000'), quantity: d('1') });
    // long 1: one lot of sells closes it; the 65000 order is charged: 6500
    expect(openOrdersInitialMargin(d('1'), [a, b], btcMarket).toString()).toBe('6500');
    expect(openOrdersInitialMargin(d('1'), [b, a], btcMarket).toString()).toBe('6500');
    // partial closing inside one order: long 1.5 leaves 0.5 of the 65000 order
    expect(openOrdersInitialMargin(d('1.5'), [a, b], btcMarket).toString()).toBe('3250');
  });

  it('values market orders at the band edge', () => {
    const buy = exposure({ side: 'buy', price: null, quantity: d('1') });
    expect(openOrdersInitialMargin(d('0'), [buy], btcMarket).toString()).toBe('6300');
  });
});

describe('priceBand and referencePrice', () => {
  it('spans mark x (1 -/+ band)', () => {
    const band = priceBand(d('60000'), d('0.05'));
    expect([band.lower.toString(), band.upper.toString()]).toEqual(['57000', '63000']);
  });

  it('widens outward when the band needs more than 18 digits', () => {
    const band = priceBand(d('0.000000000000000003'), d('0.5'));
    expect([band.lower.toString(), band.upper.toString()]).toEqual([
      '0.000000000000000001',
      '0.000000000000000005',
    ]);
  });

  it('uses the limit price, else the worst edge of the band', () => {
    expect(referencePrice('buy', d('1'), d('100'), d('0.1')).toString()).toBe('1');
    expect(referencePrice('buy', null, d('100'), d('0.1')).toString()).toBe('110');
    expect(referencePrice('sell', null, d('100'), d('0.1')).toString()).toBe('90');
  });

  it('derives an exposure from an order: what remains of it', () => {
    const order = orderIn('partially_filled');
    expect(orderExposure(order)).toEqual({
      symbol: order.symbol,
      side: 'buy',
      price: d('60000'),
      quantity: d('0.75'),
      reduceOnly: false,
    });
  });
});
