import type { Decimal } from '@perp/decimal';
import type { InstrumentSymbol } from './identifiers.ts';
import type { Instrument } from './instrument.ts';
import {
  openOrdersInitialMargin,
  priceBand,
  referencePrice,
  type MarketContext,
  type OrderExposure,
} from './order-exposure.ts';
import type { OrderSide, OrderType } from './order-vocabulary.ts';
import { reducesPosition } from './position.ts';
import type { RiskReason } from './risk-reason.ts';
import { strictestTradingState, type ScopedTradingStates } from './trading-state.ts';
import { notionalOf } from './contract-value.ts';

/** The order being checked; an `Order` or a `NewOrder` fits. */
export interface OrderIntent {
  readonly symbol: InstrumentSymbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly price: Decimal | null;
  readonly quantity: Decimal;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
}

export interface RiskLimits {
  /** Open orders per account, all symbols. */
  readonly maxOpenOrders: number;
  /** New orders per account per second; `null` switches the check off. */
  readonly maxOrdersPerSecond: number | null;
}

/** Everything the check needs, as plain data the caller has already loaded. */
export interface PreTradeRiskInput {
  readonly order: OrderIntent;
  /** `undefined` when the symbol is not listed. */
  readonly instrument: Instrument | undefined;
  readonly tradingStates: ScopedTradingStates;
  readonly mark: Decimal;
  readonly bestBid: Decimal | null;
  readonly bestAsk: Decimal | null;
  /** The account's signed position in the order's symbol; zero when flat. */
  readonly positionQuantity: Decimal;
  /** The account's open orders on every symbol, not including this one. */
  readonly openOrders: readonly OrderExposure[];
  /** The account's available margin before this order (`computeAccountMargin`). */
  readonly availableMargin: Decimal;
  readonly limits: RiskLimits;
  /** Orders the account placed in the last second, not including this one. */
  readonly recentOrderCount: number;
}

export type RiskCheckResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: RiskReason };

const PASS: RiskCheckResult = Object.freeze({ ok: true });
const deny = (reason: RiskReason): RiskCheckResult => ({ ok: false, reason });

/**
 * Pre-trade risk: the first failing reason, in this order: instrument, trading state, tick, lot,
 * min and max quantity, max notional, price band, post-only, reduce-only, margin, open-order
 * limit, order rate. Market orders are valued at the band edge (mark x (1 +/- band)).
 */
export function checkPreTradeRisk(input: PreTradeRiskInput): RiskCheckResult {
  const { order, instrument, mark, positionQuantity } = input;
  if (instrument === undefined) return deny('UNKNOWN_SYMBOL');
  if (instrument.status === 'halted' || instrument.status === 'delisted')
    return deny('INSTRUMENT_NOT_TRADING');

  const { global, account, symbol } = input.tradingStates;
  const listing = instrument.status === 'reducing' ? 'reducing' : 'active';
  const state = strictestTradingState(global, account, symbol, listing);
  if (state === 'halted') return deny('TRADING_HALTED');
  const reduces = reducesPosition(positionQuantity, order.side, order.quantity);
  if (state === 'reducing' && !reduces) return deny('TRADING_REDUCING');

  const limitPrice = order.type === 'limit' ? order.price : null;
  if (limitPrice !== null && !limitPrice.isMultipleOf(instrument.tickSize))
    return deny('TICK_SIZE');
  if (!order.quantity.isMultipleOf(instrument.lotSize)) return deny('LOT_SIZE');
  if (order.quantity.lt(instrument.minQuantity)) return deny('MIN_QUANTITY');
  if (order.quantity.gt(instrument.maxQuantity)) return deny('MAX_QUANTITY');

  const price = referencePrice(order.side, limitPrice, mark, instrument.priceBandRate);
  if (notionalOf(instrument.contractType, order.quantity, price, 'ceil').gt(instrument.maxNotional))
    return deny('MAX_NOTIONAL');
  if (limitPrice !== null) {
    const band = priceBand(mark, instrument.priceBandRate);
    if (limitPrice.lt(band.lower) || limitPrice.gt(band.upper)) return deny('PRICE_OUT_OF_BAND');
  }
  if (
    order.postOnly &&
    limitPrice !== null &&
    wouldCross(order.side, limitPrice, input.bestBid, input.bestAsk)
  ) {
    return deny('POST_ONLY_WOULD_CROSS');
  }
  if (order.reduceOnly && !reduces) return deny('REDUCE_ONLY_WOULD_INCREASE');

  const market: MarketContext = { instrument, mark };
  const sameSymbol = input.openOrders.filter((open) => open.symbol === order.symbol);
  const before = openOrdersInitialMargin(positionQuantity, sameSymbol, market);
  const after = openOrdersInitialMargin(
    positionQuantity,
    [...sameSymbol, exposureOf(order)],
    market,
  );
  const required = after.sub(before);
  if (required.isPositive() && required.gt(input.availableMargin))
    return deny('INSUFFICIENT_MARGIN');

  if (input.openOrders.length >= input.limits.maxOpenOrders) return deny('OPEN_ORDER_LIMIT');
  const { maxOrdersPerSecond } = input.limits;
  if (maxOrdersPerSecond !== null && input.recentOrderCount >= maxOrdersPerSecond)
    return deny('ORDER_RATE_LIMIT');
  return PASS;
}

function wouldCross(
  side: OrderSide,
  price: Decimal,
  bestBid: Decimal | null,
  bestAsk: Decimal | null,
): boolean {
  return side === 'buy'
    ? bestAsk !== null && price.gte(bestAsk)
    : bestBid !== null && price.lte(bestBid);
}

function exposureOf(order: OrderIntent): OrderExposure {
  return {
    symbol: order.symbol,
    side: order.side,
    price: order.type === 'limit' ? order.price : null,
    quantity: order.quantity,
    reduceOnly: order.reduceOnly,
  };
}
