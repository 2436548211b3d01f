// The engine's identifiers and order vocabulary are the platform's (libs/domain/trading): it is
// fed ids the caller already validated (accounts, our order ids, symbols) and mints venue order
// and trade ids itself. `orderId` is OUR order id, which the venue knows as its client order id.
export type {
  AccountId,
  InstrumentSymbol,
  Liquidity,
  OrderId,
  OrderSide,
  OrderType,
  TimeInForce,
  TradeId,
  VenueOrderId,
} from '@perp/trading-domain';

/**
 * A price as a whole number of ticks (price = ticks × tickSize), a safe integer >= 1. Numbers, not
 * bigint: exact up to 2^53 and allocation-free; see instrument-scale.ts for the conversion.
 */
export type PriceTicks = number;
/** A quantity as a whole number of lots (quantity = lots × lotSize), a safe integer >= 1. */
export type QuantityLots = number;
