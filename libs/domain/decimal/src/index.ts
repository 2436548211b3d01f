export { Decimal } from './decimal.ts';
export { DecimalError, type DecimalErrorCode } from './decimal-error.ts';
export { Rounding, type RoundingMode } from './rounding.ts';
