// Why an order was refused or ended. The names follow the platform's reason vocabulary
// (libs/contracts/messages order-reason.ts) so the venue connector can pass them through.

/** The order was refused before it existed on the venue: no venue order id. */
export type RejectReason =
  | 'UNKNOWN_SYMBOL'
  | 'INVALID_QUANTITY'
  | 'INVALID_PRICE'
  /** Post-only is only meaningful for a GTC limit order. */
  | 'INVALID_POST_ONLY'
  | 'POST_ONLY_WOULD_CROSS'
  /** Resting it would take the level's aggregated quantity beyond 2^53 lots. */
  | 'LEVEL_QUANTITY_OVERFLOW';

/** Who or what removed a live order (event `canceled`). */
export type CancelReason = 'USER_CANCELED' | 'SELF_TRADE_PREVENTION';

/** Why an order ended with quantity left because of its own terms (event `expired`). */
export type ExpireReason = 'IOC_REMAINDER' | 'FOK_NOT_FILLABLE' | 'MARKET_NO_LIQUIDITY';

/** Why a cancel request failed; an order of another account is reported as unknown too. */
export type CancelRejectReason = 'UNKNOWN_ORDER';
