import { createJwtVerifier } from '@perp/auth';
import { AuthLoginResult, JsonRpcErrorResponse } from '@perp/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  openSocket,
  upgradeRefusal,
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import type { RpcSocket } from '@perp/trader-client';
import type { RpcAnswer } from '@perp/trader-client';

let h: GatewayHarness;
let gw: RunningGateway;

beforeAll(async () => {
  h = await startGatewayHarness();
  gw = await h.startGateway();
  await Promise.all(['alice', 'vera', 'olga', 'limited'].map((a) => h.createAccount(a)));
}, 60_000);
afterAll(() => h?.dispose());

const codeOf = (answer: RpcAnswer) => JsonRpcErrorResponse.parse(answer).error.code;

describe('authentication at the upgrade', () => {
  it('opens an authenticated socket for a valid Bearer token', async () => {
    const client = await h.connect(gw.url, 'alice');
    const answer = await client.request('orders.open', {});
    expect(answer.result).toEqual([]);
    await client.close();
  });

  it.each([
    ['an expired token', { sub: 'u', accountId: 'alice', expiresIn: -60 }],
    ['a token signed with a key the issuer does not publish', { sub: 'u', foreignKey: true }],
    ['a token of another issuer', { sub: 'u', issuer: 'https://elsewhere.test' }],
    ['a token for another audience', { sub: 'u', audience: 'another-client' }],
    ['an id token', { sub: 'u', tokenUse: 'id' }],
  ])('refuses %s with HTTP 401 and no socket', async (_what, claims) => {
    const token = await h.token(claims);
    const refused = await upgradeRefusal(gw.url, { token });
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain(token);
  });

  it('refuses a malformed Authorization header with HTTP 401', async () => {
    expect(
      (await upgradeRefusal(gw.url, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status,
    ).toBe(401);
    expect(
      (await upgradeRefusal(gw.url, { headers: { authorization: 'Bearer not.a.jwt' } })).status,
    ).toBe(401);
  });

  it('answers 404 for another path', async () => {
    const refused = await upgradeRefusal(gw.url.replace('/v1/ws', '/v2/ws'), {});
    expect(refused.status).toBe(404);
  });

  it('accepts an audience in `aud` and takes the account from `sub` without custom:account_id', async () => {
    const token = await h.token({ sub: 'alice', audience: h.issuer.audience });
    const client = await openSocket(gw.url, { token });
    expect((await client.request('orders.open', {})).result).toEqual([]);
    await client.close();
  });
});

describe('auth.login', () => {
  it('logs in an open socket and answers accountId, roles and expiresAt', async () => {
    const client = await openSocket(gw.url);
    expect(codeOf(await client.request('account.get'))).toBe(10001);
    const token = await h.token({
      sub: 'user-alice',
      accountId: 'alice',
      roles: ['trader', 'viewer', 'ops'],
    });
    const result = AuthLoginResult.parse(await client.result('auth.login', { token }));
    expect(result.accountId).toBe('alice');
    expect(result.roles).toEqual(['trader', 'viewer']);
    expect(result.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect((await client.request('orders.open', {})).result).toEqual([]);
    await client.close();
  });

  it('answers 10001 to an invalid token with the reason, and the socket stays usable', async () => {
    const client = await openSocket(gw.url);
    const expired = await h.token({ sub: 'u', accountId: 'alice', expiresIn: -60 });
    const answer = JsonRpcErrorResponse.parse(
      await client.request('auth.login', { token: expired }),
    );
    expect(answer.error).toMatchObject({ code: 10001, data: { reason: 'TOKEN_EXPIRED' } });
    const forged = await h.token({ sub: 'u', accountId: 'alice', foreignKey: true });
    expect(codeOf(await client.request('auth.login', { token: forged }))).toBe(10001);
    expect(codeOf(await client.request('orders.open', {}))).toBe(10001);
    expect((await client.request('public.ping')).result).toBeDefined();
    await client.close();
  });

  it('answers 10001 once the session token has expired, until a fresh login', async () => {
    const client = await openSocket(gw.url);
    const shortLived = await h.token({ sub: 'u', accountId: 'alice', expiresIn: 3 });
    await client.result('auth.login', { token: shortLived });
    expect((await client.request('orders.open', {})).result).toEqual([]);
    await new Promise((r) => setTimeout(r, 3_100));
    const expired = JsonRpcErrorResponse.parse(await client.request('orders.open', {}));
    expect(expired.error.code).toBe(10001);
    expect(expired.error.message).toMatch(/expired/);
    await client.result('auth.login', { token: await h.token({ sub: 'u', accountId: 'alice' }) });
    expect((await client.request('orders.open', {})).result).toEqual([]);
    await client.close();
  });

  it('refuses a token of another account on a logged-in socket', async () => {
    const client = await h.connect(gw.url, 'alice');
    const other = await h.token({ sub: 'u', accountId: 'vera' });
    const answer = JsonRpcErrorResponse.parse(await client.request('auth.login', { token: other }));
    expect(answer.error).toMatchObject({ code: -32602, data: { field: 'token' } });
    await client.close();
  });

  it('answers 10007 when the issuer keys cannot be fetched, and 503 at the upgrade', async () => {
    // A gateway of its own: the verifier caches keys once fetched.
    const fresh = await h.startGateway();
    h.issuer.setAvailable(false);
    try {
      const client = await openSocket(fresh.url);
      const token = await h.token({ sub: 'u', accountId: 'alice' });
      expect(codeOf(await client.request('auth.login', { token }))).toBe(10007);
      expect((await upgradeRefusal(fresh.url, { token })).status).toBe(503);
      await client.close();
    } finally {
      h.issuer.setAvailable(true);
    }
  });
});

describe('roles', () => {
  it('lets a viewer read but not trade (10002)', async () => {
    const viewer = await h.connect(gw.url, 'vera', ['viewer']);
    expect((await viewer.request('orders.open', {})).result).toEqual([]);
    const place = await viewer.request('order.place', {
      clientOrderId: 'v-1',
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      price: '50000',
      quantity: '0.01',
    });
    expect(codeOf(place)).toBe(10002);
    expect(codeOf(await viewer.request('order.cancelAll', {}))).toBe(10002);
    expect(
      codeOf(await viewer.request('order.cancel', { clientOrderId: 'x', symbol: 'BTC-PERP' })),
    ).toBe(10002);
    expect(codeOf(await viewer.request('session.cancelOnDisconnect', { enabled: true }))).toBe(
      10002,
    );
    expect(await h.takeCommands()).toEqual([]);
    await viewer.close();
  });

  it('keeps the admin methods to operators and admins (10002 for a trader)', async () => {
    const trader = await h.connect(gw.url, 'alice', ['trader']);
    expect(codeOf(await trader.request('admin.deposit', { accountId: 'alice', amount: '1' }))).toBe(
      10002,
    );
    expect(codeOf(await trader.request('admin.account.create', { accountId: 'x' }))).toBe(10002);
    expect(
      codeOf(await trader.request('admin.tradingState.set', { scope: 'global', state: 'halted' })),
    ).toBe(10002);
    await trader.close();
  });

  it('does not let an operator trade', async () => {
    const operator = await h.connect(gw.url, 'olga', ['operator']);
    expect(codeOf(await operator.request('order.cancelAll', {}))).toBe(10002);
    expect((await operator.request('orders.open', {})).result).toEqual([]);
    await operator.close();
  });

  it('gives a token without a known role no access beyond public methods', async () => {
    const nobody = await h.connect(gw.url, 'alice', []);
    expect(codeOf(await nobody.request('orders.open', {}))).toBe(10002);
    expect((await nobody.request('public.time')).result).toBeDefined();
    await nobody.close();
  });
});

describe('machine clients (client-credentials tokens)', () => {
  // Cognito's shape: `sub` is the app client id, `scope` instead of groups.
  const machineToken = (scope: string, accountId?: string) =>
    h.token({
      sub: h.issuer.audience,
      scope,
      ...(accountId === undefined ? {} : { accountId }),
    });
  const place = (socket: RpcSocket, clientOrderId: string) =>
    socket.request('order.place', {
      clientOrderId,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      price: '50000',
      quantity: '0.01',
    });

  it('makes perp-api/trade a trader of custom:account_id, at the upgrade and at login', async () => {
    await h.takeCommands(0);
    const token = await machineToken('openid perp-api/trade', 'marty');
    await h.createAccount('marty');
    const upgraded = await openSocket(gw.url, { token });
    expect((await place(upgraded, 'm2m-1')).error).toBeUndefined();
    await upgraded.close();

    const loggedIn = await openSocket(gw.url);
    const result = AuthLoginResult.parse(await loggedIn.result('auth.login', { token }));
    expect(result).toMatchObject({ accountId: 'marty', roles: ['trader'] });
    await loggedIn.close();
    const commands = await h.takeCommands(500);
    expect(commands.map((c) => [c.command.type, c.command.accountId])).toEqual([
      ['order.place', 'marty'],
    ]);
  });

  it('makes perp-api/read a viewer, and takes the account from sub (the client id) without the claim', async () => {
    const client = await openSocket(gw.url);
    const result = AuthLoginResult.parse(
      await client.result('auth.login', { token: await machineToken('perp-api/read') }),
    );
    expect(result).toMatchObject({ accountId: h.issuer.audience, roles: ['viewer'] });
    expect((await client.request('orders.open', {})).result).toEqual([]);
    expect(codeOf(await place(client, 'm2m-2'))).toBe(10002);
    await client.close();
  });

  it('grants no role for other scopes: operator and admin never come from a scope', async () => {
    const client = await openSocket(gw.url);
    const token = await machineToken(
      'perp-api/admin perp-api/operator other-api/trade perp-api/trader perp-api/tradex',
      'marty',
    );
    const result = AuthLoginResult.parse(await client.result('auth.login', { token }));
    expect(result.roles).toEqual([]);
    expect(codeOf(await client.request('orders.open', {}))).toBe(10002);
    expect(codeOf(await client.request('admin.account.create', { accountId: 'x' }))).toBe(10002);
    await client.close();
  });

  it('takes roles from groups, not scopes, for a user token (sub is not the client id)', async () => {
    const client = await openSocket(gw.url);
    const withoutGroups = await h.token({
      sub: 'user-vera',
      accountId: 'vera',
      scope: 'perp-api/trade',
    });
    expect(
      AuthLoginResult.parse(await client.result('auth.login', { token: withoutGroups })).roles,
    ).toEqual([]);
    const viewer = await h.token({
      sub: h.issuer.audience,
      accountId: 'vera',
      roles: ['viewer'],
      scope: 'perp-api/trade',
    });
    expect(
      AuthLoginResult.parse(await client.result('auth.login', { token: viewer })).roles,
    ).toEqual(['viewer']);
    expect(codeOf(await place(client, 'm2m-3'))).toBe(10002);
    await client.close();
    expect(await h.takeCommands()).toEqual([]);
  });

  it('uses the configured scope prefix and accepts a machine client among several audiences', async () => {
    const machine = await h.startGateway({
      verifier: createJwtVerifier({
        jwksUrl: h.issuer.jwksUrl,
        issuer: h.issuer.issuer,
        audience: [h.issuer.audience, 'mm-app-client'],
        scopePrefix: 'https://api.perp.test/',
      }),
    });
    const login = async (token: string) => {
      const client = await openSocket(machine.url);
      const answer = await client.request('auth.login', { token });
      await client.close();
      return answer;
    };
    const token = (scope: string) =>
      h.token({ sub: 'mm-app-client', clientId: 'mm-app-client', accountId: 'marty', scope });
    expect(
      AuthLoginResult.parse((await login(await token('https://api.perp.test/trade'))).result),
    ).toMatchObject({ accountId: 'marty', roles: ['trader'] });
    expect(
      AuthLoginResult.parse((await login(await token('perp-api/trade'))).result).roles,
    ).toEqual([]);
    // Another app client of the same pool is still refused.
    const stranger = await h.token({ sub: 'other', clientId: 'other', scope: 'perp-api/trade' });
    expect(codeOf(await login(stranger))).toBe(10001);
  });
});

describe('connections per account', () => {
  it('refuses the 11th connection of an account, at the upgrade (429) and at login (10003)', async () => {
    const limited = await h.startGateway({ limits: { connectionsPerAccount: 3 } });
    const open = await Promise.all([1, 2, 3].map(() => h.connect(limited.url, 'limited')));
    const refused = await upgradeRefusal(limited.url, {
      token: await h.token({ sub: 'u', accountId: 'limited' }),
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/Too many connections/);

    const late = await openSocket(limited.url);
    const token = await h.token({ sub: 'u', accountId: 'limited' });
    const answer = JsonRpcErrorResponse.parse(await late.request('auth.login', { token }));
    expect(answer.error.code).toBe(10003);
    expect(answer.error.message).toMatch(/Too many connections/);
    expect((answer.error.data as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);

    // Closing one frees its slot.
    await open[0]?.close();
    await vi.waitFor(async () => {
      expect((await late.request('auth.login', { token })).result).toBeDefined();
    });
    await Promise.all([late, ...open.slice(1)].map((c) => c.close()));
  });

  it('counts connections of every gateway replica together', async () => {
    const a = await h.startGateway({ limits: { connectionsPerAccount: 2 } });
    const b = await h.startGateway({ limits: { connectionsPerAccount: 2 } });
    const first = await h.connect(a.url, 'alice');
    const second = await h.connect(b.url, 'alice');
    const refused = await upgradeRefusal(b.url, {
      token: await h.token({ sub: 'u', accountId: 'alice' }),
    });
    expect(refused.status).toBe(429);
    await Promise.all([first.close(), second.close()]);
  });

  it('lets the slots of a crashed gateway run out', async () => {
    const crashed = await h.startGateway({
      limits: { connectionsPerAccount: 1 },
      connectionLeaseTtlMs: 1_000,
    });
    const client = await h.connect(crashed.url, 'vera', ['viewer']);
    // The gateway dies without closing its sockets: it stops renewing, Redis keeps the slot.
    crashed.gateway.connections.stop();
    const other = await h.startGateway({
      limits: { connectionsPerAccount: 1 },
      connectionLeaseTtlMs: 1_000,
    });
    const token = await h.token({ sub: 'u', accountId: 'vera', roles: ['viewer'] });
    expect((await upgradeRefusal(other.url, { token })).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1_100));
    const after = await openSocket(other.url, { token });
    await Promise.all([after.close(), client.close()]);
  });
});
