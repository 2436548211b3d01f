import { DecimalError } from './decimal-error.ts';

/**
 * How a value that does not fit is brought to the kept digits. `down`/`up` are towards/away from
 * zero, `floor`/`ceil` towards -/+ infinity; the `half_*` modes round to nearest and differ only
 * on an exact tie.
 */
export const Rounding = {
  Down: 'down',
  Up: 'up',
  Floor: 'floor',
  Ceil: 'ceil',
  HalfUp: 'half_up',
  HalfDown: 'half_down',
  HalfEven: 'half_even',
} as const;

export type RoundingMode = (typeof Rounding)[keyof typeof Rounding];

/** `numerator / denominator` as an integer, rounded with `mode`. The denominator must not be 0. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  // bigint division truncates towards zero; the remainder carries the numerator's sign.
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return away;
    case 'floor':
      return numerator < 0n ? away : quotient;
    case 'ceil':
      return numerator < 0n ? quotient : away;
    case 'half_up':
    case 'half_down':
    case 'half_even': {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      if (twice > denominator) return away;
      if (twice < denominator) return quotient;
      if (mode === 'half_up') return away;
      if (mode === 'half_down') return quotient;
      return quotient % 2n === 0n ? quotient : away;
    }
    default:
      // Reachable from untyped callers (JSON, JS); never round with a guessed mode.
      throw new DecimalError('DECIMAL_INVALID_ARGUMENT', `unknown rounding mode ${String(mode)}`);
  }
}
