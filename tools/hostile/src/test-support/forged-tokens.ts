// Tokens signed with the stack's own issuer key (so only the claim or header under attack is
// wrong), and the forgeries an attacker can make without that key. Every token made here is
// recorded as a secret: the end-of-run scan checks the stack never logged one.
import { createHmac, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { RpcSocket, UpgradeRefused, type RpcAnswer } from '@perp/trader-client';
import { recordSecret, type HostileStack } from './hostile-context.ts';

export interface IssuerKey {
  readonly kid: string;
  readonly alg: 'ES256' | 'RS256';
  readonly privateKey: CryptoKey;
  /** The public half, as the issuer's JWKS publishes it. */
  readonly publicJwk: JWK;
}

export interface TokenOverrides {
  readonly accountId?: string;
  readonly roles?: readonly string[];
  /** Claims set over the valid ones; `undefined` removes a claim. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Header members over `{ alg, kid }`; `undefined` removes one. */
  readonly header?: Readonly<Record<string, unknown>>;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'];

// The ledger keeps one value per name: every token gets a name of its own.
let tokensMade = 0;
const remember = (what: string, token: string) =>
  recordSecret(`${what} #${++tokensMade} of pid ${process.pid}`, token);

export async function loadIssuerKey(stack: HostileStack): Promise<IssuerKey> {
  const text = await readFile(
    join(stack.identityEnv.IDENTITY_DATA_DIR, 'signing-key.json'),
    'utf8',
  );
  const jwk = JSON.parse(text) as JWK & { alg: 'ES256' | 'RS256'; kid: string };
  const privateKey = (await importJWK(jwk, jwk.alg)) as CryptoKey;
  const publicJwk: JWK = { kid: jwk.kid, alg: jwk.alg, use: 'sig' };
  for (const member of PUBLIC_MEMBERS) {
    const value = (jwk as Record<string, unknown>)[member];
    if (typeof value === 'string') (publicJwk as Record<string, unknown>)[member] = value;
  }
  return { kid: jwk.kid, alg: jwk.alg, privateKey, publicJwk };
}

/** The claims of a valid trader access token, as tools/identity's access-token.ts issues them. */
export function validClaims(stack: HostileStack, overrides: TokenOverrides = {}): JWTPayload {
  const accountId = overrides.accountId ?? 'alice';
  const roles = overrides.roles ?? ['trader'];
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    client_id: stack.audience,
    token_use: 'access',
    'custom:account_id': accountId,
    username: accountId,
    ...(roles.length > 0 ? { 'cognito:groups': [...roles] } : {}),
    iss: stack.issuerUrl,
    sub: accountId,
    iat: now,
    exp: now + 600,
    jti: crypto.randomUUID(),
  };
  for (const [name, value] of Object.entries(overrides.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims as JWTPayload;
}

function protectedHeader(
  base: Record<string, unknown>,
  overrides: TokenOverrides['header'],
): Record<string, unknown> {
  const header = { ...base };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete header[name];
    else header[name] = value;
  }
  return header;
}

/** Signs with `key` (the issuer's by default) after applying the overrides; recorded as a secret. */
export async function signToken(
  stack: HostileStack,
  key: IssuerKey,
  overrides: TokenOverrides = {},
): Promise<string> {
  const header = protectedHeader({ alg: key.alg, kid: key.kid }, overrides.header);
  const token = await new SignJWT(validClaims(stack, overrides))
    .setProtectedHeader(header as { alg: string })
    .sign(key.privateKey);
  remember('a token the suite signed', token);
  return token;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWS whose signature is made by hand (alg none, HMAC): jose refuses to sign those. */
function handSigned(
  header: Record<string, unknown>,
  claims: JWTPayload,
  sign: (input: string) => string,
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const token = `${input}.${sign(input)}`;
  remember('a forged token', token);
  return token;
}

export interface Forgery {
  /** The attack family it is counted under, e.g. "auth: alg none". */
  readonly family: string;
  readonly name: string;
  readonly token: string;
}

/** A freshly generated key claiming the issuer's kid: the JWKS has that kid, with another key. */
async function impostorKey(alg: 'ES256' | 'RS256', kid: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: await exportJWK(publicKey) };
}

/**
 * Every forgery of the authentication families, each claiming to be alice the trader (or, where
 * the claim under attack is the account, a stronger role). None may get in.
 */
export async function forgeries(stack: HostileStack, issuer: IssuerKey): Promise<Forgery[]> {
  const now = Math.floor(Date.now() / 1000);
  const claims = validClaims(stack);
  const spki = createPublicKey({ key: issuer.publicJwk as never, format: 'jwk' });
  // Key confusion: a verifier that takes the header's alg would HMAC with the public key it has.
  const hmacSecrets: Record<string, Buffer> = {
    'PEM (SPKI)': Buffer.from(spki.export({ type: 'spki', format: 'pem' }) as string),
    'DER (SPKI)': spki.export({ type: 'spki', format: 'der' }),
    'JWK JSON': Buffer.from(JSON.stringify(issuer.publicJwk)),
  };
  const hmac = (secret: Buffer, alg: 'sha256' | 'sha512') => (input: string) =>
    createHmac(alg, secret).update(input).digest('base64url');
  const signed = (
    family: string,
    name: string,
    overrides: TokenOverrides,
    key: IssuerKey = issuer,
  ): Promise<Forgery> =>
    signToken(stack, key, overrides).then((token) => ({ family, name, token }));

  const valid = await signToken(stack, issuer);
  const [header, , signature] = valid.split('.') as [string, string, string];
  const tamper = (name: string, changes: Record<string, unknown>): Forgery => {
    const token = `${header}.${b64({ ...claims, ...changes })}.${signature}`;
    remember('a tampered token', token);
    return { family: 'auth: tampered payload', name, token };
  };

  const none = 'auth: alg none';
  const hs = 'auth: HMAC keyed with the public key';
  const impostor = 'auth: another key with the issuer kid';
  const expired = 'auth: expired token';
  const early = 'auth: not yet valid';
  const iss = 'auth: wrong issuer';
  const aud = 'auth: wrong audience / client_id';
  const kid = 'auth: unknown kid';
  const use = 'auth: id token as access token';
  const tampered = 'auth: tampered payload';
  return [
    {
      family: none,
      name: 'alg none',
      token: handSigned({ alg: 'none', typ: 'JWT' }, claims, () => ''),
    },
    {
      family: none,
      name: 'alg none with kid',
      token: handSigned({ alg: 'none', kid: issuer.kid }, claims, () => ''),
    },
    {
      family: none,
      name: 'alg NONE with a signature',
      token: handSigned({ alg: 'NONE', kid: issuer.kid }, claims, () => signature),
    },
    {
      family: none,
      name: 'no alg at all',
      token: handSigned({ kid: issuer.kid }, claims, () => signature),
    },
    ...Object.entries(hmacSecrets).flatMap(([form, secret]) => [
      {
        family: hs,
        name: `HS256 (${form})`,
        token: handSigned({ alg: 'HS256', kid: issuer.kid }, claims, hmac(secret, 'sha256')),
      },
      {
        family: hs,
        name: `HS512 (${form})`,
        token: handSigned({ alg: 'HS512', kid: issuer.kid }, claims, hmac(secret, 'sha512')),
      },
    ]),
    await signed(impostor, 'ES256 by another key', {}, await impostorKey('ES256', issuer.kid)),
    await signed(impostor, 'RS256 by another key', {}, await impostorKey('RS256', issuer.kid)),
    await signed(expired, 'a minute ago', { claims: { iat: now - 700, exp: now - 60 } }),
    await signed(expired, 'just beyond the 5 s tolerance', {
      claims: { iat: now - 700, exp: now - 30 },
    }),
    await signed(expired, 'exp as a string', { claims: { exp: String(now + 600) } }),
    await signed(expired, 'no exp at all', { claims: { exp: undefined } }),
    await signed(early, 'nbf an hour ahead', { claims: { nbf: now + 3600 } }),
    await signed(early, 'iat an hour ahead', { claims: { iat: now + 3600, exp: now + 7200 } }),
    await signed(iss, 'another issuer', { claims: { iss: 'https://issuer.example' } }),
    await signed(iss, 'a trailing slash', { claims: { iss: `${stack.issuerUrl}/` } }),
    await signed(iss, 'upper case', { claims: { iss: stack.issuerUrl.toUpperCase() } }),
    await signed(iss, 'no issuer', { claims: { iss: undefined } }),
    await signed(aud, 'another client_id', { claims: { client_id: `${stack.audience}-other` } }),
    await signed(aud, 'no client_id and no aud', { claims: { client_id: undefined } }),
    await signed(aud, 'aud of another app', {
      claims: { client_id: undefined, aud: ['other-app', `${stack.audience} `] },
    }),
    await signed(aud, 'client_id as an array', { claims: { client_id: [stack.audience] } }),
    await signed(kid, 'a kid the JWKS never had', { header: { kid: 'rotated-away-kid' } }),
    await signed(kid, 'the kid one character longer', { header: { kid: `${issuer.kid}x` } }),
    await signed(use, 'token_use id', { claims: { token_use: 'id' } }),
    await signed(use, 'token_use refresh', { claims: { token_use: 'refresh' } }),
    tamper('another account', { 'custom:account_id': 'bob', sub: 'bob' }),
    tamper('admin role', { 'cognito:groups': ['trader', 'admin'] }),
    tamper('exp a year later', { exp: now + 365 * 86_400 }),
    { family: tampered, name: 'signature stripped', token: `${header}.${valid.split('.')[1]}.` },
    {
      family: tampered,
      name: 'header swapped to alg none',
      token: `${b64({ alg: 'none' })}.${valid.split('.')[1]}.${signature}`,
    },
  ];
}

// How the real gateway answers a token, at the upgrade and at auth.login: what the attacks count.

/** The upgrade's HTTP status, or 'open' when a socket was let in (closed again at once). */
export async function upgradeWith(
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<number | 'open'> {
  try {
    const socket = await RpcSocket.open(url, { headers, handshakeTimeoutMs: 30_000 });
    await socket.close();
    return 'open';
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

export const upgradeWithToken = (url: string, token: string) =>
  upgradeWith(url, { authorization: `Bearer ${token}` });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request, sent again after `retryAfterMs` when the connection's request budget (50/s) says
 * 10003: a flood of attacks must be refused for the attack, not for the rate.
 */
export async function call(
  socket: RpcSocket,
  method: string,
  params?: unknown,
): Promise<RpcAnswer> {
  for (;;) {
    const answer = await socket.request(method, params);
    if (answer.error?.code !== 10003) return answer;
    const data = answer.error.data as { retryAfterMs?: number } | undefined;
    await sleep(Math.max(50, data?.retryAfterMs ?? 200));
  }
}

export const errorCode = (answer: RpcAnswer): number | undefined => answer.error?.code;
