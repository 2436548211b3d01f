import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export const ISSUER = 'https://issuer.test/pool';
export const AUDIENCE = 'perp-test-client';

export interface TestKey {
  readonly kid: string;
  readonly alg: 'ES256' | 'RS256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function testKey(kid: string, alg: 'ES256' | 'RS256' = 'ES256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
  };
}

export interface SignOptions {
  /** Claims on top of (or, with undefined, removing) a valid Cognito-style access token's. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Header `kid`; the key's own by default. */
  readonly kid?: string;
}

/** A Cognito-style access token that the verifier under test accepts unless `claims` spoil it. */
export async function signAccessToken(key: TestKey, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: ISSUER,
    sub: 'a1b2c3d4-0000-4000-8000-000000000001',
    client_id: AUDIENCE,
    token_use: 'access',
    'custom:account_id': 'alice',
    'cognito:groups': ['trader'],
    iat: now,
    exp: now + 3600,
    jti: crypto.randomUUID(),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid })
    .sign(key.privateKey);
}
