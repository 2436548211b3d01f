// The token endpoint's edges, in-process (fastify inject); identity.test.ts runs the real process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@perp/logger';
import type { FastifyInstance } from 'fastify';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityEndpoints } from './config.ts';
import { buildIdentityServer } from './identity-server.ts';
import { hashClientSecret, type MachineClient } from './machine-clients.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

const SECRET = 'p@ss:w+rd %20/é';
const CLIENT: MachineClient = {
  clientId: 'perp-local-market-maker',
  clientSecretSha256: hashClientSecret(SECRET),
  accountId: 'mm',
  scopes: ['perp-api/trade', 'perp-api/read'],
};
const endpoints = identityEndpoints({
  IDENTITY_HOST: '127.0.0.1',
  IDENTITY_PORT: 9104,
  IDENTITY_ISSUER: undefined,
});
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// RFC 6749 §2.3.1: each part form-urlencoded, then joined and base64-encoded.
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${new URLSearchParams({ a: id }).toString().slice(2)}:${new URLSearchParams({ a: secret }).toString().slice(2)}`).toString('base64')}`;

let dir: string;
let key: SigningKey;
let app: FastifyInstance;
let logged = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'identity-token-'));
  key = await loadOrCreateSigningKey(dir);
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logged += chunk.toString();
      callback();
    },
  });
  app = buildIdentityServer({
    key,
    endpoints,
    logger: createLogger({ service: 'identity', level: 'info', destination }),
    clients: new Map([[CLIENT.clientId, CLIENT]]),
    clientTokenTtlSeconds: 600,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (payload: string, headers: Record<string, string> = FORM) =>
  app.inject({ method: 'POST', url: '/oauth2/token', headers, payload });

describe('POST /oauth2/token', () => {
  it('decodes Basic credentials form-urlencoded (RFC 6749 §2.3.1) and issues a signed token', async () => {
    const response = await post('grant_type=client_credentials', {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store', pragma: 'no-cache' });
    const body = response.json<{ access_token: string; expires_in: number; token_type: string }>();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ expires_in: 600, token_type: 'Bearer' });
    const { payload, protectedHeader } = await jwtVerify(
      body.access_token,
      await importJWK(key.publicJwk, key.alg),
      { issuer: endpoints.issuer },
    );
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(payload).toMatchObject({
      client_id: CLIENT.clientId,
      sub: CLIENT.clientId,
      token_use: 'access',
      'custom:account_id': 'mm',
      scope: 'perp-api/trade perp-api/read',
    });
    expect(payload).not.toHaveProperty('username');
    expect(payload).not.toHaveProperty('cognito:groups');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('takes client_secret_post, and a client_id in the body next to Basic when they agree', async () => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT.clientId,
      client_secret: SECRET,
    });
    expect((await post(body.toString())).statusCode).toBe(200);
    const both = await post(`grant_type=client_credentials&client_id=${CLIENT.clientId}`, {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(both.statusCode).toBe(200);
    const other = await post('grant_type=client_credentials&client_id=someone-else', {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ error: 'invalid_request' });
  });

  it.each([
    ['omitted', undefined, 'perp-api/trade perp-api/read'],
    ['empty (as if omitted)', '', 'perp-api/trade perp-api/read'],
    ['a subset', 'perp-api/read', 'perp-api/read'],
    ['repeated', 'perp-api/read  perp-api/read perp-api/trade', 'perp-api/read perp-api/trade'],
  ])('grants the scopes asked for: %s', async (_case, scope, granted) => {
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope !== undefined) body.set('scope', scope);
    const response = await post(body.toString(), {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(response.statusCode).toBe(200);
    expect(decodeJwt(response.json<{ access_token: string }>().access_token).scope).toBe(granted);
  });

  it.each([
    ['a scope not granted', 'perp-api/admin'],
    ['a granted scope and one not', 'perp-api/trade perp-api/admin'],
    ['a scope that is not a scope-token', 'perp-api/"trade"'],
    ['only spaces', '   '],
  ])('answers invalid_scope to %s', async (_case, scope) => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', scope });
    const response = await post(body.toString(), {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_scope',
      error_description: expect.any(String),
    });
  });

  it.each([
    ['a Bearer token', { authorization: 'Bearer abc' }, 'grant_type=client_credentials'],
    ['Basic that is not base64', { authorization: 'Basic ***' }, 'grant_type=client_credentials'],
    [
      'Basic without a colon',
      { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
      'grant_type=client_credentials',
    ],
    ['no authentication', {}, 'grant_type=client_credentials'],
    [
      'client_id without a secret',
      {},
      `grant_type=client_credentials&client_id=${CLIENT.clientId}`,
    ],
    [
      'a secret as typed, not form-urlencoded',
      {
        authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${SECRET}`).toString('base64')}`,
      },
      'grant_type=client_credentials',
    ],
  ])('answers 401 invalid_client with a Basic challenge to %s', async (_case, headers, body) => {
    const response = await post(body, { ...FORM, ...headers });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="perp-local"');
    expect(response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'client authentication failed',
    });
  });

  it.each([
    ['a repeated parameter', FORM, 'grant_type=client_credentials&grant_type=client_credentials'],
    ['no grant_type', FORM, `client_id=${CLIENT.clientId}`],
    ['an empty grant_type', FORM, 'grant_type='],
    ['a JSON body', { 'content-type': 'application/json' }, '{"grant_type":"client_credentials"}'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"grant_type'],
    ['a text body', { 'content-type': 'text/plain' }, 'grant_type=client_credentials'],
    ['a body too large', FORM, `grant_type=client_credentials&pad=${'x'.repeat(20_000)}`],
  ])('answers 400 invalid_request to %s', async (_case, headers, body) => {
    const response = await post(body, headers);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
    });
  });

  it('answers invalid_request to both authentication methods at once', async () => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT.clientId,
      client_secret: SECRET,
    });
    const response = await post(body.toString(), {
      ...FORM,
      authorization: basic(CLIENT.clientId, SECRET),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('counts tokens issued and requests refused', async () => {
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(
      /identity_tokens_issued_total\{client_id="perp-local-market-maker",service="identity"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /identity_token_requests_refused_total\{error="invalid_client",service="identity"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /identity_token_requests_refused_total\{error="unsupported_grant_type",service="identity"\} 0/,
    );
  });

  it('logs neither the secret nor a token', () => {
    expect(logged).toMatch(/issued a client-credentials token/);
    expect(logged).toMatch(/token request refused/);
    expect(logged).not.toContain('p@ss');
    expect(logged).not.toContain(encodeURIComponent(SECRET));
    expect(logged).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });
});

describe('discovery', () => {
  it('names the token endpoint, its grant and its client authentication methods', async () => {
    const discovery = (
      await app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })
    ).json<Record<string, unknown>>();
    expect(discovery).toMatchObject({
      token_endpoint: 'http://127.0.0.1:9104/oauth2/token',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });
});
