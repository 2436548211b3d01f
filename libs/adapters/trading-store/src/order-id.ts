import { createHash, randomBytes } from 'node:crypto';
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

/**
 * The order id of an `order.place` command: its receive time, then 10 characters of a hash of
 * its command id. Deterministic, so a redelivered command that already reached the venue (the
 * OMS routes before it commits) names the same order there and the venue's idempotency on our
 * order id holds; distinct commands still never collide.
 */
export function orderIdForCommand(commandId: string, receivedAt: number): OrderId {
  const digest = createHash('sha256').update(commandId).digest();
  const suffix = [...digest.subarray(0, 10)].map((byte) => ALPHABET[byte % ALPHABET.length]);
  return `${String(receivedAt).padStart(13, '0')}-${suffix.join('')}` as OrderId;
}
