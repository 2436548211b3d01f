import { describe, expect, it } from 'vitest';
import { Decimal, DecimalError, Rounding, type RoundingMode } from './index.ts';

const d = (text: string) => Decimal.parse(text);

// The reference table of java.math.RoundingMode: input rounded to an integer under each mode.
const inputs = ['5.5', '2.5', '1.6', '1.1', '1.0', '-1.0', '-1.1', '-1.6', '-2.5', '-5.5'];
const expected: Record<RoundingMode, readonly string[]> = {
  up: ['6', '3', '2', '2', '1', '-1', '-2', '-2', '-3', '-6'],
  down: ['5', '2', '1', '1', '1', '-1', '-1', '-1', '-2', '-5'],
  ceil: ['6', '3', '2', '2', '1', '-1', '-1', '-1', '-2', '-5'],
  floor: ['5', '2', '1', '1', '1', '-1', '-2', '-2', '-3', '-6'],
  half_up: ['6', '3', '2', '1', '1', '-1', '-1', '-2', '-3', '-6'],
  half_down: ['5', '2', '2', '1', '1', '-1', '-1', '-2', '-2', '-5'],
  half_even: ['6', '2', '2', '1', '1', '-1', '-1', '-2', '-2', '-6'],
};

describe('rounding modes', () => {
  it('names every mode once', () => {
    expect(Object.values(Rounding).sort()).toEqual(Object.keys(expected).sort());
  });

  describe.each(Object.entries(expected))('%s', (mode, results) => {
    it.each(inputs.map((input, i) => [input, results[i]]))('rounds %s to %s', (input, result) => {
      const m = mode as RoundingMode;
      expect(d(input).round(0, m).toString()).toBe(result);
      expect(d(input).roundToStep(Decimal.ONE, m).toString()).toBe(result);
      // The same table one power of ten lower, through division.
      expect(d(input).div(Decimal.fromInt(10), m).round(1, m).toString()).toBe(
        d(result as string)
          .div(Decimal.fromInt(10), m)
          .toString(),
      );
    });
  });

  it('refuses an unknown mode from an untyped caller', () => {
    expect(() => d('1.5').round(0, 'nearest' as RoundingMode)).toThrowError(
      expect.objectContaining({ code: 'DECIMAL_INVALID_ARGUMENT' }),
    );
    expect(() => d('1.5').round(0, 'nearest' as RoundingMode)).toThrow(DecimalError);
  });

  it('rounds only when there is a remainder, whatever the mode', () => {
    for (const mode of Object.values(Rounding)) {
      expect(d('-3').round(0, mode).toString()).toBe('-3');
      expect(d('0').roundToStep(d('0.5'), mode).toString()).toBe('0');
    }
  });
});
