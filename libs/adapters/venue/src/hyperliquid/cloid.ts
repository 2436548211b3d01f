// Our order id as Hyperliquid's client order id (cloid: 16 bytes, hex). The OMS's ids (13 digits
// of ms, '-', 10 base-36 characters) fit in 16 bytes reversibly, so an order update carrying a
// cloid names our order with no lookup table, and a cloid outside the scheme is a foreign order.
// Ids of another shape (tests, older ids) get a hashed cloid, which is not reversible.

import { createHash } from 'node:crypto';
import type { OrderId } from '@perp/trading-domain';

const CANONICAL = /^(\d{13})-([0-9a-z]{10})$/;
const REVERSIBLE = 0x01;
const HASHED = 0x02;
const CLOID = /^0x[0-9a-f]{32}$/;

export type Cloid = `0x${string}`;

const hex = (bytes: Uint8Array): Cloid => `0x${Buffer.from(bytes).toString('hex')}`;

/** Byte 0 the scheme, bytes 1-6 the ms, bytes 8-15 the base-36 suffix as an integer. */
export function cloidOf(orderId: OrderId): Cloid {
  const bytes = new Uint8Array(16);
  const canonical = CANONICAL.exec(orderId);
  if (canonical) {
    const view = new DataView(bytes.buffer);
    bytes[0] = REVERSIBLE;
    const ms = BigInt(canonical[1] ?? '0');
    view.setUint16(1, Number(ms >> 32n));
    view.setUint32(3, Number(ms & 0xffffffffn));
    let suffix = 0n;
    for (const char of canonical[2] ?? '') suffix = suffix * 36n + BigInt(parseInt(char, 36));
    view.setBigUint64(8, suffix);
    return hex(bytes);
  }
  bytes[0] = HASHED;
  bytes.set(createHash('sha256').update(orderId).digest().subarray(0, 15), 1);
  return hex(bytes);
}

/** The order id a cloid of ours names; undefined for a hashed or foreign cloid. */
export function orderIdOfCloid(cloid: string): OrderId | undefined {
  const text = cloid.toLowerCase();
  if (!CLOID.test(text)) return undefined;
  const bytes = Buffer.from(text.slice(2), 'hex');
  if (bytes[0] !== REVERSIBLE || bytes[7] !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ms = (BigInt(view.getUint16(1)) << 32n) | BigInt(view.getUint32(3));
  let suffix = view.getBigUint64(8);
  if (ms > 9_999_999_999_999n || suffix >= 36n ** 10n) return undefined;
  let chars = '';
  for (let i = 0; i < 10; i += 1) {
    chars = (suffix % 36n).toString(36) + chars;
    suffix /= 36n;
  }
  return `${ms.toString().padStart(13, '0')}-${chars}` as OrderId;
}
