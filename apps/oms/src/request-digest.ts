import { createHash } from 'node:crypto';
import type { OrderPlacePayload } from '@perp/contracts';

/**
 * A digest of what an order.place asked for, stored with the client order id's claim: the same
 * request again is a harmless retry, other parameters under the same id are a conflict.
 */
export function requestDigest(payload: OrderPlacePayload): string {
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
