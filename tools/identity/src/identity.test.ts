// The issuer as the stack runs it: main.ts as a child process, tokens from the CLI as a developer
// gets them, verified by @perp/auth exactly as the gateway will.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuthError, createJwtVerifier } from '@perp/auth';
import { freePort, startNodeService, type NodeService } from '@perp/test-services';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCli } from './test-support/run-token-cli.ts';

const ENTRY = resolve(import.meta.dirname, 'main.ts');
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

let dataDir: string;
let port: number;
let env: Record<string, string>;
let issuer: string;
const running: NodeService[] = [];

async function startIssuer(): Promise<NodeService> {
  const service = await startNodeService({
    name: 'identity',
    entry: ENTRY,
    env: { ...env, LOG_FORMAT: 'json' },
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
