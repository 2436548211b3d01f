import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error.ts';

export interface JwksKeysOptions {
  readonly jwksUrl: string;
  readonly cacheMaxAgeMs: number;
  readonly timeoutMs: number;
}

/** Errors about the token's key choice (its `kid`), as opposed to the key set's availability. */
function isKeySelectionError(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND) in its cause.
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : undefined;
  return detail ? `${error.message}: ${detail}` : error.message;
}

/**
 * The issuer's keys by `kid`, fetched with jose's remote key set: cached for `cacheMaxAgeMs`, and
 * fetched again when a token names an unknown `kid` (key rotation), at most every 30 s so tokens
 * with made-up kids cannot turn the verifier into a load generator against the issuer. A key set
 * that cannot be fetched or read becomes JWKS_UNAVAILABLE, which is retryable.
 */
export function jwksKeys(options: JwksKeysOptions): JWTVerifyGetKey {
  const url = new URL(options.jwksUrl);
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: options.cacheMaxAgeMs,
    timeoutDuration: options.timeoutMs,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (isKeySelectionError(error)) throw error;
      throw new AuthError(
        'JWKS_UNAVAILABLE',
        `key set ${url.origin}${url.pathname} is unavailable: ${describe(error)}`,
      );
    }
  };
}
