import { SignJWT, UnsecuredJWT, base64url } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError, createJwtVerifier, type AuthErrorCode, type TokenVerifier } from './index.ts';
import { startJwksServer, type JwksServer } from './test-support/jwks-server.ts';
import {
  AUDIENCE,
  ISSUER,
  signAccessToken,
  testKey,
  type SignOptions,
  type TestKey,
} from './test-support/signing.ts';

let server: JwksServer;
let es256: TestKey;
let rs256: TestKey;
let foreign: TestKey;

beforeAll(async () => {
  [es256, rs256, foreign] = await Promise.all([
    testKey('es-1'),
    testKey('rs-1', 'RS256'),
    testKey('foreign'),
  ]);
  server = await startJwksServer({ keys: [es256.publicJwk, rs256.publicJwk] });
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
  server.publish({ keys: [es256.publicJwk, rs256.publicJwk] });
});

function verifier(
  options: {
    clockToleranceSeconds?: number;
    cacheMaxAgeMs?: number;
    audience?: string | readonly string[];
    scopePrefix?: string;
  } = {},
) {
  return createJwtVerifier({ jwksUrl: server.url, issuer: ISSUER, audience: AUDIENCE, ...options });
}

/** Rejects with `code`, and says so without quoting the token anywhere in the error. */
async function expectRefused(
  token: string,
  code: AuthErrorCode,
  v: TokenVerifier = verifier(),
): Promise<AuthError> {
  const error: unknown = await v.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  const authError = error as AuthError;
  expect({ code: authError.code, message: authError.message }).toMatchObject({ code });
  if (typeof token === 'string' && token.length > 8) {
    expect(authError.message).not.toContain(token);
    expect(JSON.stringify(authError)).not.toContain(token);
    expect(String(authError.stack)).not.toContain(token);
  }
  return authError;
}

const sign = (options?: SignOptions, key: TestKey = es256) => signAccessToken(key, options);

describe('createJwtVerifier: valid access tokens', () => {
  it('returns the principal of a Cognito-style access token (ES256, client_id)', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = await sign({ claims: { exp, 'cognito:groups': ['trader', 'viewer'] } });
    await expect(verifier().verify(token)).resolves.toEqual({
      accountId: 'alice',
      roles: ['trader', 'viewer'],
      expiresAt: exp * 1000,
      subject: 'a1b2c3d4-0000-4000-8000-000000000001',
    });
  });

  it('accepts RS256', async () => {
    const principal = await verifier().verify(await sign({}, rs256));
    expect(principal.accountId).toBe('alice');
  });

  it('falls back to sub for the account id', async () => {
    const token = await sign({ claims: { 'custom:account_id': undefined, sub: 'bob_42' } });
    const principal = await verifier().verify(token);
    expect(principal).toMatchObject({ accountId: 'bob_42', subject: 'bob_42' });
  });

  it('accepts the audience in aud (string or array) when there is no client_id', async () => {
    const v = verifier();
    const single = await sign({ claims: { client_id: undefined, aud: AUDIENCE } });
    const several = await sign({ claims: { client_id: undefined, aud: ['other', AUDIENCE] } });
    await expect(v.verify(single)).resolves.toMatchObject({ accountId: 'alice' });
    await expect(v.verify(several)).resolves.toMatchObject({ accountId: 'alice' });
  });

  it('accepts a token without token_use (non-Cognito issuers)', async () => {
    const token = await sign({ claims: { token_use: undefined } });
    await expect(verifier().verify(token)).resolves.toMatchObject({ accountId: 'alice' });
  });

  it('keeps only known roles, once each; no groups means no roles', async () => {
    const v = verifier();
    const mixed = await sign({
      claims: { 'cognito:groups': ['admin', 'us-east-1_beta-testers', 'operator', 'admin'] },
    });
    expect((await v.verify(mixed)).roles).toEqual(['admin', 'operator']);
    const none = await sign({ claims: { 'cognito:groups': undefined } });
    expect((await v.verify(none)).roles).toEqual([]);
    const notAList = await sign({ claims: { 'cognito:groups': 'admin' } });
    expect((await v.verify(notAList)).roles).toEqual([]);
  });

  it('accepts any of several audiences, in client_id or aud', async () => {
    const v = verifier({ audience: ['web-client', AUDIENCE] });
    await expect(v.verify(await sign())).resolves.toMatchObject({ accountId: 'alice' });
    const inAud = await sign({ claims: { client_id: undefined, aud: 'web-client' } });
    await expect(v.verify(inAud)).resolves.toMatchObject({ accountId: 'alice' });
    await expectRefused(await sign({ claims: { client_id: 'other-app' } }), 'TOKEN_INVALID', v);
  });

  it('returns a frozen principal', async () => {
    const principal = await verifier().verify(await sign());
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.roles)).toBe(true);
  });
});

describe('createJwtVerifier: client-credentials (machine) tokens', () => {
  // Cognito's shape: `sub` is the app client id, no groups claim, space-separated scopes.
  const machine = (claims: Record<string, unknown>) =>
    sign({ claims: { sub: AUDIENCE, 'cognito:groups': undefined, ...claims } });

  it('maps perp-api/trade to trader and perp-api/read to viewer', async () => {
    const v = verifier();
    const trader = await machine({ scope: 'perp-api/trade', 'custom:account_id': 'mm' });
    await expect(v.verify(trader)).resolves.toMatchObject({
      accountId: 'mm',
      roles: ['trader'],
      subject: AUDIENCE,
    });
    const both = await machine({ scope: 'perp-api/read  perp-api/trade perp-api/read' });
    expect((await v.verify(both)).roles).toEqual(['viewer', 'trader']);
  });

  it('takes the account from sub, the client id, without custom:account_id', async () => {
    const token = await machine({ scope: 'perp-api/read', 'custom:account_id': undefined });
    await expect(verifier().verify(token)).resolves.toMatchObject({
      accountId: AUDIENCE,
      roles: ['viewer'],
    });
  });

  it('never grants operator or admin, nor other resource servers’ scopes', async () => {
    const token = await machine({
      scope:
        'perp-api/admin perp-api/operator perp-api/trader other-api/trade perp-api/ ' +
        'perp-api/constructor perp-api/__proto__ perp-api/toString',
    });
    expect((await verifier().verify(token)).roles).toEqual([]);
    const noScope = await machine({ scope: undefined });
    expect((await verifier().verify(noScope)).roles).toEqual([]);
    const notAString = await machine({ scope: ['perp-api/trade'] });
    expect((await verifier().verify(notAString)).roles).toEqual([]);
  });

  it('uses the configured prefix', async () => {
    const v = verifier({ scopePrefix: 'https://api.example.com/' });
    const theirs = await machine({ scope: 'https://api.example.com/trade' });
    expect((await v.verify(theirs)).roles).toEqual(['trader']);
    expect((await v.verify(await machine({ scope: 'perp-api/trade' }))).roles).toEqual([]);
  });

  it('ignores scopes on user tokens: groups decide, none means no roles', async () => {
    const v = verifier();
    // A user (sub is a user id) whose app client may request the platform's scopes.
    const userWithoutGroups = await sign({
      claims: { 'cognito:groups': undefined, scope: 'openid perp-api/trade' },
    });
    expect((await v.verify(userWithoutGroups)).roles).toEqual([]);
    const viewerWithScope = await sign({
      claims: { 'cognito:groups': ['viewer'], scope: 'perp-api/trade' },
    });
    expect((await v.verify(viewerWithScope)).roles).toEqual(['viewer']);
    // Groups on a machine-shaped token still win over its scopes.
    const grouped = await machine({ 'cognito:groups': ['viewer'], scope: 'perp-api/trade' });
    expect((await v.verify(grouped)).roles).toEqual(['viewer']);
  });
});

describe('createJwtVerifier: refused tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses an expired token', async () => {
    const error = await expectRefused(
      await sign({ claims: { iat: now() - 7200, exp: now() - 60 } }),
      'TOKEN_EXPIRED',
    );
    expect(error.retryable).toBe(false);
  });

  it('allows the configured clock skew on exp', async () => {
    const token = await sign({ claims: { exp: now() - 3 } });
    await expect(verifier({ clockToleranceSeconds: 30 }).verify(token)).resolves.toBeDefined();
    await expectRefused(token, 'TOKEN_EXPIRED', verifier({ clockToleranceSeconds: 0 }));
  });

  it('refuses a token that is not valid yet (nbf or iat in the future)', async () => {
    const notBefore = await expectRefused(
      await sign({ claims: { nbf: now() + 600 } }),
      'TOKEN_INVALID',
    );
    expect(notBefore.message).toMatch(/not valid yet/);
    await expectRefused(await sign({ claims: { iat: now() + 600 } }), 'TOKEN_INVALID');
  });

  it('refuses a token without exp', async () => {
    const error = await expectRefused(await sign({ claims: { exp: undefined } }), 'TOKEN_INVALID');
    expect(error.message).toMatch(/exp/);
  });

  it('refuses a token without sub', async () => {
    await expectRefused(await sign({ claims: { sub: undefined } }), 'TOKEN_INVALID');
  });

  it('refuses another issuer', async () => {
    const error = await expectRefused(
      await sign({ claims: { iss: 'https://evil.test/pool' } }),
      'TOKEN_INVALID',
    );
    expect(error.message).toMatch(/iss/);
  });

  it('refuses another audience, in client_id or aud', async () => {
    await expectRefused(await sign({ claims: { client_id: 'other-app' } }), 'TOKEN_INVALID');
    await expectRefused(
      await sign({ claims: { client_id: undefined, aud: ['other-app'] } }),
      'TOKEN_INVALID',
    );
    await expectRefused(await sign({ claims: { client_id: undefined } }), 'TOKEN_INVALID');
  });

  it('refuses an id token', async () => {
    const idToken = await sign({
      claims: { token_use: 'id', client_id: undefined, aud: AUDIENCE },
    });
    await expectRefused(idToken, 'TOKEN_WRONG_USE');
  });

  it('refuses a token whose account id is unusable', async () => {
    await expectRefused(
      await sign({ claims: { 'custom:account_id': 'alice@example.com' } }),
      'NO_ACCOUNT',
    );
    await expectRefused(await sign({ claims: { 'custom:account_id': 42 } }), 'NO_ACCOUNT');
    await expectRefused(
      await sign({ claims: { 'custom:account_id': undefined, sub: 'x'.repeat(65) } }),
      'NO_ACCOUNT',
    );
  });

  it('refuses a signature by a key that is not in the key set', async () => {
    const v = verifier();
    const unknownKid = await expectRefused(await sign({}, foreign), 'TOKEN_INVALID', v);
    expect(unknownKid.message).toMatch(/key set/);
    // The attacker names a published kid but signs with their own key.
    const borrowedKid = await expectRefused(
      await sign({ kid: es256.kid }, foreign),
      'TOKEN_INVALID',
      v,
    );
    expect(borrowedKid.message).toMatch(/signature/);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await sign()).split('.');
    const payload = base64url.encode(
      JSON.stringify({ iss: ISSUER, sub: 'mallory', client_id: AUDIENCE, exp: now() + 600 }),
    );
    await expectRefused(`${header}.${payload}.${signature}`, 'TOKEN_INVALID');
  });

  it('refuses alg none and HS256 without fetching the key set', async () => {
    const fetchesBefore = server.fetches;
    const claims = { iss: ISSUER, sub: 'mallory', client_id: AUDIENCE, token_use: 'access' };
    const unsecured = new UnsecuredJWT(claims).setExpirationTime('1h').encode();
    await expectRefused(unsecured, 'TOKEN_INVALID');
    // HS256 with the public key's bytes as the secret: the classic algorithm-confusion attack.
    const secret = new TextEncoder().encode(JSON.stringify(es256.publicJwk));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: es256.kid })
      .setExpirationTime('1h')
      .sign(secret);
    const error = await expectRefused(hs256, 'TOKEN_INVALID');
    expect(error.message).toMatch(/HS256 is not accepted/);
    expect(server.fetches).toBe(fetchesBefore);
  });

  it('refuses other asymmetric algorithms too (ES384)', async () => {
    const token = await sign();
    const [, payload, signature] = token.split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'ES384', kid: es256.kid }));
    await expectRefused(`${header}.${payload}.${signature}`, 'TOKEN_INVALID');
  });

  it('tells a missing token from a malformed one', async () => {
    const v = verifier();
    await expectRefused('', 'TOKEN_MISSING', v);
    await expectRefused('   ', 'TOKEN_MISSING', v);
    await expectRefused(undefined as unknown as string, 'TOKEN_MISSING', v);
    const good = await sign();
    for (const malformed of [
      'not-a-jwt',
      'a.b',
      `${good}.extra`,
      `Bearer ${good}`,
      'eyJhbGciOiJFUzI1NiJ9.e30.!!!',
      `${base64url.encode('not json')}.e30.c2ln`,
      `${good.split('.')[0]}.${'A'.repeat(9000)}.c2ln`,
    ])
      await expectRefused(malformed, 'TOKEN_MALFORMED', v);
  });
});

describe('createJwtVerifier: the key set', () => {
  it('fetches the key set once and caches it', async () => {
    const v = verifier();
    const before = server.fetches;
    const token = await sign();
    await Promise.all([v.verify(token), v.verify(token), v.verify(token)]);
    await v.verify(await sign({}, rs256));
    expect(server.fetches - before).toBe(1);
  });

  it('fetches the key set again after cacheMaxAgeMs', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const v = verifier({ cacheMaxAgeMs: 60_000 });
    const before = server.fetches;
    await v.verify(await sign());
    vi.setSystemTime(Date.now() + 61_000);
    await v.verify(await sign());
    expect(server.fetches - before).toBe(2);
  });

  it('fetches a rotated key set when a token names a new kid', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const v = verifier();
    await v.verify(await sign());
    const next = await testKey('es-2');
    server.publish({ keys: [es256.publicJwk, next.publicJwk] });
    const before = server.fetches;
    // Unknown kids refetch at most every 30 s, so made-up kids cannot flood the issuer.
    vi.setSystemTime(Date.now() + 31_000);
    const principal = await v.verify(await sign({}, next));
    expect(principal.accountId).toBe('alice');
    expect(server.fetches - before).toBe(1);
    // The old key is still published during the rotation, and still cached.
    await expect(v.verify(await sign())).resolves.toBeDefined();
    expect(server.fetches - before).toBe(1);
  });

  it('does not refetch for an unknown kid right after a fetch', async () => {
    const v = verifier();
    await v.verify(await sign());
    const before = server.fetches;
    await expectRefused(await sign({}, foreign), 'TOKEN_INVALID', v);
    expect(server.fetches).toBe(before);
  });

  it('reports an unreachable key set as JWKS_UNAVAILABLE, retryable', async () => {
    const down = await startJwksServer({ keys: [] });
    const url = down.url;
    await down.close();
    const v = createJwtVerifier({ jwksUrl: url, issuer: ISSUER, audience: AUDIENCE });
    const error = await expectRefused(await sign(), 'JWKS_UNAVAILABLE', v);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('reports a key set that does not answer 200 or is not a key set as JWKS_UNAVAILABLE', async () => {
    const missing = createJwtVerifier({
      jwksUrl: server.url.replace('jwks.json', 'nothing.json'),
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    await expectRefused(await sign(), 'JWKS_UNAVAILABLE', missing);
    server.publish({ keys: 'none' } as never);
    await expectRefused(await sign(), 'JWKS_UNAVAILABLE', verifier());
  });

  it('recovers once the key set is reachable again', async () => {
    server.publish({ keys: 'none' } as never);
    const v = verifier();
    await expectRefused(await sign(), 'JWKS_UNAVAILABLE', v);
    server.publish({ keys: [es256.publicJwk] });
    await expect(v.verify(await sign())).resolves.toMatchObject({ accountId: 'alice' });
  });
});
