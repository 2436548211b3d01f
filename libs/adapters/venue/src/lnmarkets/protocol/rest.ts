// LN Markets v3 REST answers (cross margin), as the official TypeScript and Python SDKs type them
// (ln-markets/sdk-typescript src/rest/v3/types.ts, lnmarkets_sdk v3/models/futures_cross.py).
// Read with parseWireJson: every JSON number arrives as the text of its digits. Times are ISO
// strings. Only the fields the adapter reads are required; the venue adds fields over time.

import { z } from 'zod';

/** A JSON number's digits (no exponent: an amount written 1e-7 is not one the venue documents). */
export const WireNumber = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal number');

const IsoTime = z.string().refine((text) => Number.isFinite(Date.parse(text)), 'an ISO time');

/** Every error: a 4xx/5xx with this body (the Python SDK's APIError); `code` is unpublished. */
export const LnMarketsErrorBody = z.object({
  message: z.string(),
  code: z.string().optional(),
});

/** A cross order: POST /futures/cross/order and /order/cancel, each of the order listings. */
export const LnMarketsOrder = z.object({
  id: z.string().min(1),
  type: z.enum(['limit', 'market', 'liquidation']),
  side: z.enum(['buy', 'sell']),
  price: WireNumber,
  /** USD contracts. */
  quantity: WireNumber,
  /** Sats (reported to the platform in USD at the fill's price: fee-in-usd.ts). */
  tradingFee: WireNumber,
  createdAt: IsoTime,
  filledAt: IsoTime.nullable(),
  canceledAt: IsoTime.nullable(),
  open: z.boolean(),
  filled: z.boolean(),
  canceled: z.boolean(),
  // The Python and Rust SDKs read it; the official TypeScript types omit it (they lag).
  clientId: z.string().nullable().optional(),
});
export type LnMarketsOrder = z.infer<typeof LnMarketsOrder>;

export const LnMarketsOrders = z.array(LnMarketsOrder);

/** GET /futures/cross/orders/filled: one page, newest first (unconfirmed), `nextCursor` to go on. */
export const LnMarketsFilledOrders = z.object({
  data: z.array(LnMarketsOrder),
  nextCursor: z.string().nullable(),
});

/** GET /futures/cross/position: the account's one cross position; quantity + long, - short. */
export const LnMarketsPosition = z.object({
  quantity: WireNumber,
  entryPrice: WireNumber.nullable(),
  leverage: WireNumber,
  margin: WireNumber,
});

/** GET /futures/ticker: the basket's last price (LN Markets' mark) and the price buckets. */
export const LnMarketsTicker = z.object({
  index: WireNumber,
  lastPrice: WireNumber,
  prices: z.array(
    z.object({
      minSize: WireNumber,
      maxSize: WireNumber,
      bidPrice: WireNumber.optional(),
      askPrice: WireNumber.optional(),
    }),
  ),
});

/** GET /time: an ISO string in the SDK's tests, a number in its README; both are read. */
export const LnMarketsTime = z.object({ time: z.union([IsoTime, WireNumber]) });

/** Milliseconds of an ISO time the schemas accepted. */
export const msOf = (iso: string): number => Date.parse(iso);
