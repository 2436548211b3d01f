import { identifierOf } from '@perp/trading-domain';
import type {
  CancelOrderCommand,
  PlaceLimitOrderCommand,
  PlaceMarketOrderCommand,
  OrderSide,
  TimeInForce,
} from '../matching/index.ts';

// Short builders for test commands: one symbol, GTC unless told otherwise.

export const SYMBOL = identifierOf('InstrumentSymbol', 'BTC-PERP');

/** A symbol from its text, for tests about other instruments. */
export const symbol = (text: string) => identifierOf('InstrumentSymbol', text);

let clientOrderNumber = 0;
const nextOrderId = () => `c${(clientOrderNumber += 1)}`;
const account = (text: string) => identifierOf('AccountId', text);
const order = (text: string) => identifierOf('OrderId', text);

export interface OrderOptions {
  readonly timeInForce?: TimeInForce;
  readonly postOnly?: boolean;
  readonly orderId?: string;
}

export function limit(
  accountId: string,
  side: OrderSide,
  priceTicks: number,
  quantityLots: number,
  options: OrderOptions = {},
): PlaceLimitOrderCommand {
  return {
    kind: 'place',
    symbol: SYMBOL,
    accountId: account(accountId),
    orderId: order(options.orderId ?? nextOrderId()),
    side,
    orderType: 'limit',
    priceTicks,
    quantityLots,
    timeInForce: options.timeInForce ?? 'gtc',
    postOnly: options.postOnly,
  };
}

export function market(
  accountId: string,
  side: OrderSide,
  quantityLots: number,
  options: OrderOptions = {},
): PlaceMarketOrderCommand {
  return {
    kind: 'place',
    symbol: SYMBOL,
    accountId: account(accountId),
    orderId: order(options.orderId ?? nextOrderId()),
    side,
    orderType: 'market',
    quantityLots,
    timeInForce: options.timeInForce ?? 'ioc',
    postOnly: options.postOnly,
  };
}

export function cancel(accountId: string, venueOrderId: string): CancelOrderCommand {
  return {
    kind: 'cancel',
    symbol: SYMBOL,
    accountId: account(accountId),
    venueOrderId: identifierOf('VenueOrderId', venueOrderId),
  };
}
