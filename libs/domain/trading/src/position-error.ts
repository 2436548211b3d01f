export type PositionErrorCode = 'POSITION_INVALID_FILL' | 'POSITION_SYMBOL_MISMATCH';

export class PositionError extends Error {
  readonly code: PositionErrorCode;

  constructor(code: PositionErrorCode, message: string) {
    super(message);
    this.name = 'PositionError';
    this.code = code;
  }
}
