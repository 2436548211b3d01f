// LN Markets Stream v1 frames (JSON-RPC 2.0), as the official SDKs read them
// (ln-markets/sdk-typescript src/stream/v1/instance.ts and types.ts). Read with parseWireJson:
// numbers arrive as the text of their digits; times here are ms since the epoch.

import { z } from 'zod';
import { WireNumber } from './rest.ts';

const WireMs = z.string().regex(/^\d+$/, 'ms since the epoch');

/** The answer to one of our requests. */
export const StreamAnswer = z.object({
  id: z.string(),
  result: z.unknown().optional(),
  error: z.object({ code: WireNumber, message: z.string() }).optional(),
});

/** A topic's push. */
export const StreamPush = z.object({
  method: z.literal('subscription'),
  params: z.object({ topic: z.string(), data: z.unknown() }),
});

export const AuthenticateResult = z.object({ authenticated: z.boolean() });

/** `futures/inverse/btc_usd/cross/orders`: an order placed (open, or filled: a market order), a
 * limit order filled, an order canceled. */
export const StreamCrossOrderEvent = z.object({
  pair: z.string(),
  event: z.enum(['new', 'limit', 'canceled']),
  order: z.object({
    id: z.string().min(1),
    side: z.enum(['buy', 'sell']),
    type: z.enum(['limit', 'market', 'liquidation']),
    quantity: WireNumber,
    price: WireNumber,
    /** Sats (reported in USD at the fill's price: fee-in-usd.ts); absent on a canceled order. */
    tradingFee: WireNumber.optional(),
    clientId: z.string().nullable().optional(),
    createdAt: WireMs,
    filledAt: WireMs.optional(),
    canceledAt: WireMs.optional(),
  }),
});
export type StreamCrossOrderEvent = z.infer<typeof StreamCrossOrderEvent>;
