import { z } from 'zod';
import { unlessMissing } from './issue-message.ts';

// Money, prices and quantities travel as strings so no float ever rounds them. The grammar is
// deliberately narrow: plain digits, an optional fraction, no exponent, no leading "+" or zeros,
// bounded length, so every consumer (BigInt, a decimal library, DynamoDB) reads the same number.

/** Digits allowed before the decimal point. */
export const DECIMAL_MAX_INTEGER_DIGITS = 20;
/** Digits allowed after the decimal point (18 covers wei-denominated assets). */
export const DECIMAL_MAX_FRACTION_DIGITS = 18;

const unsigned = `(?:0|[1-9]\\d{0,${DECIMAL_MAX_INTEGER_DIGITS - 1}})(?:\\.\\d{1,${DECIMAL_MAX_FRACTION_DIGITS}})?`;
const zero = '0(?:\\.0+)?$';

const SIGNED = new RegExp(`^(?!-${zero})-?${unsigned}$`);
const NON_NEGATIVE = new RegExp(`^${unsigned}$`);
const POSITIVE = new RegExp(`^(?!${zero})${unsigned}$`);

const decimalSchema = (pattern: RegExp, message: string) =>
  z.string({ error: unlessMissing(message) }).regex(pattern, { error: message });

/** Signed exact decimal (PnL, fees that may be rebates, collateral). "-0" is not a number here. */
export const Decimal = decimalSchema(
  SIGNED,
  'must be a decimal string such as "-12.5" (no exponent, no "+")',
);
export type Decimal = z.infer<typeof Decimal>;

/** Exact decimal >= 0 (filled quantities, margins). */
export const NonNegativeDecimal = decimalSchema(
  NON_NEGATIVE,
  'must be a non-negative decimal string such as "0.5" (no exponent, no sign)',
);
export type NonNegativeDecimal = z.infer<typeof NonNegativeDecimal>;

/** Exact decimal > 0 (prices, order quantities, deposits). */
export const PositiveDecimal = decimalSchema(
  POSITIVE,
  'must be a positive decimal string such as "61234.5" (no exponent, no sign)',
);
export type PositiveDecimal = z.infer<typeof PositiveDecimal>;
