import type {
  CancelOrderCommand,
  PlaceLimitOrderCommand,
  PlaceMarketOrderCommand,
  Side,
  TimeInForce,
} from '../matching/index.ts';

// Short builders for test commands: one symbol, GTC unless told otherwise.

export const SYMBOL = 'BTC-PERP';

let clientOrderNumber = 0;
const nextClientOrderId = () => `c${(clientOrderNumber += 1)}`;

export interface OrderOptions {
  readonly timeInForce?: TimeInForce;
  readonly postOnly?: boolean;
  readonly clientOrderId?: string;
}

export function limit(
  accountId: string,
  side: Side,
  priceTicks: number,
  quantityLots: number,
  options: OrderOptions = {},
): PlaceLimitOrderCommand {
  return {
    kind: 'place',
    symbol: SYMBOL,
    accountId,
    clientOrderId: options.clientOrderId ?? nextClientOrderId(),
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
  side: Side,
  quantityLots: number,
  options: OrderOptions = {},
): PlaceMarketOrderCommand {
  return {
    kind: 'place',
    symbol: SYMBOL,
    accountId,
    clientOrderId: options.clientOrderId ?? nextClientOrderId(),
    side,
    orderType: 'market',
    quantityLots,
    timeInForce: options.timeInForce ?? 'ioc',
    postOnly: options.postOnly,
  };
}

export function cancel(accountId: string, venueOrderId: string): CancelOrderCommand {
  return { kind: 'cancel', symbol: SYMBOL, accountId, venueOrderId };
}
