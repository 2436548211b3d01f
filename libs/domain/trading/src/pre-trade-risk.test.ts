import { describe, expect, it } from 'vitest';
import {
  RiskReasons,
  checkPreTradeRisk,
  type Instrument,
  type OrderExposure,
  type OrderIntent,
  type PreTradeRiskInput,
  type RiskReason,
} from './index.ts';
import { BTC_PERP, ETH_PERP, btcInstrument, d } from './test-support/fixtures.ts';

// Mark 60000, band 5 % -> limit prices in [57000, 63000]; IMR 0.1 -> 1 BTC at 60000 holds 6000.
const order = (overrides: Partial<OrderIntent> = {}): OrderIntent => ({
  symbol: BTC_PERP,
  side: 'buy',
  type: 'limit',
  price: d('60000'),
  quantity: d('1'),
  postOnly: false,
  reduceOnly: false,
  ...overrides,
});

const openOrder = (overrides: Partial<OrderExposure> = {}): OrderExposure => ({
  symbol: BTC_PERP,
  side: 'buy',
  price: d('60000'),
  quantity: d('1'),
  reduceOnly: false,
  ...overrides,
});

function input(
  overrides: Partial<PreTradeRiskInput> = {},
  instrument: Partial<Instrument> = {},
): PreTradeRiskInput {
  return {
    order: order(),
    instrument: btcInstrument(instrument),
    tradingStates: { global: 'active', account: 'active', symbol: 'active' },
    mark: d('60000'),
    bestBid: d('59999.5'),
    bestAsk: d('60000.5'),
    positionQuantity: d('0'),
    openOrders: [],
    availableMargin: d('10000'),
    limits: { maxOpenOrders: 200, maxOrdersPerSecond: 20 },
    recentOrderCount: 0,
    ...overrides,
  };
}

const reasonOf = (value: PreTradeRiskInput): RiskReason | 'ok' => {
  const result = checkPreTradeRisk(value);
  return result.ok ? 'ok' : result.reason;
};

describe('checkPreTradeRisk', () => {
  it('passes a plain order', () => {
    expect(checkPreTradeRisk(input())).toEqual({ ok: true });
  });

  it('passes a market order within every limit', () => {
    expect(reasonOf(input({ order: order({ type: 'market', price: null, side: 'sell' }) }))).toBe(
      'ok',
    );
  });

  const denied: readonly (readonly [RiskReason, string, PreTradeRiskInput])[] = [
    ['UNKNOWN_SYMBOL', 'no instrument', input({ instrument: undefined })],
    ['INSTRUMENT_NOT_TRADING', 'instrument halted', input({}, { status: 'halted' })],
    ['INSTRUMENT_NOT_TRADING', 'instrument delisted', input({}, { status: 'delisted' })],
    [
      'TRADING_HALTED',
      'global halt',
      input({ tradingStates: { global: 'halted', account: 'active', symbol: 'active' } }),
    ],
    [
      'TRADING_HALTED',
      'account halt',
      input({ tradingStates: { global: 'active', account: 'halted', symbol: 'active' } }),
    ],
    [
      'TRADING_HALTED',
      'symbol halt',
      input({ tradingStates: { global: 'active', account: 'active', symbol: 'halted' } }),
    ],
    [
      'TRADING_HALTED',
      'halt beats reducing, even for a reducing order',
      input({
        tradingStates: { global: 'reducing', account: 'halted', symbol: 'active' },
        positionQuantity: d('-2'),
      }),
    ],
    [
      'TRADING_REDUCING',
      'reducing account, flat',
      input({ tradingStates: { global: 'active', account: 'reducing', symbol: 'active' } }),
    ],
    [
      'TRADING_REDUCING',
      'reducing globally, order adds to the long',
      input({
        tradingStates: { global: 'reducing', account: 'active', symbol: 'active' },
        positionQuantity: d('1'),
      }),
    ],
    [
      'TRADING_REDUCING',
      'reducing symbol, order would flip the short',
      input({
        tradingStates: { global: 'active', account: 'active', symbol: 'reducing' },
        positionQuantity: d('-0.5'),
      }),
    ],
    ['TRADING_REDUCING', 'instrument winding down', input({}, { status: 'reducing' })],
    ['TICK_SIZE', 'price off the 0.5 tick', input({ order: order({ price: d('60000.25') }) })],
    ['LOT_SIZE', 'quantity off the 0.001 lot', input({ order: order({ quantity: d('1.0005') }) })],
    [
      'MIN_QUANTITY',
      'below the minimum',
      input({ order: order({ quantity: d('0.005') }) }, { minQuantity: d('0.01') }),
    ],
    ['MAX_QUANTITY', 'above the maximum', input({ order: order({ quantity: d('100.001') }) })],
    ['MAX_NOTIONAL', 'limit notional 60000 > 59999.5', input({}, { maxNotional: d('59999.5') })],
    [
      'MAX_NOTIONAL',
      'market buy valued at the upper band 63000',
      input({ order: order({ type: 'market', price: null }) }, { maxNotional: d('62999') }),
    ],
    [
      'PRICE_OUT_OF_BAND',
      'buy above mark + 5 %',
      input({ order: order({ price: d('63000.5') }), availableMargin: d('100000') }),
    ],
    [
      'PRICE_OUT_OF_BAND',
      'sell below mark - 5 %',
      input({ order: order({ side: 'sell', price: d('56999.5') }) }),
    ],
    [
      'POST_ONLY_WOULD_CROSS',
      'post-only buy at the best ask',
      input({ order: order({ postOnly: true, price: d('60000.5') }) }),
    ],
    [
      'POST_ONLY_WOULD_CROSS',
      'post-only sell through the bid',
      input({ order: order({ postOnly: true, side: 'sell', price: d('59000') }) }),
    ],
    [
      'REDUCE_ONLY_WOULD_INCREASE',
      'reduce-only while flat',
      input({ order: order({ reduceOnly: true }) }),
    ],
    [
      'REDUCE_ONLY_WOULD_INCREASE',
      'reduce-only buy on a long',
      input({ order: order({ reduceOnly: true }), positionQuantity: d('2') }),
    ],
    [
      'REDUCE_ONLY_WOULD_INCREASE',
      'reduce-only sell larger than the long (would flip)',
      input({
        order: order({ reduceOnly: true, side: 'sell', quantity: d('2.001') }),
        positionQuantity: d('2'),
      }),
    ],
    ['INSUFFICIENT_MARGIN', 'needs 6000, has 5999.99', input({ availableMargin: d('5999.99') })],
    ['INSUFFICIENT_MARGIN', 'negative available margin', input({ availableMargin: d('-1') })],
    [
      'INSUFFICIENT_MARGIN',
      'market buy margin at the upper band: 6300 > 6299',
      input({ order: order({ type: 'market', price: null }), availableMargin: d('6299') }),
    ],
    [
      'INSUFFICIENT_MARGIN',
      'a sell larger than the long holds margin for the flipped part',
      input({
        order: order({ side: 'sell', quantity: d('3') }),
        positionQuantity: d('1'),
        availableMargin: d('11999'),
      }),
    ],
    [
      'OPEN_ORDER_LIMIT',
      'already at 2 open orders (any symbol)',
      input({
        openOrders: [
          openOrder({ symbol: ETH_PERP }),
          openOrder({ symbol: ETH_PERP, side: 'sell' }),
        ],
        limits: { maxOpenOrders: 2, maxOrdersPerSecond: null },
      }),
    ],
    ['ORDER_RATE_LIMIT', '20 orders in the last second', input({ recentOrderCount: 20 })],
  ];

  it.each(denied)('denies %s: %s', (reason, _, value) => {
    expect(checkPreTradeRisk(value)).toEqual({ ok: false, reason });
  });

  it('has a denial case for every reason', () => {
    expect(new Set(denied.map(([reason]) => reason))).toEqual(new Set(RiskReasons));
  });

  it.each([
    ['the upper band edge 63000', input({ order: order({ price: d('63000') }) })],
    ['the lower band edge 57000', input({ order: order({ side: 'sell', price: d('57000') }) })],
    ['notional exactly at the maximum', input({}, { maxNotional: d('60000') })],
    [
      'the maximum quantity',
      input(
        { order: order({ quantity: d('100') }), availableMargin: d('600000') },
        { maxNotional: d('6000000') },
      ),
    ],
    ['the minimum quantity', input({ order: order({ quantity: d('0.001') }) })],
    [
      'post-only just inside the spread',
      input({ order: order({ postOnly: true, price: d('60000') }) }),
    ],
    [
      'post-only sell just above the bid',
      input({ order: order({ postOnly: true, side: 'sell', price: d('60000') }) }),
    ],
    [
      'post-only against an empty book',
      input({ order: order({ postOnly: true }), bestBid: null, bestAsk: null }),
    ],
    ['margin exactly sufficient', input({ availableMargin: d('6000') })],
    [
      'a reduce-only sell that closes the long exactly, with no margin left',
      input({
        order: order({ reduceOnly: true, side: 'sell', quantity: d('2') }),
        positionQuantity: d('2'),
        availableMargin: d('-500'),
      }),
    ],
    [
      'a plain buy that only reduces a short, with no margin left',
      input({ positionQuantity: d('-1'), availableMargin: d('0') }),
    ],
    [
      'a sell against an open buy of the same size (the worse side does not grow)',
      input({ order: order({ side: 'sell' }), openOrders: [openOrder()], availableMargin: d('0') }),
    ],
    [
      'a sell that flips a long of 1 by 2, with 12000 available',
      input({
        order: order({ side: 'sell', quantity: d('3') }),
        positionQuantity: d('1'),
        availableMargin: d('12000'),
      }),
    ],
    [
      'reducing state and an order that reduces',
      input({
        tradingStates: { global: 'reducing', account: 'reducing', symbol: 'reducing' },
        positionQuantity: d('-1'),
      }),
    ],
    [
      'one below the open-order limit',
      input({
        openOrders: [openOrder({ symbol: ETH_PERP })],
        limits: { maxOpenOrders: 2, maxOrdersPerSecond: 20 },
      }),
    ],
    ['19 orders in the last second', input({ recentOrderCount: 19 })],
    [
      'no rate limit configured',
      input({ recentOrderCount: 10_000, limits: { maxOpenOrders: 200, maxOrdersPerSecond: null } }),
    ],
  ])('passes %s', (_, value) => {
    expect(reasonOf(value)).toBe('ok');
  });

  it('returns the first failing reason in the documented order', () => {
    const everythingWrong = input(
      {
        order: order({
          price: d('70000.25'),
          quantity: d('0.0001'),
          postOnly: true,
          reduceOnly: true,
        }),
        availableMargin: d('-1'),
        recentOrderCount: 1_000,
      },
      { minQuantity: d('0.01') },
    );
    expect(reasonOf(everythingWrong)).toBe('TICK_SIZE');
    expect(
      reasonOf({ ...everythingWrong, order: order({ price: d('70000'), quantity: d('0.0001') }) }),
    ).toBe('LOT_SIZE');
    expect(
      reasonOf({ ...everythingWrong, order: order({ price: d('70000'), quantity: d('0.001') }) }),
    ).toBe('MIN_QUANTITY');
    expect(reasonOf({ ...everythingWrong, order: order({ price: d('70000') }) })).toBe(
      'PRICE_OUT_OF_BAND',
    );
    expect(reasonOf({ ...everythingWrong, order: order({ reduceOnly: true }) })).toBe(
      'REDUCE_ONLY_WOULD_INCREASE',
    );
    expect(reasonOf({ ...everythingWrong, order: order() })).toBe('INSUFFICIENT_MARGIN');
  });

  it('ignores open orders of other symbols for margin but counts them for the limit', () => {
    const others = [openOrder({ symbol: ETH_PERP, quantity: d('1000') })];
    expect(reasonOf(input({ openOrders: others, availableMargin: d('6000') }))).toBe('ok');
  });
});
