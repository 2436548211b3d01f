import { describe, expect, it } from 'vitest';
import { parseTtl } from './ttl.ts';

describe('parseTtl', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(parseTtl('90')).toBe(90);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('12h')).toBe(43_200);
    expect(parseTtl('7d')).toBe(604_800);
  });

  it('refuses zero, more than 30 days and anything else', () => {
    for (const bad of ['0', '0h', '31d', '-5m', '1.5h', '12 h', '12hours', 'h', ''])
      expect(parseTtl(bad), bad).toBeUndefined();
    expect(parseTtl('30d')).toBe(2_592_000);
  });
});
