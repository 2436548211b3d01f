import { decodeProtectedHeader, jwtVerify } from 'jose';
import { checkAccessClaims } from './access-claims.ts';
import { AuthError } from './auth-error.ts';
import { authErrorFromJose } from './jose-errors.ts';
import { jwksKeys } from './jwks-keys.ts';
import { DEFAULT_SCOPE_PREFIX, principalFromClaims, type Principal } from './principal.ts';

export interface JwtVerifierOptions {
  /** The issuer's key set, e.g. `https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Must equal the token's `iss` exactly. */
  readonly issuer: string;
  /**
   * Matched against `aud` or, for Cognito access tokens (which have no `aud`), `client_id`; one of
   * several (a user app client and a machine client each have their own id).
   */
  readonly audience: string | readonly string[];
  /**
   * Scopes `<prefix>trade` and `<prefix>read` make a client-credentials token (no groups) a trader
   * and a viewer; `perp-api/` by default.
   */
  readonly scopePrefix?: string;
  /** Allowed clock skew for `exp`, `nbf` and `iat`; 5 s by default. */
  readonly clockToleranceSeconds?: number;
  /** How long a fetched key set is used before it is fetched again; 10 min by default. */
  readonly cacheMaxAgeMs?: number;
}

export interface TokenVerifier {
  /** The principal of a valid access token; rejects with an AuthError otherwise. */
  verify(token: string): Promise<Principal>;
}

// Asymmetric only: with a symmetric algorithm the key set's public material would be the secret.
const ALGORITHMS = ['RS256', 'ES256'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const DEFAULT_CACHE_MAX_AGE_MS = 10 * 60_000;
// A verify call waits this long at most for the key set; the caller (an upgrade request) waits too.
const JWKS_TIMEOUT_MS = 5_000;
// Far beyond any real access token; refusing early bounds the work spent on garbage.
const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function checkShape(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token.trim() === '')
    throw new AuthError('TOKEN_MISSING', 'no token was given');
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token))
    throw new AuthError(
      'TOKEN_MALFORMED',
      'token is not a JWT (three base64url parts joined by ".")',
    );
}

// Checked before any key lookup, so `alg: none` or HS256 tokens are refused without a fetch and
// with a message that says why.
function checkAlgorithm(token: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new AuthError('TOKEN_MALFORMED', 'token header is not valid base64url JSON');
  }
  if (typeof alg !== 'string' || !ALGORITHMS.includes(alg))
    throw new AuthError(
      'TOKEN_INVALID',
      `token algorithm ${typeof alg === 'string' ? alg.slice(0, 16) : 'missing'} is not accepted (only ${ALGORITHMS.join(', ')})`,
    );
}

/** Verifies access tokens of one issuer and audience against the issuer's JWKS. */
export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const audiences: readonly string[] =
    typeof options.audience === 'string' ? [options.audience] : options.audience;
  const scopePrefix = options.scopePrefix ?? DEFAULT_SCOPE_PREFIX;
  const keys = jwksKeys({
    jwksUrl: options.jwksUrl,
    cacheMaxAgeMs: options.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS,
    timeoutMs: JWKS_TIMEOUT_MS,
  });
  return {
    async verify(token: string): Promise<Principal> {
      checkShape(token);
      checkAlgorithm(token);
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: ALGORITHMS,
          issuer: options.issuer,
          clockTolerance: tolerance,
          requiredClaims: ['exp'],
        });
        checkAccessClaims(payload, audiences, Math.floor(Date.now() / 1000), tolerance);
        return principalFromClaims(payload, scopePrefix);
      } catch (error) {
        throw authErrorFromJose(error);
      }
    },
  };
}
