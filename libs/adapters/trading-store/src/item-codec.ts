// Domain values <-> DynamoDB items. Decimals are stored as their canonical strings (exact, and
// readable in the console); reading checks every attribute (item-fields.ts).
import { decimalTextOrNull } from '@perp/contracts';
import {
  ContractTypes,
  DEFAULT_VENUE_ROUTE,
  InstrumentStatuses,
  Liquidities,
  OrderReasons,
  OrderSides,
  OrderStatuses,
  OrderTypes,
  TimesInForce,
  isAwaitingVenue,
  isOpenStatus,
  type AccountBalance,
  type AccountId,
  type ClientOrderClaim,
  type Fill,
  type Instrument,
  type InstrumentRoute,
  type Order,
  type Position,
} from '@perp/trading-domain';
import {
  readDecimal,
  readDecimalOrNull,
  readId,
  readIdOrNull,
  readNumber,
  readNumberOrNull,
  readOneOf,
  readOneOfOrNull,
  readText,
  type Item,
} from './item-fields.ts';
import { configKeys, tradingKeys } from './keys.ts';

export type { Item } from './item-fields.ts';

export function orderToItem(order: Order, version: number): Item {
  const open = isOpenStatus(order.status);
  return {
    pk: tradingKeys.accountPk(order.accountId),
    sk: tradingKeys.orderSk(order.orderId),
    kind: 'order',
    version,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    price: decimalTextOrNull(order.price),
    postOnly: order.postOnly,
    reduceOnly: order.reduceOnly,
    quantity: order.quantity.toString(),
    filledQuantity: order.filledQuantity.toString(),
    remainingQuantity: order.remainingQuantity.toString(),
    filledNotional: order.filledNotional.toString(),
    avgFillPrice: decimalTextOrNull(order.avgFillPrice),
    status: order.status,
    venue: order.route.venue,
    venueAccount: order.route.venueAccount,
    venueOrderId: order.venueOrderId,
    acceptedAt: order.acceptedAt,
    reason: order.reason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    // The open-orders index is sparse: a closed order drops out of it by losing these.
    ...(open
      ? {
          openPk: tradingKeys.openPk(order.accountId),
          openSk: tradingKeys.openSk(order.symbol, order.orderId),
        }
      : {}),
    // Sparse too: only orders awaiting the venue's answer, for the reconciliation sweep.
    ...(isAwaitingVenue(order.status)
      ? {
          inFlightPk: tradingKeys.inFlightPk(order.accountId),
          inFlightSk: tradingKeys.inFlightSk(order.updatedAt, order.accountId, order.orderId),
        }
      : {}),
  };
}

export function itemToOrder(item: Item): Order {
  return {
    orderId: readId(item, 'orderId', 'OrderId'),
    clientOrderId: readId(item, 'clientOrderId', 'ClientOrderId'),
    accountId: readId(item, 'accountId', 'AccountId'),
    symbol: readId(item, 'symbol', 'InstrumentSymbol'),
    side: readOneOf(item, 'side', OrderSides),
    type: readOneOf(item, 'type', OrderTypes),
    timeInForce: readOneOf(item, 'timeInForce', TimesInForce),
    price: readDecimalOrNull(item, 'price'),
    postOnly: Boolean(item['postOnly']),
    reduceOnly: Boolean(item['reduceOnly']),
    quantity: readDecimal(item, 'quantity'),
    filledQuantity: readDecimal(item, 'filledQuantity'),
    remainingQuantity: readDecimal(item, 'remainingQuantity'),
    filledNotional: readDecimal(item, 'filledNotional'),
    avgFillPrice: readDecimalOrNull(item, 'avgFillPrice'),
    status: readOneOf(item, 'status', OrderStatuses),
    // Orders stored before routing existed all went to the default venue.
    route:
      item['venue'] === undefined
        ? DEFAULT_VENUE_ROUTE
        : {
            venue: readId(item, 'venue', 'VenueName'),
            venueAccount: readId(item, 'venueAccount', 'VenueAccountName'),
          },
    venueOrderId: readIdOrNull(item, 'venueOrderId', 'VenueOrderId'),
    acceptedAt: readNumberOrNull(item, 'acceptedAt'),
    reason: readOneOfOrNull(item, 'reason', OrderReasons),
    createdAt: readNumber(item, 'createdAt'),
    updatedAt: readNumber(item, 'updatedAt'),
  };
}

export function balanceToItem(balance: AccountBalance, version: number): Item {
  return {
    pk: tradingKeys.accountPk(balance.accountId),
    sk: tradingKeys.balanceSk,
    kind: 'balance',
    version,
    accountId: balance.accountId,
    collateral: balance.collateral.toString(),
    seq: balance.seq,
    createdAt: balance.createdAt,
    updatedAt: balance.updatedAt,
  };
}

export function itemToBalance(item: Item): AccountBalance {
  return {
    accountId: readId(item, 'accountId', 'AccountId'),
    collateral: readDecimal(item, 'collateral'),
    seq: readNumber(item, 'seq'),
    createdAt: readNumber(item, 'createdAt'),
    updatedAt: readNumber(item, 'updatedAt'),
  };
}

export function positionToItem(position: Position, version: number): Item {
  return {
    pk: tradingKeys.accountPk(position.accountId),
    sk: tradingKeys.positionSk(position.symbol),
    kind: 'position',
    version,
    accountId: position.accountId,
    symbol: position.symbol,
    quantity: position.quantity.toString(),
    costBasis: position.costBasis.toString(),
    realizedPnl: position.realizedPnl.toString(),
    fees: position.fees.toString(),
    // The held-positions index is sparse: a position that goes flat drops out of it.
    ...(position.quantity.isZero()
      ? {}
      : {
          heldPk: tradingKeys.heldPk(position.accountId),
          heldSk: tradingKeys.heldSk(position.accountId, position.symbol),
        }),
  };
}

export function itemToPosition(item: Item): Position {
  return {
    accountId: readId(item, 'accountId', 'AccountId'),
    symbol: readId(item, 'symbol', 'InstrumentSymbol'),
    quantity: readDecimal(item, 'quantity'),
    costBasis: readDecimal(item, 'costBasis'),
    realizedPnl: readDecimal(item, 'realizedPnl'),
    fees: readDecimal(item, 'fees'),
  };
}

export function fillToItem(fill: Fill): Item {
  return {
    pk: tradingKeys.accountPk(fill.accountId),
    sk: tradingKeys.fillSk(fill.ts, fill.tradeId),
    kind: 'fill',
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
    realizedPnl: fill.realizedPnl.toString(),
    ts: fill.ts,
  };
}

export function itemToFill(item: Item): Fill {
  return {
    accountId: readId(item, 'accountId', 'AccountId'),
    orderId: readId(item, 'orderId', 'OrderId'),
    clientOrderId: readId(item, 'clientOrderId', 'ClientOrderId'),
    symbol: readId(item, 'symbol', 'InstrumentSymbol'),
    side: readOneOf(item, 'side', OrderSides),
    tradeId: readId(item, 'tradeId', 'TradeId'),
    price: readDecimal(item, 'price'),
    quantity: readDecimal(item, 'quantity'),
    fee: readDecimal(item, 'fee'),
    liquidity: readOneOf(item, 'liquidity', Liquidities),
    realizedPnl: readDecimal(item, 'realizedPnl'),
    ts: readNumber(item, 'ts'),
  };
}

export function claimToItem(accountId: AccountId, claim: ClientOrderClaim): Item {
  return {
    pk: tradingKeys.accountPk(accountId),
    sk: tradingKeys.clientOrderSk(claim.clientOrderId),
    kind: 'client_order_claim',
    clientOrderId: claim.clientOrderId,
    orderId: claim.orderId,
    requestDigest: claim.requestDigest,
  };
}

export function itemToClaim(item: Item): ClientOrderClaim {
  return {
    clientOrderId: readId(item, 'clientOrderId', 'ClientOrderId'),
    orderId: readId(item, 'orderId', 'OrderId'),
    requestDigest: readText(item, 'requestDigest'),
  };
}

export function instrumentToItem(instrument: Instrument): Item {
  return {
    pk: configKeys.instrumentPk,
    sk: instrument.symbol,
    symbol: instrument.symbol,
    contractType: instrument.contractType,
    baseAsset: instrument.baseAsset,
    quoteAsset: instrument.quoteAsset,
    tickSize: instrument.tickSize.toString(),
    lotSize: instrument.lotSize.toString(),
    minQuantity: instrument.minQuantity.toString(),
    maxQuantity: instrument.maxQuantity.toString(),
    maxNotional: instrument.maxNotional.toString(),
    initialMarginRate: instrument.initialMarginRate.toString(),
    maintenanceMarginRate: instrument.maintenanceMarginRate.toString(),
    priceBandRate: instrument.priceBandRate.toString(),
    status: instrument.status,
  };
}

export function itemToInstrument(item: Item): Instrument {
  return {
    symbol: readId(item, 'symbol', 'InstrumentSymbol'),
    // Instruments listed before inverse ones existed are all linear.
    contractType:
      item['contractType'] === undefined
        ? 'linear'
        : readOneOf(item, 'contractType', ContractTypes),
    baseAsset: readId(item, 'baseAsset', 'AssetCode'),
    quoteAsset: readId(item, 'quoteAsset', 'AssetCode'),
    tickSize: readDecimal(item, 'tickSize'),
    lotSize: readDecimal(item, 'lotSize'),
    minQuantity: readDecimal(item, 'minQuantity'),
    maxQuantity: readDecimal(item, 'maxQuantity'),
    maxNotional: readDecimal(item, 'maxNotional'),
    initialMarginRate: readDecimal(item, 'initialMarginRate'),
    maintenanceMarginRate: readDecimal(item, 'maintenanceMarginRate'),
    priceBandRate: readDecimal(item, 'priceBandRate'),
    status: readOneOf(item, 'status', InstrumentStatuses),
  };
}

export function routeToItem(route: InstrumentRoute, updatedAt: number): Item {
  return {
    pk: configKeys.routePk,
    sk: route.symbol,
    symbol: route.symbol,
    venue: route.venue,
    venueAccount: route.venueAccount,
    updatedAt,
  };
}

export function itemToRoute(item: Item): InstrumentRoute {
  return {
    symbol: readId(item, 'symbol', 'InstrumentSymbol'),
    venue: readId(item, 'venue', 'VenueName'),
    venueAccount: readId(item, 'venueAccount', 'VenueAccountName'),
  };
}
