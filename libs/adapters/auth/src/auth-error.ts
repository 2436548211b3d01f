/** Why a token was refused. The gateway maps every code to 10001 (or HTTP 401 on upgrade). */
export type AuthErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_WRONG_USE'
  | 'NO_ACCOUNT'
  | 'JWKS_UNAVAILABLE';

/**
 * A refused token, or a verifier that could not decide. Messages describe the problem without ever
 * quoting the token: callers log them as they are.
 */
export class AuthError extends Error {
  readonly code: AuthErrorCode;
  /**
   * True only when the token itself may be fine and asking again later can succeed (the issuer's
   * key set could not be fetched). Every other code needs a different token.
   */
  readonly retryable: boolean;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.retryable = code === 'JWKS_UNAVAILABLE';
  }
}
