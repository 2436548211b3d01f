import type {
  AccountId,
  OrderId,
  InstrumentSymbol,
  PriceTicks,
  QuantityLots,
  OrderSide,
  TimeInForce,
  VenueOrderId,
} from './vocabulary.ts';

interface PlaceOrderBase {
  readonly kind: 'place';
  readonly symbol: InstrumentSymbol;
  readonly accountId: AccountId;
  readonly orderId: OrderId;
  readonly side: OrderSide;
  readonly quantityLots: QuantityLots;
  /** A market order never rests: `gtc` behaves like `ioc`. */
  readonly timeInForce: TimeInForce;
  /** Rejected instead of trading if it would cross; GTC limit orders only. */
  readonly postOnly?: boolean;
}

export interface PlaceLimitOrderCommand extends PlaceOrderBase {
  readonly orderType: 'limit';
  readonly priceTicks: PriceTicks;
}

export interface PlaceMarketOrderCommand extends PlaceOrderBase {
  readonly orderType: 'market';
}

export type PlaceOrderCommand = PlaceLimitOrderCommand | PlaceMarketOrderCommand;

export interface CancelOrderCommand {
  readonly kind: 'cancel';
  readonly symbol: InstrumentSymbol;
  /** Only the owner may cancel; anyone else is told the order is unknown. */
  readonly accountId: AccountId;
  readonly venueOrderId: VenueOrderId;
}

export type MatchingCommand = PlaceOrderCommand | CancelOrderCommand;
