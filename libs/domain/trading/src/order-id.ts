import { createHash, randomBytes } from 'node:crypto';
import type { CommandId, OrderId } from './identifiers.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new order id: the creation time in ms (13 digits) then 10 random characters, so ids sort by
 * time (order history lists newest first by key) and never collide across OMS replicas.
 */
export function newOrderId(now: number): OrderId {
  return timeOrderedId(now, randomBytes(10));
}

/**
 * The order id of an `order.place` command: its receive time, then 10 characters of a hash of
 * its command id. Deterministic, so a redelivered command that already reached the venue (the
 * OMS routes before it commits) names the same order there and the venue's idempotency on our
 * order id holds; distinct commands still never collide.
 */
export function orderIdForCommand(commandId: CommandId, receivedAt: number): OrderId {
  return timeOrderedId(receivedAt, createHash('sha256').update(commandId).digest().subarray(0, 10));
}

const MINTED = /^\d{13}-[0-9a-z]{10}$/;

/**
 * Whether a venue's client order id is one the platform minted (its own order ids), as opposed to
 * one another client of the venue account chose.
 */
export function isMintedOrderId(text: string): text is OrderId {
  return MINTED.test(text);
}

// The one place order ids are minted: 13 digits of time, '-', 10 of [0-9a-z], which the OrderId
// grammar accepts by construction.
function timeOrderedId(ms: number, bytes: Uint8Array): OrderId {
  const suffix = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${String(ms).padStart(13, '0')}-${suffix}` as OrderId;
}
