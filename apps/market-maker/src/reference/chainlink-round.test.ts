import { describe, expect, it } from 'vitest';
import { answerUnits, interpretRound, type ChainlinkRound } from './chainlink-round.ts';

const round = (overrides: Partial<ChainlinkRound> = {}): ChainlinkRound => ({
  roundId: 7n,
  answer: 6_123_456_789_012n,
  startedAt: 1_700_000_000n,
  updatedAt: 1_700_000_000n,
  answeredInRound: 7n,
  ...overrides,
});

describe('interpretRound', () => {
  it('turns an 8-decimal answer into an exact Decimal observed at updatedAt', () => {
    const verdict = interpretRound(round(), 8);
    expect(verdict.ok && verdict.price.toString()).toBe('61234.56789012');
    expect(verdict.ok && verdict.observedAt).toBe(1_700_000_000_000);
  });

  it('keeps every digit of a large 18-decimal answer (no float on the way)', () => {
    // 2^53 + 1 wei-like units: a float would round this.
    const verdict = interpretRound(round({ answer: 123_456_789_012_345_678_901_234_567n }), 18);
    expect(verdict.ok && verdict.price.toString()).toBe('123456789.012345678901234567');
  });

  it.each([
    ['a zero answer', { answer: 0n }, 'non-positive answer'],
    ['a negative answer', { answer: -1n }, 'non-positive answer'],
    ['a round never updated', { updatedAt: 0n }, 'not updated'],
    ['an incomplete round', { answeredInRound: 6n }, 'incomplete round'],
    ['an updatedAt past any date', { updatedAt: 2n ** 255n }, 'updatedAt out of range'],
  ] as const)('refuses %s', (_, overrides, reason) => {
    expect(interpretRound(round(overrides), 8)).toEqual({ ok: false, reason });
  });

  it('accepts a round answered in a later round than its id', () => {
    expect(interpretRound(round({ answeredInRound: 8n }), 8).ok).toBe(true);
  });

  it('refuses an answer with more digits than Decimal holds', () => {
    expect(interpretRound(round({ answer: 1n }), 20)).toEqual({
      ok: false,
      reason: 'inexact answer',
    });
  });
});

describe('answerUnits', () => {
  it.each([
    [1n, 0, 10n ** 18n],
    [1n, 8, 10n ** 10n],
    [1n, 18, 1n],
    [12_300n, 20, 123n],
    [1_500n, 21, undefined],
  ])('%d at %d decimals is %d units', (answer, decimals, units) => {
    expect(answerUnits(answer, decimals)).toBe(units);
  });

  it('refuses a negative or fractional decimals', () => {
    expect(() => answerUnits(1n, -1)).toThrow(RangeError);
    expect(() => answerUnits(1n, 1.5)).toThrow(RangeError);
  });
});
