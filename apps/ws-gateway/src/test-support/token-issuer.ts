import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export const TEST_ISSUER = 'https://issuer.test/perp';
export const TEST_AUDIENCE = 'perp-gateway-test';

export interface TokenClaims {
  readonly sub: string;
  /** `custom:account_id`; the account is `sub` when absent. */
  readonly accountId?: string;
  /** `cognito:groups`; default trader, none when `scope` is given without roles. */
  readonly roles?: readonly string[];
  /** `scope`, space-separated: with it and no roles, a client-credentials (machine) token. */
  readonly scope?: string;
  /** `client_id` when there is no `audience`; default TEST_AUDIENCE. */
  readonly clientId?: string;
  /** Seconds from now (negative: already expired). Default 3600. */
  readonly expiresIn?: number;
  readonly tokenUse?: string;
  readonly issuer?: string;
  /** Put into `aud`; default: `client_id` = TEST_AUDIENCE, as Cognito access tokens have it. */
  readonly audience?: string;
  /** Sign with a key the JWKS does not publish. */
  readonly foreignKey?: boolean;
}

/**
 * A token issuer for tests: an RSA key pair, its public key served as a JWKS over HTTP on a free
 * port, and real RS256 access tokens signed with it, shaped like Cognito's.
 */
export interface TokenIssuer {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  sign(claims: TokenClaims): Promise<string>;
  /** Answers 503 to JWKS requests while set (an issuer outage). */
  setAvailable(available: boolean): void;
  stop(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let available = true;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json' || !available) {
      response.writeHead(available ? 404 : 503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = async (claims: TokenClaims): Promise<string> => {
    const key: CryptoKey = claims.foreignKey ? foreign.privateKey : privateKey;
    const now = Math.floor(Date.now() / 1000);
    // Cognito's client-credentials tokens have scopes and no groups claim at all.
    const groups = claims.scope === undefined || claims.roles !== undefined;
    const jwt = new SignJWT({
      token_use: claims.tokenUse ?? 'access',
      ...(claims.audience === undefined ? { client_id: claims.clientId ?? TEST_AUDIENCE } : {}),
      ...(claims.accountId === undefined ? {} : { 'custom:account_id': claims.accountId }),
      ...(groups ? { 'cognito:groups': [...(claims.roles ?? ['trader'])] } : {}),
      ...(claims.scope === undefined ? {} : { scope: claims.scope }),
    })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(claims.sub)
      .setIssuer(claims.issuer ?? TEST_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + (claims.expiresIn ?? 3600));
    if (claims.audience !== undefined) jwt.setAudience(claims.audience);
    return jwt.sign(key);
  };

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    sign,
    setAvailable(value) {
      available = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
