import type {
  Fill as WireFill,
  Instrument as WireInstrument,
  InstrumentStatus as WireInstrumentStatus,
  Order as WireOrder,
  OrderReason,
  Position as WirePosition,
} from '@perp/contracts';
import type { Decimal } from '@perp/decimal';
import {
  entryPrice,
  strictestTradingState,
  unrealizedPnl,
  type Instrument,
  type Order,
  type Position,
  type TradingState,
} from '@perp/trading-domain';
import type { FillRecord } from '@perp/trading-store';

// Domain values as the contract puts them on the wire: decimals as their exact strings.

const decimalOrNull = (value: Decimal | null): string | null =>
  value === null ? null : value.toString();

/**
 * `seq`: the store keeps no per-order sequence number, so an order carries the account's last
 * report seq read before the order itself: every report up to it is reflected in the order (a
 * client merging with the live stream re-applies at most a few reports, which carry absolute
 * state). The contract's minimum is 1, so an account with no report yet shows 1.
 */
export function wireOrder(order: Order, seq: number): WireOrder {
  return {
    accountId: order.accountId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    price: decimalOrNull(order.price),
    quantity: order.quantity.toString(),
    filledQuantity: order.filledQuantity.toString(),
    remainingQuantity: order.remainingQuantity.toString(),
    avgFillPrice: decimalOrNull(order.avgFillPrice),
    status: order.status,
    postOnly: order.postOnly,
    reduceOnly: order.reduceOnly,
    reason: order.reason as OrderReason | null,
    seq: Math.max(1, seq),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

export function wireFill(fill: FillRecord): WireFill {
  return {
    accountId: fill.accountId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    tradeId: fill.tradeId,
    price: fill.price.toString(),
    quantity: fill.quantity.toString(),
    fee: fill.fee.toString(),
    liquidity: fill.liquidity,
    ts: fill.ts,
  };
}

export function wirePosition(position: Position, mark: Decimal, ts: number): WirePosition {
  return {
    accountId: position.accountId,
    symbol: position.symbol,
    quantity: position.quantity.toString(),
    entryPrice: decimalOrNull(entryPrice(position)),
    markPrice: mark.toString(),
    unrealizedPnl: unrealizedPnl(position, mark).toString(),
    realizedPnl: position.realizedPnl.toString(),
    ts,
  };
}

const STATUS_OF_STATE: Readonly<Record<TradingState, WireInstrumentStatus>> = {
  active: 'trading',
  reducing: 'reducing',
  halted: 'halted',
};

/**
 * The instrument's effective symbol-level status: its listing status, made stricter by an
 * operator's symbol trading state (`trading` is the wire word for `active`).
 */
export function wireInstrument(instrument: Instrument, symbolState: TradingState): WireInstrument {
  let status: WireInstrumentStatus = instrument.status;
  if (status !== 'delisted') {
    const listing: TradingState = status === 'trading' ? 'active' : status;
    status = STATUS_OF_STATE[strictestTradingState(listing, symbolState)];
  }
  return {
    symbol: instrument.symbol,
    baseAsset: instrument.baseAsset,
    quoteAsset: instrument.quoteAsset,
    tickSize: instrument.tickSize.toString(),
    lotSize: instrument.lotSize.toString(),
    minQuantity: instrument.minQuantity.toString(),
    maxQuantity: instrument.maxQuantity.toString(),
    maxNotional: instrument.maxNotional.toString(),
    initialMarginRate: instrument.initialMarginRate.toString(),
    maintenanceMarginRate: instrument.maintenanceMarginRate.toString(),
    status,
  };
}
