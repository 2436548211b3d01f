export type MarketMakingErrorCode = 'QUOTE_INPUT_INVALID' | 'QUOTE_ID_INVALID';

/**
 * A caller broke the model's contract: a non-positive reference, a negative variance, a client
 * order id that would not fit. Programming or feed errors, never market conditions: the bot logs
 * them and quotes nothing rather than quoting something wrong.
 */
export class MarketMakingError extends Error {
  readonly code: MarketMakingErrorCode;

  constructor(code: MarketMakingErrorCode, message: string) {
    super(message);
    this.name = 'MarketMakingError';
    this.code = code;
  }
}
