// The issuer as the stack runs it: main.ts as a child process, tokens from the CLI as a developer
// gets them, verified by @perp/auth exactly as the gateway will.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuthError, createJwtVerifier } from '@perp/auth';
import { ENTRY_POINTS, runNodeProgram } from '@perp/local-stack';
import { freePort, startNodeService, type NodeService } from '@perp/test-services';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokens, TokenEndpointError } from '@perp/trader-client';
import { hashClientSecret } from './machine-clients.ts';
import { runTokenCli } from './test-support/run-token-cli.ts';

const ENTRY = resolve(import.meta.dirname, 'main.ts');
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

let dataDir: string;
let port: number;
let env: Record<string, string>;
let issuer: string;
const running: NodeService[] = [];

async function startIssuer(extraEnv: Record<string, string> = {}): Promise<NodeService> {
  const service = await startNodeService({
    name: 'identity',
    entry: ENTRY,
    env: { ...env, LOG_FORMAT: 'json', ...extraEnv },
    portVariable: 'IDENTITY_PORT',
    port,
  });
  running.push(service);
  return service;
}

async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((service) => service.stop()));
}

const verifier = () =>
  createJwtVerifier({
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    issuer,
    audience: 'perp-local',
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'identity-'));
  port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  env = { IDENTITY_DATA_DIR: dataDir, IDENTITY_HOST: '127.0.0.1', IDENTITY_PORT: String(port) };
});
afterEach(stopAll);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('identity issuer and token CLI', () => {
  let firstToken: string;

  it('prints only a token, signed with a key it creates, that verifies against the issuer', async () => {
    // No server yet: the CLI creates the key the server will publish.
    const cli = await runTokenCli(['--account', 'alice', '--roles', 'trader,viewer'], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(cli.stderr).toMatch(/created a signing key/);
    firstToken = cli.stdout.trim();

    const before = Date.now();
    await startIssuer();
    const principal = await verifier().verify(firstToken);
    expect(principal).toMatchObject({
      accountId: 'alice',
      subject: 'alice',
      roles: ['trader', 'viewer'],
    });
    expect(principal.expiresAt).toBeGreaterThan(before + 12 * 3600_000 - 60_000);
    expect(principal.expiresAt).toBeLessThanOrEqual(Date.now() + 12 * 3600_000);
  });

  it('issues Cognito-style access tokens; default role trader', async () => {
    const cli = await runTokenCli(['--account', 'bob', '--ttl', '15m'], env);
    expect(cli.stderr).toBe('');
    const token = cli.stdout.trim();
    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: expect.any(String) });
    expect(claims).toEqual({
      iss: issuer,
      sub: 'bob',
      username: 'bob',
      client_id: 'perp-local',
      token_use: 'access',
      'custom:account_id': 'bob',
      'cognito:groups': ['trader'],
      iat: expect.any(Number),
      exp: (claims.iat ?? 0) + 900,
      jti: expect.any(String),
    });
    await startIssuer();
    await expect(verifier().verify(token)).resolves.toMatchObject({ roles: ['trader'] });
  });

  it('issues a client-credentials style token with --scope, which the verifier maps to a role', async () => {
    const cli = await runTokenCli(
      ['--account', 'mm', '--scope', 'perp-api/trade', '--ttl', '1h'],
      env,
    );
    expect(cli.stderr).toBe('');
    const token = cli.stdout.trim();
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      iss: issuer,
      sub: 'perp-local',
      client_id: 'perp-local',
      token_use: 'access',
      scope: 'perp-api/trade',
      'custom:account_id': 'mm',
      iat: expect.any(Number),
      exp: (claims.iat ?? 0) + 3600,
      jti: expect.any(String),
    });
    await startIssuer();
    await expect(verifier().verify(token)).resolves.toMatchObject({
      accountId: 'mm',
      subject: 'perp-local',
      roles: ['trader'],
    });
  });

  it('serves public keys only, and the discovery document', async () => {
    const service = await startIssuer();
    const jwksResponse = await fetch(`${service.url}/.well-known/jwks.json`);
    expect(jwksResponse.headers.get('content-type')).toMatch(/application\/json/);
    const jwks = (await jwksResponse.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    for (const key of jwks.keys)
      for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]?.['kid']).toBe(decodeProtectedHeader(firstToken).kid);

    const discovery = await (await fetch(`${service.url}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    for (const path of ['/health', '/ready', '/metrics'])
      expect((await fetch(`${service.url}${path}`)).status).toBe(200);
  });

  it('keeps its key across restarts: same kid, earlier tokens still verify', async () => {
    const kidOf = async (service: NodeService) => {
      const jwks = (await (await fetch(`${service.url}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      return jwks.keys.map((key) => key.kid);
    };
    const first = await kidOf(await startIssuer());
    await stopAll();
    const second = await startIssuer();
    expect(await kidOf(second)).toEqual(first);
    await expect(verifier().verify(firstToken)).resolves.toMatchObject({ accountId: 'alice' });
  });

  it('never logs a key', async () => {
    const service = await startIssuer();
    await fetch(`${service.url}/.well-known/jwks.json`);
    await stopAll();
    expect(service.output()).toMatch(/identity issuer listening/);
    expect(service.output()).not.toMatch(/"d"\s*:/);
  });

  it('rejects a token from the CLI that the verifier is not configured for', async () => {
    const other = await runTokenCli(['--account', 'alice'], {
      ...env,
      IDENTITY_AUDIENCE: 'other-app',
    });
    await startIssuer();
    const error = await verifier()
      .verify(other.stdout.trim())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it.each([
    [['--account', 'alice', '--roles', 'trader,superuser'], /unknown role "superuser"/],
    [['--account', 'not valid!'], /--account: "not valid!" is not an account id/],
    [['--account', 'alice', '--ttl', '12 parsecs'], /--ttl: "12 parsecs" is not a lifetime/],
    [['--roles', 'trader'], /--account <id> is required/],
    [['--account', 'alice', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a message and no token for %j', async (args, message) => {
    const cli = await runTokenCli(args, env);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(message);
    expect(cli.stderr).toMatch(/usage: npm run token/);
  });

  it('prints its usage on --help', async () => {
    const cli = await runTokenCli(['--help'], env);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toMatch(/^usage: npm run token -- --account <id>/);
  });
});

describe('token endpoint (client-credentials grant)', () => {
  const CLIENT_ID = 'perp-local-market-maker';
  // base64url: unreserved characters only, the same form-urlencoded or not (as `curl -u` sends it).
  const SECRET = randomBytes(24).toString('base64url');
  const TTL_SECONDS = 900;
  let clientsFile: string;
  let tokenUrl: string;

  const machineVerifier = () =>
    createJwtVerifier({ jwksUrl: `${issuer}/.well-known/jwks.json`, issuer, audience: CLIENT_ID });
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const requestToken = (
    body: Record<string, string>,
    headers: Record<string, string> = { authorization: basic(CLIENT_ID, SECRET) },
  ) =>
    fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body),
    });
  const startWithClients = () =>
    startIssuer({
      IDENTITY_CLIENTS_FILE: clientsFile,
      IDENTITY_CLIENT_TOKEN_TTL_SECONDS: String(TTL_SECONDS),
    });

  beforeAll(async () => {
    tokenUrl = `${issuer}/oauth2/token`;
    clientsFile = join(dataDir, 'clients.json');
    await writeFile(
      clientsFile,
      JSON.stringify({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecretSha256: hashClientSecret(SECRET),
            accountId: 'mm',
            scopes: ['perp-api/trade', 'perp-api/read'],
          },
        ],
      }),
    );
  });

  it('issues a token by HTTP Basic and by client_secret_post that verifies for the client', async () => {
    const service = await startWithClients();
    const discovery = await (await fetch(`${service.url}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      token_endpoint: tokenUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });

    const tokens: string[] = [];
    for (const response of [
      await requestToken({ grant_type: 'client_credentials', scope: 'perp-api/trade' }),
      await requestToken(
        {
          grant_type: 'client_credentials',
          scope: 'perp-api/trade',
          client_id: CLIENT_ID,
          client_secret: SECRET,
        },
        {},
      ),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('pragma')).toBe('no-cache');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        access_token: expect.any(String),
        expires_in: TTL_SECONDS,
        token_type: 'Bearer',
      });
      const token = body['access_token'] as string;
      tokens.push(token);
      const claims = decodeJwt(token);
      expect(claims).toEqual({
        iss: issuer,
        sub: CLIENT_ID,
        client_id: CLIENT_ID,
        token_use: 'access',
        scope: 'perp-api/trade',
        'custom:account_id': 'mm',
        iat: expect.any(Number),
        exp: (claims.iat ?? 0) + TTL_SECONDS,
        jti: expect.any(String),
      });
      await expect(machineVerifier().verify(token)).resolves.toMatchObject({
        accountId: 'mm',
        subject: CLIENT_ID,
        roles: ['trader'],
      });
      // Not a token of the issuer's own audience (IDENTITY_AUDIENCE).
      await expect(verifier().verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    }

    await stopAll();
    for (const token of tokens) expect(service.output()).not.toContain(token);
    expect(service.output()).not.toContain(SECRET);
    expect(service.output()).toMatch(/issued a client-credentials token/);
  });

  it('serves the trader client’s ClientCredentialsTokens: cached, refreshed, refused without the secret', async () => {
    // Two seconds: due for refresh after 1.6 s (a fifth of the lifetime left).
    const service = await startIssuer({
      IDENTITY_CLIENTS_FILE: clientsFile,
      IDENTITY_CLIENT_TOKEN_TTL_SECONDS: '2',
    });
    const tokens = new ClientCredentialsTokens({
      tokenUrl: `${service.url}/oauth2/token`,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      scope: 'perp-api/trade',
    });
    const [first, concurrent] = await Promise.all([tokens.get(), tokens.get()]);
    expect(concurrent).toBe(first);
    expect(await tokens.get()).toBe(first);
    const principal = await machineVerifier().verify(first);
    expect(principal).toMatchObject({ accountId: 'mm', roles: ['trader'] });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const refreshed = await tokens.get();
    expect(refreshed).not.toBe(first);
    expect(decodeJwt(refreshed).exp ?? 0).toBeGreaterThan(decodeJwt(first).exp ?? 0);

    const refused = await new ClientCredentialsTokens({
      tokenUrl: `${service.url}/oauth2/token`,
      clientId: CLIENT_ID,
      clientSecret: 'not-the-secret',
    })
      .get()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenEndpointError);
    expect(refused).toMatchObject({ retryable: false, status: 401, oauthError: 'invalid_client' });
    expect(String((refused as Error).message)).not.toContain('not-the-secret');

    const unreachable = await new ClientCredentialsTokens({
      tokenUrl: `http://127.0.0.1:${await freePort()}/oauth2/token`,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
    })
      .get()
      .catch((error: unknown) => error);
    expect(unreachable).toMatchObject({ name: 'TokenEndpointError', retryable: true });
  });

  it('answers a wrong secret and an unknown client alike: 401 invalid_client', async () => {
    await startWithClients();
    const wrongSecret = await requestToken(
      { grant_type: 'client_credentials' },
      { authorization: basic(CLIENT_ID, 'not-the-secret') },
    );
    const unknownClient = await requestToken(
      { grant_type: 'client_credentials' },
      { authorization: basic('perp-local-nobody', SECRET) },
    );
    const bodies: unknown[] = [];
    for (const response of [wrongSecret, unknownClient]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="perp-local"');
      bodies.push(await response.json());
    }
    expect(bodies[0]).toEqual({
      error: 'invalid_client',
      error_description: expect.any(String),
    });
    expect(bodies[1]).toEqual(bodies[0]);

    const posted = await requestToken(
      { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' },
      {},
    );
    expect(posted.status).toBe(401);
    expect(await posted.json()).toEqual(bodies[0]);
  });

  it('refuses a scope not granted, another grant, a missing grant_type and a JSON body', async () => {
    await startWithClients();
    const cases: [Response, number, string][] = [
      [
        await requestToken({ grant_type: 'client_credentials', scope: 'perp-api/admin' }),
        400,
        'invalid_scope',
      ],
      [
        await requestToken({ grant_type: 'password', username: 'mm', password: 'x' }),
        400,
        'unsupported_grant_type',
      ],
      [await requestToken({ scope: 'perp-api/trade' }), 400, 'invalid_request'],
      [
        await fetch(tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: basic(CLIENT_ID, SECRET) },
          body: JSON.stringify({ grant_type: 'client_credentials' }),
        }),
        400,
        'invalid_request',
      ],
    ];
    for (const [response, status, error] of cases) {
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error, error_description: expect.any(String) });
    }
  });

  it('has no machine clients without IDENTITY_CLIENTS_FILE: invalid_client for all', async () => {
    await startIssuer();
    const response = await requestToken({ grant_type: 'client_credentials' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it.each([
    ['missing', 'missing.json', undefined, /cannot be read/],
    ['not JSON', 'broken.json', '{"clients": [', /is not valid JSON/],
    [
      'with a bad account id',
      'bad-account.json',
      JSON.stringify({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecretSha256: hashClientSecret(SECRET),
            accountId: 'not valid!',
            scopes: ['perp-api/trade'],
          },
        ],
      }),
      /clients\[0\]\.accountId/,
    ],
  ])(
    'exits non-zero, naming IDENTITY_CLIENTS_FILE, with a clients file %s',
    async (_case, name, text, message) => {
      const file = join(dataDir, name);
      if (text !== undefined) await writeFile(file, text);
      const run = await runNodeProgram(ENTRY_POINTS.identity, [], {
        env: { ...env, LOG_FORMAT: 'json', IDENTITY_CLIENTS_FILE: file },
        unset: (variable) => variable.startsWith('IDENTITY_'),
      });
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      const output = `${run.stdout}${run.stderr}`;
      expect(output).toMatch(/IDENTITY_CLIENTS_FILE/);
      expect(output).toMatch(message);
      expect(output).not.toMatch(/identity issuer listening/);
    },
  );
});
