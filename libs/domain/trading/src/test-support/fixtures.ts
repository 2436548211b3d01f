import { Decimal } from '@perp/decimal';
import {
  DEFAULT_VENUE_ROUTE,
  applyOrderEvent,
  createOrder,
  defineInstrument,
  parseAccountId,
  parseAssetCode,
  parseClientOrderId,
  parseInstrumentSymbol,
  parseOrderId,
  parseTradeId,
  parseVenueOrderId,
  unwrap,
  type AccountId,
  type FillEvent,
  type Instrument,
  type InstrumentSymbol,
  type NewOrder,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type TradeId,
} from '../index.ts';

export const d = (text: string): Decimal => Decimal.parse(text);

export const BTC_PERP: InstrumentSymbol = unwrap(parseInstrumentSymbol('BTC-PERP'));
export const ETH_PERP: InstrumentSymbol = unwrap(parseInstrumentSymbol('ETH-PERP'));
export const ALICE: AccountId = unwrap(parseAccountId('alice'));
export const BOB: AccountId = unwrap(parseAccountId('bob'));

export const tradeId = (n: number | string): TradeId => unwrap(parseTradeId(`t-${n}`));

/** BTC-PERP: tick 0.5, lot 0.001, 10x initial (IMR 0.1), MMR 0.05, band 5 %. */
export function btcInstrument(overrides: Partial<Instrument> = {}): Instrument {
  return defineInstrument({
    symbol: BTC_PERP,
    baseAsset: unwrap(parseAssetCode('BTC')),
    quoteAsset: unwrap(parseAssetCode('USD')),
    tickSize: d('0.5'),
    lotSize: d('0.001'),
    minQuantity: d('0.001'),
    maxQuantity: d('100'),
    maxNotional: d('5000000'),
    initialMarginRate: d('0.1'),
    maintenanceMarginRate: d('0.05'),
    priceBandRate: d('0.05'),
    status: 'trading',
    ...overrides,
  });
}

export function ethInstrument(): Instrument {
  return defineInstrument({
    ...btcInstrument(),
    symbol: ETH_PERP,
    baseAsset: unwrap(parseAssetCode('ETH')),
    tickSize: d('0.01'),
    lotSize: d('0.01'),
    minQuantity: d('0.01'),
    maxQuantity: d('1000'),
    initialMarginRate: d('0.05'),
    maintenanceMarginRate: d('0.025'),
  });
}

export function newOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    orderId: unwrap(parseOrderId('ord-1')),
    clientOrderId: unwrap(parseClientOrderId('client-1')),
    accountId: ALICE,
    symbol: BTC_PERP,
    side: 'buy',
    type: 'limit',
    timeInForce: 'gtc',
    price: d('60000'),
    quantity: d('1'),
    postOnly: false,
    reduceOnly: false,
    route: DEFAULT_VENUE_ROUTE,
    createdAt: 1_000,
    ...overrides,
  };
}

export const accept = (ts = 2_000): OrderEvent => ({
  type: 'accept',
  venueOrderId: unwrap(parseVenueOrderId('venue-1')),
  ts,
});

export function fill(
  quantity: string,
  price = '60000',
  ts = 3_000,
  id: number | string = ts,
): FillEvent {
  return {
    type: 'fill',
    tradeId: tradeId(id),
    quantity: d(quantity),
    price: d(price),
    fee: d('0.5'),
    liquidity: 'taker',
    ts,
  };
}

/** One example of every event, for iterating the table. */
export const sampleEvents: Readonly<Record<OrderEvent['type'], OrderEvent>> = {
  accept: accept(),
  deny: { type: 'deny', reason: 'INSUFFICIENT_MARGIN', ts: 2_000 },
  reject: { type: 'reject', reason: 'VENUE_REJECTED', ts: 2_000 },
  fill: fill('0.4'),
  request_cancel: { type: 'request_cancel', ts: 2_000 },
  cancel: { type: 'cancel', reason: 'USER_CANCELED', ts: 2_000 },
  cancel_reject: { type: 'cancel_reject', reason: 'VENUE_CANCEL_REJECTED', ts: 2_000 },
  expire: { type: 'expire', reason: 'IOC_REMAINDER', ts: 2_000 },
};

/** Events that bring a fresh order (quantity 1) into each status. */
const PATHS: Record<OrderStatus, readonly OrderEvent[]> = {
  submitted: [],
  accepted: [accept()],
  partially_filled: [accept(), fill('0.25', '60000', 2_500)],
  filled: [accept(), fill('1', '60000', 2_500)],
  pending_cancel: [accept(), { type: 'request_cancel', ts: 2_500 }],
  canceled: [accept(), { type: 'cancel', reason: 'USER_CANCELED', ts: 2_500 }],
  denied: [{ type: 'deny', reason: 'TICK_SIZE', ts: 1_500 }],
  rejected: [{ type: 'reject', reason: 'VENUE_REJECTED', ts: 1_500 }],
  expired: [accept(), { type: 'expire', reason: 'IOC_REMAINDER', ts: 2_500 }],
};

export function orderIn(status: OrderStatus, overrides: Partial<NewOrder> = {}): Order {
  return replay(createOrder(newOrder(overrides)), PATHS[status]);
}

export function replay(order: Order, events: readonly OrderEvent[]): Order {
  return events.reduce((current, event) => applyOrderEvent(current, event).order, order);
}
