import type { Role } from '@perp/contracts';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key.ts';

export interface AccessTokenRequest {
  readonly accountId: string;
  readonly roles: readonly Role[];
  readonly ttlSeconds: number;
  /**
   * Mint a client-credentials (machine) token instead: these scopes, no groups, `sub` the client
   * id, and the account in `custom:account_id` as Cognito's pre-token-generation trigger puts it.
   */
  readonly scopes?: readonly string[];
}

export interface TokenIssuer {
  readonly key: SigningKey;
  readonly issuer: string;
  /**
   * Put in `client_id`, as Cognito does for access tokens (they have no `aud`), and in `sub` of a
   * machine token: IDENTITY_AUDIENCE for the token CLI, the machine client's own id for the token
   * endpoint (its tokens are verified with that id as the audience, as Cognito's are).
   */
  readonly clientId: string;
}

/**
 * A JWT shaped like a Cognito user pool access token, so the gateway verifies local and AWS tokens
 * the same way: `client_id` instead of `aud`, `token_use: access`, groups in `cognito:groups`
 * (absent when there are none, as Cognito does). `sub` is the account id: there is no user pool.
 * With `scopes`, shaped like a client-credentials token of the app client `clientId` instead.
 */
export function issueAccessToken(
  issuer: TokenIssuer,
  request: AccessTokenRequest,
  nowMs: number = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const claims =
    request.scopes === undefined
      ? {
          username: request.accountId,
          ...(request.roles.length > 0 ? { 'cognito:groups': [...request.roles] } : {}),
        }
      : // A client-credentials token has no user: no username, no groups.
        { scope: request.scopes.join(' ') };
  return new SignJWT({
    client_id: issuer.clientId,
    token_use: 'access',
    'custom:account_id': request.accountId,
    ...claims,
  })
    .setProtectedHeader({ alg: issuer.key.alg, kid: issuer.key.kid })
    .setIssuer(issuer.issuer)
    .setSubject(request.scopes === undefined ? request.accountId : issuer.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(issuer.key.privateKey);
}
