/**
 * Why the pre-trade risk check denied an order (the `reason` of a `denied` report). The first
 * twelve are ws-api.md's list; the last three are additions the wire contracts carry too:
 * `TRADING_REDUCING` (a reducing trading state and the order would not reduce the position),
 * `ORDER_RATE_LIMIT` (too many orders from the account in the last second) and `UNKNOWN_SYMBOL`.
 */
export const RiskReasons = [
  'INSUFFICIENT_MARGIN',
  'PRICE_OUT_OF_BAND',
  'TICK_SIZE',
  'LOT_SIZE',
  'MIN_QUANTITY',
  'MAX_QUANTITY',
  'MAX_NOTIONAL',
  'POST_ONLY_WOULD_CROSS',
  'REDUCE_ONLY_WOULD_INCREASE',
  'TRADING_HALTED',
  'INSTRUMENT_NOT_TRADING',
  'OPEN_ORDER_LIMIT',
  'TRADING_REDUCING',
  'ORDER_RATE_LIMIT',
  'UNKNOWN_SYMBOL',
] as const;
export type RiskReason = (typeof RiskReasons)[number];
