import { describe, expect, it } from 'vitest';
import { Decimal, Rounding } from './index.ts';

// A small seeded generator (mulberry32) so every run checks the same cases and a failure names its seed.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomDecimalText(next: () => number): string {
  const integerDigits = Math.floor(next() * 12);
  const fractionDigits = Math.floor(next() * 19);
  const digits = (count: number) =>
    Array.from({ length: count }, () => Math.floor(next() * 10)).join('');
  const integer = integerDigits === 0 ? '0' : digits(integerDigits);
  const sign = next() < 0.5 ? '-' : '';
  return fractionDigits === 0 ? `${sign}${integer}` : `${sign}${integer}.${digits(fractionDigits)}`;
}

const SEEDS = [1, 2, 3, 42, 20_240_601];
const CASES = 400;

describe.each(SEEDS)('decimal properties (seed %i)', (seed) => {
  it('parse(toString(x)) is x and toString is canonical', () => {
    const next = prng(seed);
    for (let i = 0; i < CASES; i += 1) {
      const x = Decimal.parse(randomDecimalText(next));
      const text = x.toString();
      expect(Decimal.parse(text).eq(x)).toBe(true);
      expect(text).toMatch(/^(0|-?(0|[1-9]\d*)(\.\d*[1-9])?)$/);
      expect(text).not.toBe('-0');
    }
  });

  it('add and sub are inverse, commutative and agree with cmp', () => {
    const next = prng(seed);
    for (let i = 0; i < CASES; i += 1) {
      const a = Decimal.parse(randomDecimalText(next));
      const b = Decimal.parse(randomDecimalText(next));
      expect(a.add(b).sub(b).eq(a)).toBe(true);
      expect(a.add(b).eq(b.add(a))).toBe(true);
      expect(a.sub(b).cmp(Decimal.ZERO)).toBe(a.cmp(b));
      expect(a.sub(b).neg().eq(b.sub(a))).toBe(true);
    }
  });

  it('division brackets the true quotient: down <= q <= up, and q x b is within one unit of a', () => {
    const next = prng(seed);
    const oneUnit = Decimal.fromUnits(1n);
    for (let i = 0; i < CASES; i += 1) {
      const a = Decimal.parse(randomDecimalText(next));
      const b = Decimal.parse(randomDecimalText(next));
      if (b.isZero()) continue;
      const floor = a.div(b, Rounding.Floor);
      const ceil = a.div(b, Rounding.Ceil);
      const nearest = a.div(b, Rounding.HalfEven);
      expect(ceil.sub(floor).lte(oneUnit)).toBe(true);
      expect(nearest.eq(floor) || nearest.eq(ceil)).toBe(true);
      // floor x |b| never exceeds a x sign(b) (checked exactly via units).
      const product = floor.units * b.units;
      const target = a.units * 10n ** 18n;
      expect(b.isPositive() ? product <= target : product >= target).toBe(true);
    }
  });

  it('rounding to a step lands on the step, within one step, in the right direction', () => {
    const next = prng(seed);
    const steps = ['0.5', '0.01', '0.001', '1', '25', '0.000000000000000007'].map((s) =>
      Decimal.parse(s),
    );
    for (let i = 0; i < CASES; i += 1) {
      const x = Decimal.parse(randomDecimalText(next));
      const step = steps[Math.floor(next() * steps.length)] as Decimal;
      const down = x.roundToStep(step, Rounding.Floor);
      const up = x.roundToStep(step, Rounding.Ceil);
      expect(down.isMultipleOf(step) && up.isMultipleOf(step)).toBe(true);
      expect(down.lte(x) && up.gte(x)).toBe(true);
      expect(up.sub(down).lte(step)).toBe(true);
      expect(x.isMultipleOf(step)).toBe(down.eq(x));
    }
  });

  it('exact multiplication is exact: (a x b) / b = a when it does not throw', () => {
    const next = prng(seed);
    for (let i = 0; i < CASES; i += 1) {
      const a = Decimal.parse(randomDecimalText(next)).round(Math.floor(next() * 9), Rounding.Down);
      const b = Decimal.parse(randomDecimalText(next)).round(Math.floor(next() * 9), Rounding.Down);
      const product = a.mul(b);
      if (!b.isZero()) expect(product.div(b, Rounding.Down).eq(a)).toBe(true);
    }
  });
});
