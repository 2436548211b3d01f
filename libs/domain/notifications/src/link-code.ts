import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: read off a screen and typed on a phone without doubt.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10; // 50 bits: unguessable within a code's 10 minutes and the bot's rate limits
/** How long a link code may be used. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

/** A new single-use link code; `random` is for tests. */
export function newLinkCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(LENGTH);
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[(bytes[i] ?? 0) % 32];
  return code;
}

/**
 * The code as typed, in its canonical form, or undefined when it cannot be one: case, spaces and
 * dashes are forgiven, and the letters Crockford reads as digits (O → 0, I and L → 1).
 */
export function normalizeLinkCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH) return undefined;
  for (const char of code) if (!ALPHABET.includes(char)) return undefined;
  return code;
}

/** What is stored: a code is a bearer secret for ten minutes, so only its hash is kept. */
export function hashLinkCode(code: string): string {
  return createHash('sha256').update(`perp-telegram-link:${code}`).digest('hex');
}
