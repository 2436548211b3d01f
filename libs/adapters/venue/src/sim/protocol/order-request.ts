import {
  AccountId,
  InstrumentSymbol,
  OrderId,
  OrderSide,
  OrderType,
  TimeInForce,
} from '@perp/contracts';
import { z } from 'zod';

// The sim-venue's REST request bodies. Only the shape is checked here: a request the venue can
// identify (account, order id) but refuses on its content (unknown symbol, tick or lot size, a
// price that is no decimal) is answered 202 and rejected on the event stream, as an exchange would.

/** Longest decimal string the venue reads; longer ones are malformed, not merely invalid. */
const DECIMAL_TEXT_MAX = 64;

/** POST /v1/orders. `orderId` is OUR order id: the venue's client order id. */
export const SimOrderRequest = z.object({
  accountId: AccountId,
  orderId: OrderId,
  symbol: InstrumentSymbol,
  side: OrderSide,
  type: OrderType,
  timeInForce: TimeInForce,
  /** Null for a market order. */
  price: z.string().max(DECIMAL_TEXT_MAX).nullable(),
  quantity: z.string().max(DECIMAL_TEXT_MAX),
  postOnly: z.boolean(),
  /** Recorded and reported; the sim venue keeps no positions, so the OMS enforces it. */
  reduceOnly: z.boolean(),
});
export type SimOrderRequest = z.infer<typeof SimOrderRequest>;
/** The JSON body a client sends: ids as plain text, before the venue checks their grammar. */
export type SimOrderRequestBody = z.input<typeof SimOrderRequest>;

/** Path of DELETE and GET /v1/orders/:accountId/:orderId. */
export const SimOrderPath = z.object({ accountId: AccountId, orderId: OrderId });
export type SimOrderPath = z.infer<typeof SimOrderPath>;

/** DELETE's optional `?symbol=`: names the book in the cancel_rejected event of an unknown order. */
export const SimCancelQuery = z.object({ symbol: InstrumentSymbol.optional() });
export type SimCancelQuery = z.infer<typeof SimCancelQuery>;

/** The most fills one GET /v1/fills answers. */
export const SIM_FILLS_PAGE_MAX = 1000;

/** GET /v1/fills' query: fills at or after `since` (ms), oldest first, at most `limit`. */
export const SimFillsQuery = z.object({
  since: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(SIM_FILLS_PAGE_MAX).default(500),
});
export type SimFillsQuery = z.infer<typeof SimFillsQuery>;
