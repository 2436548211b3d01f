import { describe, expect, it } from 'vitest';
import { NonceClock, NonceClocks } from './nonce-clock.ts';

describe('NonceClock', () => {
  it('follows the wall clock and stays strictly increasing within a millisecond', () => {
    let now = 1_000;
    const clock = new NonceClock(() => now);
    expect([clock.next(), clock.next(), clock.next()]).toEqual([1_000, 1_001, 1_002]);
    now = 5_000;
    expect(clock.next()).toBe(5_000);
  });

  it('never goes back when the wall clock does', () => {
    let now = 10_000;
    const clock = new NonceClock(() => now);
    expect(clock.next()).toBe(10_000);
    now = 9_000;
    expect(clock.next()).toBe(10_001);
  });

  it('counts per signer, whatever the case of its address', () => {
    const clocks = new NonceClocks(() => 7);
    expect(clocks.next('0xAbC')).toBe(7);
    expect(clocks.next('0xabc')).toBe(8);
    expect(clocks.next('0xdef')).toBe(7);
  });
});
