import { randomBytes } from 'node:crypto';
import type { OrderId } from '@perp/trading-domain';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new order id: the creation time in ms (13 digits) then 10 random characters, so ids sort by
 * time (order history lists newest first by key) and never collide across OMS replicas.
 */
export function newOrderId(now: number): OrderId {
  const random = [...randomBytes(10)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${String(now).padStart(13, '0')}-${random}` as OrderId;
}
