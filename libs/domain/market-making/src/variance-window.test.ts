import { describe, expect, it } from 'vitest';
import { VarianceWindow } from './index.ts';
import { d } from './test-support/fixtures.ts';

const path = (window: VarianceWindow, points: readonly (readonly [number, string])[]) => {
  for (const [ts, price] of points) window.add(ts, d(price));
  return window;
};

describe('VarianceWindow', () => {
  it('is Σ(Δp²) / Σ(Δt) over a known path', () => {
    // Moves +1, −2, +0.5 over 1 s, 2 s, 1 s: (1 + 4 + 0.25) / 4 = 1.3125 per second.
    const window = path(new VarianceWindow({ windowMs: 60_000 }), [
      [0, '100'],
      [1_000, '101'],
      [3_000, '99'],
      [4_000, '99.5'],
    ]);
    expect(window.variancePerSecond().toString()).toBe('1.3125');
  });

  it('is zero with fewer than two observations or a flat price', () => {
    const window = new VarianceWindow({ windowMs: 60_000 });
    expect(window.variancePerSecond().isZero()).toBe(true);
    window.add(5_000, d('100'));
    expect(window.variancePerSecond().isZero()).toBe(true);
    window.add(6_000, d('100'));
    expect(window.variancePerSecond().isZero()).toBe(true);
  });

  it('forgets observations older than windowMs before the newest', () => {
    // At 4000 with a 2500 ms window, 0 and 1000 fall out: only 99 → 99.5 over 1 s remains.
    const window = path(new VarianceWindow({ windowMs: 2_500 }), [
      [0, '100'],
      [1_000, '101'],
      [3_000, '99'],
      [4_000, '99.5'],
    ]);
    expect(window.size).toBe(2);
    expect(window.variancePerSecond().toString()).toBe('0.25');
  });

  it('ignores duplicate and out-of-order timestamps', () => {
    const window = new VarianceWindow({ windowMs: 60_000 });
    expect(window.add(1_000, d('100'))).toBe(true);
    expect(window.add(3_000, d('102'))).toBe(true);
    expect(window.add(3_000, d('500'))).toBe(false);
    expect(window.add(2_000, d('1'))).toBe(false);
    expect(window.add(Number.NaN, d('1'))).toBe(false);
    // Only 100 → 102 over 2 s: 4 / 2.
    expect(window.variancePerSecond().toString()).toBe('2');
  });

  it('keeps at most maxSamples observations, dropping the oldest', () => {
    const window = path(new VarianceWindow({ windowMs: 60_000, maxSamples: 3 }), [
      [0, '100'],
      [1_000, '101'],
      [3_000, '99'],
      [4_000, '99.5'],
    ]);
    expect(window.size).toBe(3);
    // (4 + 0.25) / 3 s = 1.41666…, half-even at 18 digits.
    expect(window.variancePerSecond().toString()).toBe('1.416666666666666667');
    for (let i = 1; i <= 5_000; i += 1) window.add(4_000 + i, d(i % 2 === 0 ? '99.5' : '99.6'));
    expect(window.size).toBe(3);
  });

  it('is exact for prices with many decimals', () => {
    // Δp = 10^-18 twice over 2 s: 2 × 10^-36 / 2 rounds to 0 at 18 digits; Δp = 10^-9: 10^-18 / 1 s.
    const fine = path(new VarianceWindow({ windowMs: 60_000 }), [
      [0, '1'],
      [1_000, '1.000000000000000001'],
      [2_000, '1'],
    ]);
    expect(fine.variancePerSecond().isZero()).toBe(true);
    const coarse = path(new VarianceWindow({ windowMs: 60_000 }), [
      [0, '1'],
      [1_000, '1.000000001'],
    ]);
    expect(coarse.variancePerSecond().toString()).toBe('0.000000000000000001');
  });

  it('refuses a window or sample cap it cannot honour', () => {
    expect(() => new VarianceWindow({ windowMs: 0 })).toThrow(RangeError);
    expect(() => new VarianceWindow({ windowMs: 1_000, maxSamples: 1 })).toThrow(RangeError);
  });
});
