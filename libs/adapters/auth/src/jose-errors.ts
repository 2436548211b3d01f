import { errors } from 'jose';
import { AuthError } from './auth-error.ts';

/**
 * Translates what jose throws into our codes. Messages are ours or jose's own (which describe a
 * check, never the token); jose's errors are not attached as `cause` because some carry the
 * decoded claims, which would then reach the logs.
 */
export function authErrorFromJose(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired)
    return new AuthError('TOKEN_EXPIRED', 'token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf')
      return new AuthError('TOKEN_INVALID', 'token is not valid yet (nbf in the future)');
    const problem = error.reason === 'missing' ? 'is missing' : 'does not match';
    return new AuthError('TOKEN_INVALID', `token claim ${error.claim} ${problem}`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new AuthError('TOKEN_MALFORMED', `token is not a well-formed JWT: ${error.message}`);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new AuthError('TOKEN_INVALID', 'token is signed with an algorithm that is not accepted');
  if (error instanceof errors.JWKSNoMatchingKey)
    return new AuthError('TOKEN_INVALID', "token's signing key is not in the issuer's key set");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthError('TOKEN_INVALID', 'token signature is invalid');
  const name = error instanceof Error ? error.name : typeof error;
  return new AuthError('TOKEN_INVALID', `token could not be verified (${name})`);
}
