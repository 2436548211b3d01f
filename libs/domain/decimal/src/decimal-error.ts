export type DecimalErrorCode =
  | 'DECIMAL_INVALID'
  | 'DECIMAL_DIVISION_BY_ZERO'
  | 'DECIMAL_INEXACT'
  | 'DECIMAL_INVALID_STEP'
  | 'DECIMAL_INVALID_ARGUMENT';

/** Every failure of the decimal type; callers branch on `code`, never on the message. */
export class DecimalError extends Error {
  readonly code: DecimalErrorCode;

  constructor(code: DecimalErrorCode, message: string) {
    super(message);
    this.name = 'DecimalError';
    this.code = code;
  }
}
