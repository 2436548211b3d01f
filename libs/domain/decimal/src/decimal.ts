import { DecimalError } from './decimal-error.ts';
import { divideRounded, type RoundingMode } from './rounding.ts';

const SCALE = 18;
const ONE_UNITS = 10n ** BigInt(SCALE);
// Guards parsing against pathological input (a megabyte of digits); far above any real amount.
const MAX_INTEGER_DIGITS = 30;
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
const FRACTION_PADDING = '0'.repeat(SCALE);
const POWERS_OF_TEN: readonly bigint[] = Array.from(
  { length: SCALE + 1 },
  (_, i) => 10n ** BigInt(i),
);

/**
 * An exact, immutable decimal number with 18 fractional digits, stored as one bigint of units
 * (value x 10^18). A fixed scale keeps the hot operations (add, sub, compare, tick and lot checks)
 * single bigint operations with no scale alignment; 18 digits cover every price, quantity and
 * rate a venue uses (ERC-20 tokens use 18). Anything that would need more digits (mul, div,
 * rounding to a step) takes an explicit rounding mode or throws `DECIMAL_INEXACT`: nothing is
 * ever rounded silently. No JS number ever carries a fractional value in or out.
 */
export class Decimal {
  /** Number of fractional digits every Decimal carries. */
  static readonly SCALE = SCALE;
  static readonly ZERO = new Decimal(0n);
  static readonly ONE = new Decimal(ONE_UNITS);

  /** The value times 10^18: for storage, hashing and bulk maths. */
  readonly units: bigint;

  private constructor(units: bigint) {
    this.units = units;
  }

  /**
   * Strict parse of a plain decimal such as `"61234.5"` or `"-0.001"`: an optional minus, digits,
   * optionally a dot and 1 to 18 digits. No exponent, sign `+`, whitespace, bare dot, or NaN.
   */
  static parse(text: string): Decimal {
    const parsed = Decimal.tryParse(text);
    if (parsed === undefined) {
      const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, 64)) : typeof text;
      throw new DecimalError(
        'DECIMAL_INVALID',
        `not a decimal with at most ${SCALE} fractional digits: ${shown}`,
      );
    }
    return parsed;
  }

  /** Like `parse`, but answers `undefined` instead of throwing. */
  static tryParse(text: string): Decimal | undefined {
    if (typeof text !== 'string') return undefined;
    const match = DECIMAL_TEXT.exec(text);
    if (match === null) return undefined;
    const [, sign, integer = '', fraction = ''] = match;
    if (integer.length > MAX_INTEGER_DIGITS || fraction.length > SCALE) return undefined;
    const magnitude = BigInt(integer + fraction + FRACTION_PADDING.slice(fraction.length));
    return new Decimal(sign === '-' ? -magnitude : magnitude);
  }

  /** From an integer: a safe-integer number or a bigint. Fractional JS numbers are refused. */
  static fromInt(value: number | bigint): Decimal {
    if (typeof value === 'bigint') return new Decimal(value * ONE_UNITS);
    if (!Number.isSafeInteger(value)) {
      throw new DecimalError('DECIMAL_INVALID', `not a safe integer: ${String(value)}`);
    }
    return new Decimal(BigInt(value) * ONE_UNITS);
  }

  /** From raw units (value x 10^18), e.g. read back from storage. */
  static fromUnits(units: bigint): Decimal {
    if (typeof units !== 'bigint')
      throw new DecimalError('DECIMAL_INVALID', 'units must be a bigint');
    return new Decimal(units);
  }

  static sum(values: Iterable<Decimal>): Decimal {
    let total = 0n;
    for (const value of values) total += value.units;
    return new Decimal(total);
  }

  add(other: Decimal): Decimal {
    return new Decimal(this.units + other.units);
  }

  sub(other: Decimal): Decimal {
    return new Decimal(this.units - other.units);
  }

  /**
   * The product. Exact when it fits 18 fractional digits; otherwise `rounding` says how to round,
   * and without one the call throws `DECIMAL_INEXACT`.
   */
  mul(other: Decimal, rounding?: RoundingMode): Decimal {
    const product = this.units * other.units;
    if (rounding !== undefined) return new Decimal(divideRounded(product, ONE_UNITS, rounding));
    const units = product / ONE_UNITS;
    if (units * ONE_UNITS !== product) {
      throw new DecimalError(
        'DECIMAL_INEXACT',
        `${this} x ${other} needs more than ${SCALE} fractional digits`,
      );
    }
    return new Decimal(units);
  }

  /** The quotient at 18 fractional digits; division is the one operation that always rounds. */
  div(divisor: Decimal, rounding: RoundingMode): Decimal {
    if (divisor.units === 0n) throw new DecimalError('DECIMAL_DIVISION_BY_ZERO', `${this} / 0`);
    return new Decimal(divideRounded(this.units * ONE_UNITS, divisor.units, rounding));
  }

  /** `this x multiplier / divisor` with a single rounding (no intermediate precision loss). */
  mulDiv(multiplier: Decimal, divisor: Decimal, rounding: RoundingMode): Decimal {
    if (divisor.units === 0n)
      throw new DecimalError('DECIMAL_DIVISION_BY_ZERO', `${this} x ${multiplier} / 0`);
    return new Decimal(divideRounded(this.units * multiplier.units, divisor.units, rounding));
  }

  neg(): Decimal {
    return this.units === 0n ? this : new Decimal(-this.units);
  }

  abs(): Decimal {
    return this.units < 0n ? new Decimal(-this.units) : this;
  }

  min(other: Decimal): Decimal {
    return other.units < this.units ? other : this;
  }

  max(other: Decimal): Decimal {
    return other.units > this.units ? other : this;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: Decimal): -1 | 0 | 1 {
    return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.units === other.units;
  }

  lt(other: Decimal): boolean {
    return this.units < other.units;
  }

  lte(other: Decimal): boolean {
    return this.units <= other.units;
  }

  gt(other: Decimal): boolean {
    return this.units > other.units;
  }

  gte(other: Decimal): boolean {
    return this.units >= other.units;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isPositive(): boolean {
    return this.units > 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }

  isInteger(): boolean {
    return this.units % ONE_UNITS === 0n;
  }

  /** Whether this is a whole number of `step`s (tick and lot checks). `step` must be positive. */
  isMultipleOf(step: Decimal): boolean {
    assertStep(step);
    return this.units % step.units === 0n;
  }

  /** The nearest multiple of `step` in the direction `rounding` says. `step` must be positive. */
  roundToStep(step: Decimal, rounding: RoundingMode): Decimal {
    assertStep(step);
    const units = divideRounded(this.units, step.units, rounding) * step.units;
    return units === this.units ? this : new Decimal(units);
  }

  /** Rounded to `decimalPlaces` (0 to 18) fractional digits. */
  round(decimalPlaces: number, rounding: RoundingMode): Decimal {
    if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > SCALE) {
      throw new DecimalError(
        'DECIMAL_INVALID_ARGUMENT',
        `decimal places must be 0 to ${SCALE}, got ${decimalPlaces}`,
      );
    }
    const factor = POWERS_OF_TEN[SCALE - decimalPlaces] ?? 1n;
    const units = divideRounded(this.units, factor, rounding) * factor;
    return units === this.units ? this : new Decimal(units);
  }

  /** Number of fractional digits in the canonical form (`"0.50"` has 1). */
  decimalPlaces(): number {
    if (this.units === 0n) return 0;
    let places = SCALE;
    let units = this.units;
    while (places > 0 && units % 10n === 0n) {
      units /= 10n;
      places -= 1;
    }
    return places;
  }

  /** Canonical text: no exponent, no trailing zeros, no `-0`; `parse(d.toString())` equals `d`. */
  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString();
    const padded = digits.length > SCALE ? digits : digits.padStart(SCALE + 1, '0');
    const integer = padded.slice(0, -SCALE);
    let end = padded.length;
    while (end > integer.length && padded.charCodeAt(end - 1) === 48 /* '0' */) end -= 1;
    const text =
      end === integer.length ? integer : `${integer}.${padded.slice(integer.length, end)}`;
    return negative ? `-${text}` : text;
  }

  /** Decimals travel as JSON strings, never as numbers. */
  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Decimal(${this.toString()})`;
  }
}

function assertStep(step: Decimal): void {
  if (step.units <= 0n)
    throw new DecimalError('DECIMAL_INVALID_STEP', `step must be positive, got ${step}`);
}
