import { describe, expect, it } from 'vitest';
import { hashLinkCode, newLinkCode, normalizeLinkCode } from './link-code.ts';

describe('link codes', () => {
  it('are 10 characters of Crockford base32, different each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newLinkCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it('map every byte value onto the alphabet', () => {
    expect(newLinkCode((size) => new Uint8Array(size).fill(0))).toBe('0000000000');
    expect(newLinkCode((size) => new Uint8Array(size).fill(255))).toBe('ZZZZZZZZZZ');
  });

  it('forgive case, spaces, dashes and look-alike letters, and refuse anything else', () => {
    expect(normalizeLinkCode('ab12-cd34 ef')).toBe('AB12CD34EF');
    expect(normalizeLinkCode('o1il0abcde')).toBe('0111' + '0ABCDE');
    expect(normalizeLinkCode('AB12CD34E')).toBeUndefined();
    expect(normalizeLinkCode('AB12CD34EFG')).toBeUndefined();
    expect(normalizeLinkCode('AB12CD34EU')).toBeUndefined();
    expect(normalizeLinkCode('<script>x')).toBeUndefined();
  });

  it('are stored as a hash that does not contain them', () => {
    const code = newLinkCode();
    const hash = hashLinkCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.toLowerCase());
    expect(hashLinkCode(code)).toBe(hash);
    expect(hashLinkCode(newLinkCode())).not.toBe(hash);
  });
});
