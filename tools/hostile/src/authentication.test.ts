// Forged, stale and garbage tokens against the real gateway, at both doors: the upgrade
// (`Authorization: Bearer`, documented answer HTTP 401 and no socket) and auth.login (10001, the
// socket stays unauthenticated). Each family counts what it tried and what got in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { startBackingServices, type BackingServices } from '@perp/local-stack';
import { RpcSocket } from '@perp/trader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  errorCode,
  forgeries,
  loadIssuerKey,
  signToken,
  upgradeWith,
  upgradeWithToken,
  type Forgery,
  type IssuerKey,
} from './test-support/forged-tokens.ts';
import { hostileStack, recordAttacks, recordSecret } from './test-support/hostile-context.ts';

const stack = hostileStack();
let issuer: IssuerKey;
let anonymous: RpcSocket;
let anonymousSince = 0;

// The gateway closes a socket that has not logged in within 10 s (ws-api.md): the logins are tried
// on one socket at a time, a fresh one every few seconds.
const ANONYMOUS_FOR_MS = 6_000;
async function openAnonymous(): Promise<void> {
  await anonymous?.close();
  anonymous = await RpcSocket.open(stack.wsUrl, { handshakeTimeoutMs: 30_000 });
  anonymousSince = Date.now();
}

beforeAll(async () => {
  issuer = await loadIssuerKey(stack);
  await openAnonymous();
});

afterAll(async () => {
  await anonymous?.close();
});

/** Whether auth.login refused `token` (10001, or -32602 for what is not even JWT-shaped). */
async function loginRefused(token: unknown, allowInvalidParams = false): Promise<boolean> {
  if (Date.now() - anonymousSince > ANONYMOUS_FOR_MS) await openAnonymous();
  const answer = await call(anonymous, 'auth.login', { token });
  const code = errorCode(answer);
  return code === 10001 || (allowInvalidParams && code === -32602);
}

/** After every refused login the socket must still be unauthenticated. */
async function stillAnonymous(): Promise<boolean> {
  return errorCode(await call(anonymous, 'account.get')) === 10001;
}

describe('the controls: a valid token gets in at both doors', () => {
  it('so every refusal below is the attack being refused, not the stack being down', async () => {
    const token = await signToken(stack, issuer);
    expect(await upgradeWithToken(stack.wsUrl, token)).toBe('open');
    const socket = await RpcSocket.open(stack.wsUrl);
    const login = await call(socket, 'auth.login', { token });
    expect(login.result).toMatchObject({ accountId: 'alice', roles: ['trader'] });
    await socket.close();
  });
});

describe('forged tokens at the upgrade and at auth.login', () => {
  it('refuses every forgery: HTTP 401 at the upgrade, 10001 at login', async () => {
    const all = await forgeries(stack, issuer);
    const families = new Map<string, Forgery[]>();
    for (const forgery of all)
      families.set(forgery.family, [...(families.get(forgery.family) ?? []), forgery]);
    const letInNames: string[] = [];
    for (const [family, members] of families) {
      let letIn = 0;
      for (const { name, token } of members) {
        recordSecret(`forged token (${name})`, token);
        const upgrade = await upgradeWithToken(stack.wsUrl, token);
        if (upgrade !== 401) {
          letIn++;
          letInNames.push(`${family} / ${name} at the upgrade: ${upgrade}`);
        }
        if (!(await loginRefused(token)) || !(await stillAnonymous())) {
          letIn++;
          letInNames.push(`${family} / ${name} at auth.login`);
        }
      }
      recordAttacks({ attack: family, tried: members.length * 2, letIn });
    }
    expect(letInNames).toEqual([]);
  });
});

describe('malformed Authorization headers at the upgrade', () => {
  it('answers 401 to anything that is not "Bearer <jwt>"', async () => {
    const token = await signToken(stack, issuer);
    const headers = [
      `Basic ${Buffer.from('alice:password').toString('base64')}`,
      `Bearer`,
      `Bearer ${token} ${token}`,
      `Bearer ${token}garbage`,
      `Token ${token}`,
      token,
      `Bearer ${token.split('.').slice(0, 2).join('.')}`,
      // Over the verifier's 8192-character bound, under Node's 16 KiB header limit.
      `Bearer ${'a'.repeat(5000)}.${'b'.repeat(4000)}.c`,
    ];
    const answers = [];
    for (const authorization of headers)
      answers.push(await upgradeWith(stack.wsUrl, { authorization }));
    // Beyond 16 KiB Node's HTTP parser refuses the request itself (431), before the gateway.
    const huge = await upgradeWith(stack.wsUrl, { authorization: `Bearer ${'a'.repeat(20_000)}` });
    const letIn = answers.filter((status) => status !== 401).length + (huge === 431 ? 0 : 1);
    recordAttacks({
      attack: 'auth: malformed Authorization header',
      tried: headers.length + 1,
      letIn,
    });
    expect(answers).toEqual(headers.map(() => 401));
    expect(huge).toBe(431);
  });
});

describe('garbage and truncated tokens (fast-check)', () => {
  // Header-safe characters at the upgrade (ws refuses to send others); anything at login.
  const headerSafe = fc.stringMatching(/^[\x21-\x7e]{0,300}$/);
  const jwtShaped = fc
    .tuple(fc.base64String(), fc.base64String(), fc.base64String())
    .map((parts) => parts.map((part) => part.replace(/[+/=]/g, '')).join('.'));

  it('refuses random strings, JWT-shaped noise and cut or flipped valid tokens', async () => {
    const valid = await signToken(stack, issuer);
    const signingInput = valid.slice(0, valid.lastIndexOf('.'));
    // A cut anywhere, or one character changed in the signed part (the signature's last
    // character can carry padding bits only, so it is left alone).
    const mutated = fc.oneof(
      fc.integer({ min: 0, max: valid.length - 1 }).map((end) => valid.slice(0, end)),
      fc
        .tuple(fc.integer({ min: 0, max: signingInput.length - 1 }), fc.constantFrom(...'AQgw-_x9'))
        .filter(([at, char]) => valid[at] !== char && valid[at] !== '.')
        .map(([at, char]) => `${valid.slice(0, at)}${char}${valid.slice(at + 1)}`),
    );
    let tried = 0;
    let letIn = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(headerSafe, jwtShaped, mutated), async (token) => {
        tried += 2;
        const upgrade = await upgradeWithToken(stack.wsUrl, token);
        const refused = upgrade === 401 && (await loginRefused(token, true));
        if (!refused) letIn++;
        return refused;
      }),
      { numRuns: stack.runs },
    );
    // Any string at all, unicode and control characters included, at login only.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), fc.anything()), async (token) => {
        tried++;
        const refused = await loginRefused(token, true);
        if (!refused) letIn++;
        return refused;
      }),
      { numRuns: stack.runs },
    );
    const anonymousStill = await stillAnonymous();
    if (!anonymousStill) letIn++;
    recordAttacks({ attack: 'auth: garbage and truncated tokens', tried, letIn });
    expect(anonymousStill).toBe(true);
    expect(letIn).toBe(0);
  });
});

describe('a token that expires during the session', () => {
  it('answers 10001 on the open socket once exp has passed', async () => {
    // The session ends at exp by the gateway's clock (the 5 s tolerance is for the login only).
    const exp = Math.floor(Date.now() / 1000) + 3;
    const token = await signToken(stack, issuer, { claims: { exp } });
    const socket = await RpcSocket.open(stack.wsUrl, { token, handshakeTimeoutMs: 30_000 });
    const before = await call(socket, 'orders.open', {});
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 + 500 - Date.now()));
    const after = [
      await call(socket, 'orders.open', {}),
      await call(socket, 'account.get'),
      await call(socket, 'subscribe', { channels: ['orders'] }),
    ];
    await socket.close();
    const letIn = after.filter((answer) => errorCode(answer) !== 10001).length;
    recordAttacks({ attack: 'auth: token expired during the session', tried: after.length, letIn });
    expect(before.result).toBeDefined();
    expect(after.map(errorCode)).toEqual([10001, 10001, 10001]);
  });
});

describe('a valid token for an account the platform never created', () => {
  // The platform has no account deletion or disabling (docs/ws-api.md lists only
  // admin.account.create): the closest case is a well-signed token for an account that does not
  // exist. The token is genuine, so the socket opens; what matters is that it can do nothing.
  it('lets the socket in but places, reads and subscribes nothing for the ghost account', async () => {
    const ghost = `ghost-${crypto.randomUUID().slice(0, 8)}`;
    const token = await signToken(stack, issuer, { accountId: ghost });
    const socket = await RpcSocket.open(stack.wsUrl, {
      token,
      handshakeTimeoutMs: 30_000,
      recordFrames: true,
    });
    const place = await call(socket, 'order.place', {
      clientOrderId: 'ghost-1',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'market',
      quantity: '0.001',
      respType: 'result',
    });
    const answers = {
      place,
      get: await call(socket, 'order.get', { clientOrderId: 'ghost-1' }),
      account: await call(socket, 'account.get'),
      positions: await call(socket, 'positions.list'),
      cancelAll: await call(socket, 'order.cancelAll', {}),
      subscribe: await call(socket, 'subscribe', { channels: ['orders', 'account'] }),
    };
    await new Promise((resolve) => setTimeout(resolve, 500));
    const notices = socket.noticesOf('subscription');
    await socket.close();
    // ws-api.md: "An authenticated caller with no trading account gets 10002 on trading and
    // account methods". order.place and account.get do; positions.list answers [], order.cancelAll
    // queues a command (the OMS ignores it) and the private channels subscribe with empty
    // snapshots: not as documented (see the report), but nothing is placed and nothing shown.
    const data = JSON.stringify([answers.positions.result, notices]);
    const leaked = data.includes('"orderId"') || data.includes('"symbol"');
    const cases = [
      errorCode(answers.place) === 10002,
      errorCode(answers.get) === 10005,
      errorCode(answers.account) === 10002,
      !leaked,
    ];
    const letIn = cases.filter((refused) => !refused).length;
    recordAttacks({ attack: 'auth: account that does not exist', tried: cases.length, letIn });
    expect({ place: answers.place.error?.code, get: answers.get.error?.code, leaked }).toEqual({
      place: 10002,
      get: 10005,
      leaked: false,
    });
    expect(answers.account.error?.code).toBe(10002);
    expect(letIn).toBe(0);
  });
});

describe('JWKS key rotation on a second gateway process', () => {
  // The stack's issuer cannot rotate its key, so a gateway of our own trusts a key set this test
  // serves and changes. jose refetches the set for an unknown kid at most every 30 s, and a
  // refetch replaces the whole set: the removed key is refused from then on.
  const iss = 'https://rotating-issuer.example';
  const audience = 'rotation-client';
  let published: JWK[] = [];
  const fetchedAt: number[] = [];
  let jwks: Server;
  let services: BackingServices | undefined;
  let gatewayUrl = '';
  let gatewayAlive = () => false;

  const newKey = async (kid: string): Promise<IssuerKey> => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return { kid, alg: 'ES256', privateKey, publicJwk };
  };
  const tokenOf = (key: IssuerKey, header: Record<string, unknown> = {}) =>
    signToken(stack, key, { claims: { iss, client_id: audience }, header });

  beforeAll(async () => {
    jwks = createServer((_request, response) => {
      fetchedAt.push(Date.now());
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    services = await startBackingServices({ name: 'hostile-jwks' });
    const gateway = await services.startProcess('gateway', {
      portVariable: 'GATEWAY_PORT',
      env: {
        GATEWAY_HOST: '127.0.0.1',
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        AUTH_ISSUER: iss,
        AUTH_AUDIENCE: audience,
      },
    });
    gatewayUrl = `ws://127.0.0.1:${gateway.port}/v1/ws`;
    gatewayAlive = () => gateway.child.exitCode === null && gateway.child.signalCode === null;
  }, 180_000);

  afterAll(async () => {
    await services?.dispose();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('accepts the new kid without a restart and refuses the removed key once the set is refetched', async () => {
    const [oldKey, newer] = await Promise.all([newKey('key-2026-a'), newKey('key-2026-b')]);
    published = [oldKey.publicJwk];
    const oldToken = await tokenOf(oldKey);
    const newToken = await tokenOf(newer);
    expect(await upgradeWithToken(gatewayUrl, oldToken)).toBe('open');

    published = [newer.publicJwk];
    // Within 30 s of the last fetch the unknown kid is refused without asking the issuer again.
    const early = await upgradeWithToken(gatewayUrl, newToken);
    const lastFetch = fetchedAt.at(-1) ?? Date.now();
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, lastFetch + 31_000 - Date.now())),
    );
    const rotated = await upgradeWithToken(gatewayUrl, newToken);
    const removed = await upgradeWithToken(gatewayUrl, oldToken);
    const removedAtLogin = await RpcSocket.open(gatewayUrl, { handshakeTimeoutMs: 30_000 });
    const login = errorCode(await call(removedAtLogin, 'auth.login', { token: oldToken }));
    await removedAtLogin.close();

    // Made-up kids cannot make the gateway hammer the issuer: one refetch per 30 s at most.
    const fetchesBefore = fetchedAt.length;
    let floodLetIn = 0;
    for (let i = 0; i < 30; i++) {
      const forged = await tokenOf(newer, { kid: `made-up-${i}` });
      if ((await upgradeWithToken(gatewayUrl, forged)) !== 401) floodLetIn++;
    }
    const floodFetches = fetchedAt.length - fetchesBefore;

    const letIn = (early === 401 ? 0 : 1) + (removed === 401 ? 0 : 1) + (login === 10001 ? 0 : 1);
    recordAttacks({ attack: 'auth: key removed from the JWKS', tried: 3, letIn });
    recordAttacks({ attack: 'auth: made-up kids against the JWKS', tried: 30, letIn: floodLetIn });
    expect({ early, rotated, removed, login, floodLetIn }).toEqual({
      early: 401,
      rotated: 'open',
      removed: 401,
      login: 10001,
      floodLetIn: 0,
    });
    expect(floodFetches).toBeLessThanOrEqual(1);
    // The same process throughout: the rotation was picked up, not restarted into.
    expect(gatewayAlive()).toBe(true);
  }, 120_000);
});
