import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { OrderPlacePayload } from './order-commands.ts';

/**
 * A digest of what an order.place asked for. The OMS stores it with the client order id's claim
 * and the gateway compares against it: the same request again is a harmless retry, other
 * parameters under the same id are a conflict (10006). It reads only the payload's text, so it
 * takes the payload before or after parsing.
 */
export function orderRequestDigest(payload: z.input<typeof OrderPlacePayload>): string {
  const canonical = [
    payload.clientOrderId,
    payload.symbol,
    payload.side,
    payload.type,
    payload.price ?? '',
    payload.quantity,
    payload.timeInForce,
    String(payload.postOnly),
    String(payload.reduceOnly),
  ].join('|');
  return createHash('sha256').update(canonical).digest('base64url');
}
