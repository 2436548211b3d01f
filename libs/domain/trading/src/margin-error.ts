export class MarginError extends Error {
  readonly code = 'MARGIN_MISSING_MARKET';
  readonly symbol: string;

  constructor(symbol: string) {
    super(`no mark or instrument for ${symbol}: margin cannot be computed`);
    this.name = 'MarginError';
    this.symbol = symbol;
  }
}
