import { describe, expect, it } from 'vitest';
import { defineQuoteParams, InvalidQuoteParamsError, validateQuoteParams } from './index.ts';
import { d, params } from './test-support/fixtures.ts';

describe('validateQuoteParams', () => {
  it('accepts a sound set', () => {
    expect(validateQuoteParams(params())).toEqual([]);
    expect(validateQuoteParams(params({ sizeTaper: d('1'), activeRatio: d('1') }))).toEqual([]);
  });

  it.each([
    ['levels', { levels: 0 }],
    ['levels', { levels: 1.5 }],
    ['levelSpacingTicks', { levelSpacingTicks: 0 }],
    ['minSpreadBps', { minSpreadBps: d('-1') }],
    ['baseSize', { baseSize: d('0') }],
    ['sizeTaper', { sizeTaper: d('0') }],
    ['sizeTaper', { sizeTaper: d('1.01') }],
    ['floatAmount', { floatAmount: d('0') }],
    ['activeRatio', { activeRatio: d('1.5') }],
    ['riskAversion', { riskAversion: d('-0.1') }],
    ['horizonSeconds', { horizonSeconds: d('0') }],
    ['maxPosition', { maxPosition: d('0') }],
    ['inventoryTarget', { inventoryTarget: d('10') }],
    ['inventoryTarget', { inventoryTarget: d('-12') }],
  ] as const)('names %s when it is wrong (%o)', (field, overrides) => {
    expect(validateQuoteParams(params(overrides)).map((p) => p.field)).toEqual([field]);
  });

  it('reports every problem at once, and a non-Decimal as such', () => {
    const problems = validateQuoteParams({
      ...params({ levels: -1, baseSize: d('-1') }),
      floatAmount: 1000 as unknown as ReturnType<typeof d>,
    });
    expect(problems).toEqual([
      { field: 'levels', reason: 'must be an integer from 1 to 100' },
      { field: 'baseSize', reason: 'must be positive' },
      { field: 'floatAmount', reason: 'must be a Decimal' },
    ]);
  });

  it('defineQuoteParams throws with the problems, or returns the set frozen', () => {
    expect(Object.isFrozen(defineQuoteParams(params()))).toBe(true);
    try {
      defineQuoteParams(params({ activeRatio: d('0') }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidQuoteParamsError);
      expect((error as InvalidQuoteParamsError).problems.map((p) => p.field)).toEqual([
        'activeRatio',
      ]);
      expect((error as Error).message).toContain('activeRatio must be in (0, 1]');
    }
  });
});
