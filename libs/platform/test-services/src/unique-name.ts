import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lowercase letters and digits only: valid in Postgres, SQS, DynamoDB and Redis names alike. */
export function randomId(length = 10): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/**
 * `orders` → `orders_k3j9x2m1q0`. Unique per call, so test files sharing a server (or re-running
 * against one that kept old state) never see each other's tables, queues or keys.
 */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${randomId()}`;
}
