// Domain values <-> DynamoDB items. Decimals are stored as their canonical strings (exact, and
// readable in the console); identifiers are trusted here because only this adapter writes them.
import { Decimal } from '@perp/decimal';
import {
  isOpenStatus,
  type AccountId,
  type ClientOrderId,
  type CommandId,
  type Instrument,
  type InstrumentSymbol,
  type Order,
  type OrderId,
  type Position,
  type TradeId,
  type VenueOrderId,
} from '@perp/trading-domain';
import { configKeys, tradingKeys } from './keys.ts';
import type { AccountBalance, ClientOrderClaim, CommandRecord, FillRecord } from './records.ts';

export type Item = Record<string, unknown>;

const dec = (value: unknown): Decimal => Decimal.parse(String(value));
const decOrNull = (value: unknown): Decimal | null =>
  value === null || value === undefined ? null : dec(value);
const str = (value: unknown): string => String(value);
const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const num = (value: unknown): number => Number(value);

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
    price: order.price?.toString() ?? null,
    postOnly: order.postOnly,
    reduceOnly: order.reduceOnly,
    quantity: order.quantity.toString(),
    filledQuantity: order.filledQuantity.toString(),
    remainingQuantity: order.remainingQuantity.toString(),
    filledNotional: order.filledNotional.toString(),
    avgFillPrice: order.avgFillPrice?.toString() ?? null,
    status: order.status,
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
  };
}

export function itemToOrder(item: Item): Order {
  return {
    orderId: str(item['orderId']) as OrderId,
    clientOrderId: str(item['clientOrderId']) as ClientOrderId,
    accountId: str(item['accountId']) as AccountId,
    symbol: str(item['symbol']) as InstrumentSymbol,
    side: str(item['side']) as Order['side'],
    type: str(item['type']) as Order['type'],
    timeInForce: str(item['timeInForce']) as Order['timeInForce'],
    price: decOrNull(item['price']),
    postOnly: Boolean(item['postOnly']),
    reduceOnly: Boolean(item['reduceOnly']),
    quantity: dec(item['quantity']),
    filledQuantity: dec(item['filledQuantity']),
    remainingQuantity: dec(item['remainingQuantity']),
    filledNotional: dec(item['filledNotional']),
    avgFillPrice: decOrNull(item['avgFillPrice']),
    status: str(item['status']) as Order['status'],
    venueOrderId: strOrNull(item['venueOrderId']) as VenueOrderId | null,
    acceptedAt:
      item['acceptedAt'] === null || item['acceptedAt'] === undefined
        ? null
        : num(item['acceptedAt']),
    reason: strOrNull(item['reason']),
    createdAt: num(item['createdAt']),
    updatedAt: num(item['updatedAt']),
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
    accountId: str(item['accountId']) as AccountId,
    collateral: dec(item['collateral']),
    seq: num(item['seq']),
    createdAt: num(item['createdAt']),
    updatedAt: num(item['updatedAt']),
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
  };
}

export function itemToPosition(item: Item): Position {
  return {
    accountId: str(item['accountId']) as AccountId,
    symbol: str(item['symbol']) as InstrumentSymbol,
    quantity: dec(item['quantity']),
    costBasis: dec(item['costBasis']),
    realizedPnl: dec(item['realizedPnl']),
    fees: dec(item['fees']),
  };
}

export function fillToItem(fill: FillRecord): Item {
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

export function itemToFill(item: Item): FillRecord {
  return {
    accountId: str(item['accountId']) as AccountId,
    orderId: str(item['orderId']) as OrderId,
    clientOrderId: str(item['clientOrderId']) as ClientOrderId,
    symbol: str(item['symbol']) as InstrumentSymbol,
    side: str(item['side']) as FillRecord['side'],
    tradeId: str(item['tradeId']) as TradeId,
    price: dec(item['price']),
    quantity: dec(item['quantity']),
    fee: dec(item['fee']),
    liquidity: str(item['liquidity']) as FillRecord['liquidity'],
    realizedPnl: dec(item['realizedPnl']),
    ts: num(item['ts']),
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
    clientOrderId: str(item['clientOrderId']) as ClientOrderId,
    orderId: str(item['orderId']) as OrderId,
    requestDigest: str(item['requestDigest']),
  };
}

export function commandToItem(record: CommandRecord, expiresAt: number): Item {
  return {
    pk: tradingKeys.accountPk(record.accountId),
    sk: tradingKeys.commandSk(record.commandId),
    kind: 'command',
    commandId: record.commandId,
    accountId: record.accountId,
    commandType: record.commandType,
    reports: JSON.stringify(record.reports),
    processedAt: record.processedAt,
    expiresAt,
  };
}

export function itemToCommand(item: Item): CommandRecord {
  return {
    commandId: str(item['commandId']) as CommandId,
    accountId: str(item['accountId']) as AccountId,
    commandType: str(item['commandType']),
    reports: JSON.parse(str(item['reports'])) as unknown[],
    processedAt: num(item['processedAt']),
  };
}

export function instrumentToItem(instrument: Instrument): Item {
  return {
    pk: configKeys.instrumentPk,
    sk: instrument.symbol,
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
    priceBandRate: instrument.priceBandRate.toString(),
    status: instrument.status,
  };
}

export function itemToInstrument(item: Item): Instrument {
  return {
    symbol: str(item['symbol']) as Instrument['symbol'],
    baseAsset: str(item['baseAsset']) as Instrument['baseAsset'],
    quoteAsset: str(item['quoteAsset']) as Instrument['quoteAsset'],
    tickSize: dec(item['tickSize']),
    lotSize: dec(item['lotSize']),
    minQuantity: dec(item['minQuantity']),
    maxQuantity: dec(item['maxQuantity']),
    maxNotional: dec(item['maxNotional']),
    initialMarginRate: dec(item['initialMarginRate']),
    maintenanceMarginRate: dec(item['maintenanceMarginRate']),
    priceBandRate: dec(item['priceBandRate']),
    status: str(item['status']) as Instrument['status'],
  };
}
