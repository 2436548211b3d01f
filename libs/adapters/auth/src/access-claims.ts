import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error.ts';

/**
 * Checks jose does not do for us. Cognito access tokens carry no `aud`: the app client is in
 * `client_id`, so an accepted audience may be in either. `token_use` keeps Cognito id tokens (same
 * issuer, same keys) from being used as access tokens.
 */
export function checkAccessClaims(
  claims: JWTPayload,
  accepted: readonly string[],
  nowSeconds: number,
  toleranceSeconds: number,
): asserts claims is JWTPayload & { sub: string; exp: number } {
  const aud = claims.aud;
  const audiences = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  const clientId = claims['client_id'];
  const meantForUs =
    audiences.some((a) => accepted.includes(a)) ||
    (typeof clientId === 'string' && accepted.includes(clientId));
  if (!meantForUs)
    throw new AuthError('TOKEN_INVALID', 'token is not meant for this audience (aud / client_id)');

  const use = claims['token_use'];
  if (use !== undefined && use !== 'access')
    throw new AuthError(
      'TOKEN_WRONG_USE',
      'token_use must be "access" (an id token cannot authenticate)',
    );

  if (typeof claims.sub !== 'string' || claims.sub.length === 0)
    throw new AuthError('TOKEN_INVALID', 'token has no sub claim');

  // jose checks iat only together with a maximum age; a token issued in the future is as suspect
  // as one with a future nbf.
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds + toleranceSeconds)
    throw new AuthError('TOKEN_INVALID', 'token is not valid yet (iat in the future)');
}
