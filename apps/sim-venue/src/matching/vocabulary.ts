// The engine's vocabulary. Identifiers are plain strings: the engine is fed ids the caller already
// validated (accounts, client order ids, symbols) and mints venue order and trade ids itself.

export type AccountId = string;
export type ClientOrderId = string;
export type VenueOrderId = string;
export type TradeId = string;
/** An instrument symbol such as `BTC-PERP`. */
export type InstrumentSymbol = string;

export type Side = 'buy' | 'sell';
export type OrderType = 'limit' | 'market';
/** Good till canceled, immediate or cancel, fill or kill. */
export type TimeInForce = 'gtc' | 'ioc' | 'fok';
/** Whether an order's side of a trade rested on the book (maker) or took liquidity (taker). */
export type Liquidity = 'maker' | 'taker';

/**
 * A price as a whole number of ticks (price = ticks × tickSize), a safe integer >= 1. Numbers, not
 * bigint: exact up to 2^53 and allocation-free; see instrument-scale.ts for the conversion.
 */
export type PriceTicks = number;
/** A quantity as a whole number of lots (quantity = lots × lotSize), a safe integer >= 1. */
export type QuantityLots = number;
