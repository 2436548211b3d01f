// Valid logins reaching for what is not theirs: alice at bob's orders and channels, traders and
// viewers at the admin methods, operators at trading, anyone at the notifier's internal API
// without its exact secret. Documented answers: 10005 for another account's order, 10002 for a
// role that does not allow the method, HTTP 401 at the notifier; never any of bob's data.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RpcSocket, type RpcAnswer } from '@perp/trader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  errorCode,
  loadIssuerKey,
  signToken,
  type IssuerKey,
  type TokenOverrides,
} from './test-support/forged-tokens.ts';
import { hostileStack, recordAttacks, recordSecret } from './test-support/hostile-context.ts';

const stack = hostileStack();
const SYMBOL = 'BTC-PERP';
const run = crypto.randomUUID().slice(0, 8);
const bobOrder = { clientOrderId: `bob-${run}`, orderId: '' };
let issuer: IssuerKey;
const opened: RpcSocket[] = [];

async function login(overrides: TokenOverrides): Promise<RpcSocket> {
  const token = await signToken(stack, issuer, overrides);
  const socket = await RpcSocket.open(stack.wsUrl, {
    token,
    recordFrames: true,
    handshakeTimeoutMs: 30_000,
  });
  opened.push(socket);
  return socket;
}

/** A resting buy well under the market: it stays open for the whole file. */
async function placeResting(socket: RpcSocket, clientOrderId: string): Promise<RpcAnswer> {
  const book = (await call(socket, 'public.book', { symbol: SYMBOL })).result as {
    bids: [string, string][];
    asks: [string, string][];
  };
  const instruments = (await call(socket, 'public.instruments')).result as {
    symbol: string;
    tickSize: string;
  }[];
  const tick = Number(instruments.find((i) => i.symbol === SYMBOL)?.tickSize ?? '0.5');
  const reference = Number(book.bids[0]?.[0] ?? book.asks[0]?.[0] ?? '60000');
  const price = String(Math.round((reference * 0.97) / tick) * tick);
  return call(socket, 'order.place', {
    clientOrderId,
    symbol: SYMBOL,
    side: 'buy',
    type: 'limit',
    quantity: '0.001',
    price,
    respType: 'result',
  });
}

/** Whether anything alice's socket received names bob's order or bob himself. */
function bobLeaked(socket: RpcSocket): string[] {
  const text = JSON.stringify(socket.frames);
  return [bobOrder.clientOrderId, bobOrder.orderId, '"bob"'].filter((needle) =>
    text.includes(needle),
  );
}

let bob: RpcSocket;
let alice: RpcSocket;

beforeAll(async () => {
  issuer = await loadIssuerKey(stack);
  bob = await login({ accountId: 'bob' });
  const placed = await placeResting(bob, bobOrder.clientOrderId);
  const report = placed.result as { orderId?: string; status?: string } | undefined;
  expect(report?.status, JSON.stringify(placed)).toBe('accepted');
  bobOrder.orderId = report?.orderId ?? '';
  alice = await login({ accountId: 'alice' });
});

afterAll(async () => {
  await call(bob, 'order.cancel', { clientOrderId: bobOrder.clientOrderId, symbol: SYMBOL });
  await Promise.all(opened.map((socket) => socket.close()));
});

describe("alice at bob's orders", () => {
  it('answers 10005 (unknown order) for every id of bob, and bob keeps his order', async () => {
    const { clientOrderId, orderId } = bobOrder;
    const attempts: [string, unknown, number][] = [
      ['order.get', { clientOrderId }, 10005],
      ['order.get', { orderId }, 10005],
      ['order.cancel', { clientOrderId, symbol: SYMBOL }, 10005],
      ['order.cancel', { orderId, symbol: SYMBOL }, 10005],
      // There is no amend in the contract: unknown method, whoever's the order.
      ['order.amend', { orderId, symbol: SYMBOL, price: '1' }, -32601],
    ];
    const wrong: string[] = [];
    for (const [method, params, expected] of attempts) {
      const answer = await call(alice, method, params);
      if (errorCode(answer) !== expected) wrong.push(`${method} ${JSON.stringify(answer)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const still = (await call(bob, 'order.get', { clientOrderId })).result as { status?: string };
    if (still?.status !== 'accepted') wrong.push(`bob's order is now ${still?.status}`);
    recordAttacks({
      attack: "authz: another account's order ids",
      tried: attempts.length,
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
    expect(bobLeaked(alice)).toEqual([]);
  });

  it('ignores or refuses an accountId on every private method', async () => {
    const params: [string, Record<string, unknown>][] = [
      ['order.get', { clientOrderId: bobOrder.clientOrderId }],
      ['orders.open', {}],
      ['orders.history', {}],
      ['fills.list', {}],
      ['positions.list', {}],
      ['account.get', {}],
      ['order.cancelAll', { symbol: SYMBOL }],
      ['order.cancel', { clientOrderId: bobOrder.clientOrderId, symbol: SYMBOL }],
      ['session.cancelOnDisconnect', { enabled: false }],
      ['telegram.link', {}],
    ];
    const wrong: string[] = [];
    for (const [method, base] of params) {
      for (const field of ['accountId', 'account', 'sub', 'custom:account_id']) {
        const answer = await call(alice, method, { ...base, [field]: 'bob' });
        // Strict params answer -32602; a method that took the field would act for bob.
        if (errorCode(answer) !== -32602)
          wrong.push(`${method}.${field}: ${JSON.stringify(answer)}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const still = (await call(bob, 'order.get', { clientOrderId: bobOrder.clientOrderId }))
      .result as { status?: string };
    if (still?.status !== 'accepted') wrong.push(`bob's order is now ${still?.status}`);
    recordAttacks({
      attack: 'authz: accountId in params',
      tried: params.length * 4,
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
    expect(bobLeaked(alice)).toEqual([]);
  });
});

describe("bob's account id in another spelling", () => {
  it("is another account: none of bob's orders or balances", async () => {
    // Account ids are case-sensitive words: a store that folded case would hand these bob's data.
    const spellings = ['Bob', 'BOB', 'bOb'];
    const wrong: string[] = [];
    for (const accountId of spellings) {
      const socket = await login({ accountId });
      const answers = [
        await call(socket, 'order.get', { clientOrderId: bobOrder.clientOrderId }),
        await call(socket, 'order.get', { orderId: bobOrder.orderId }),
        await call(socket, 'account.get'),
        await call(socket, 'orders.open', {}),
      ];
      const text = JSON.stringify(answers);
      if (text.includes(bobOrder.clientOrderId) || text.includes(bobOrder.orderId))
        wrong.push(`${accountId}: ${text}`);
      if (answers[2]?.result !== undefined) wrong.push(`${accountId} has an account`);
      await socket.close();
    }
    recordAttacks({
      attack: 'authz: account id case variants',
      tried: spellings.length * 4,
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
  });
});

describe("auth.login with bob's token on alice's socket", () => {
  it("answers -32602 and the socket stays alice's", async () => {
    // ws-api: a socket belongs to one account; switching would mix two accounts' data.
    const socket = await login({ accountId: 'alice' });
    const bobsToken = await signToken(stack, issuer, { accountId: 'bob' });
    const switched = await call(socket, 'auth.login', { token: bobsToken });
    const account = (await call(socket, 'account.get')).result as { accountId?: string };
    const get = await call(socket, 'order.get', { clientOrderId: bobOrder.clientOrderId });
    await socket.close();
    const letIn =
      (errorCode(switched) === -32602 ? 0 : 1) +
      (account.accountId === 'alice' ? 0 : 1) +
      (errorCode(get) === 10005 ? 0 : 1);
    recordAttacks({ attack: 'authz: switching a socket to another account', tried: 3, letIn });
    expect(errorCode(switched)).toBe(-32602);
    expect(account.accountId).toBe('alice');
    expect(errorCode(get)).toBe(10005);
  });
});

describe("alice at bob's channels", () => {
  it("subscribes nothing of bob's, and her own channels carry only her data", async () => {
    const channels = ['orders', 'positions', 'account', 'fills'].flatMap((name) => [
      `${name}.bob`,
      `${name}:bob`,
      `${name}/bob`,
      `bob.${name}`,
      `${name}.BOB`,
    ]);
    const wrong: string[] = [];
    for (const channel of channels) {
      const answer = await call(alice, 'subscribe', { channels: [channel] });
      if (answer.result !== undefined) wrong.push(`${channel}: ${JSON.stringify(answer.result)}`);
    }
    const extra = await call(alice, 'subscribe', { channels: ['orders'], accountId: 'bob' });
    if (extra.result !== undefined) wrong.push(`accountId on subscribe: ${JSON.stringify(extra)}`);
    // Her own private channels, from the start of her history, while bob trades.
    const own = await call(alice, 'subscribe', {
      channels: ['orders', 'positions', 'account', 'fills'],
      since: { orders: 0 },
    });
    expect(own.result).toBeDefined();
    const second = `bob2-${run}`;
    await placeResting(bob, second);
    await call(bob, 'order.cancel', { clientOrderId: second, symbol: SYMBOL });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const leaked = [
      ...bobLeaked(alice),
      ...(JSON.stringify(alice.frames).includes(second) ? [second] : []),
    ];
    recordAttacks({
      attack: "authz: another account's channels",
      tried: channels.length + 2,
      letIn: wrong.length + leaked.length,
    });
    expect(wrong).toEqual([]);
    expect(leaked).toEqual([]);
  });
});

describe('roles', () => {
  const adminCalls: [string, unknown][] = [
    ['admin.account.create', { accountId: `hostile-${run}` }],
    ['admin.deposit', { accountId: 'alice', amount: '1000000' }],
    ['admin.tradingState.set', { scope: 'account', target: `hostile-${run}`, state: 'halted' }],
  ];
  const tradeCalls: [string, unknown][] = [
    [
      'order.place',
      {
        clientOrderId: `op-${run}`,
        symbol: SYMBOL,
        side: 'buy',
        type: 'market',
        quantity: '0.001',
      },
    ],
    ['order.cancel', { clientOrderId: bobOrder.clientOrderId, symbol: SYMBOL }],
    ['order.cancelAll', {}],
    ['session.cancelOnDisconnect', { enabled: true }],
  ];

  it('answers 10002 to the admin methods for every role but operator and admin', async () => {
    const callers: [string, TokenOverrides][] = [
      ['trader', { roles: ['trader'] }],
      ['viewer', { roles: ['viewer'] }],
      ['no groups', { roles: [] }],
      ['groups in another case', { roles: ['Admin', 'OPERATOR'] }],
      ['groups as a string', { roles: [], claims: { 'cognito:groups': 'admin' } }],
      ['roles claim', { roles: ['trader'], claims: { roles: ['admin'], 'custom:roles': 'admin' } }],
      [
        'machine client with an admin scope',
        {
          roles: [],
          claims: { sub: stack.audience, scope: 'perp-api/admin perp-api/operator perp-api/trade' },
        },
      ],
    ];
    const before = (await call(alice, 'account.get')).result as { collateral?: string };
    const wrong: string[] = [];
    for (const [who, overrides] of callers) {
      const socket = await login({ accountId: 'alice', ...overrides });
      for (const [method, params] of adminCalls) {
        const answer = await call(socket, method, params);
        if (errorCode(answer) !== 10002) wrong.push(`${who} ${method}: ${JSON.stringify(answer)}`);
      }
      // Within the 10 connections an account may hold.
      await socket.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = (await call(alice, 'account.get')).result as { collateral?: string };
    if (after.collateral !== before.collateral) wrong.push(`alice's collateral moved`);
    recordAttacks({
      attack: 'authz: admin methods without operator or admin role',
      tried: callers.length * adminCalls.length,
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
  });

  it('answers 10002 to trading for viewers, operators and admins', async () => {
    const callers: [string, TokenOverrides][] = [
      ['viewer', { accountId: 'alice', roles: ['viewer'] }],
      ['operator', { accountId: 'ops1', roles: ['operator'] }],
      ['admin', { accountId: 'adm1', roles: ['admin'] }],
      ['operator on alice', { accountId: 'alice', roles: ['operator'] }],
      [
        'machine read scope',
        { accountId: 'alice', roles: [], claims: { sub: stack.audience, scope: 'perp-api/read' } },
      ],
    ];
    const wrong: string[] = [];
    for (const [who, overrides] of callers) {
      const socket = await login(overrides);
      for (const [method, params] of tradeCalls) {
        const answer = await call(socket, method, params);
        if (errorCode(answer) !== 10002) wrong.push(`${who} ${method}: ${JSON.stringify(answer)}`);
      }
      // Reading is allowed, but reads the caller's own account: never bob's order.
      const get = await call(socket, 'order.get', { clientOrderId: bobOrder.clientOrderId });
      if (get.result !== undefined) wrong.push(`${who} read bob's order`);
      await socket.close();
    }
    const still = (await call(bob, 'order.get', { clientOrderId: bobOrder.clientOrderId }))
      .result as { status?: string };
    if (still?.status !== 'accepted') wrong.push(`bob's order is now ${still?.status}`);
    recordAttacks({
      attack: 'authz: trading without the trader role',
      tried: callers.length * (tradeCalls.length + 1),
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
  });

  it('lets an operator use the admin methods, as documented (the control)', async () => {
    const operator = await login({ accountId: 'ops1', roles: ['operator'] });
    const created = await call(operator, 'admin.account.create', { accountId: `hostile-${run}` });
    expect(created.result, JSON.stringify(created)).toMatchObject({
      commandId: expect.any(String),
    });
  });
});

describe('clientOrderId reuse across accounts', () => {
  it("places alice's own order under bob's clientOrderId: ids are per account", async () => {
    // The same id and parameters as bob's: a global idempotency key would answer bob's ack (or
    // 10006), telling alice that bob has such an order.
    const shared = `shared-${run}`;
    const bobs = (await placeResting(bob, shared)).result as { orderId?: string } | undefined;
    const answer = await placeResting(alice, shared);
    const report = answer.result as { accountId?: string; orderId?: string } | undefined;
    const letIn = report?.accountId === 'alice' && report.orderId !== bobs?.orderId ? 0 : 1;
    await call(alice, 'order.cancel', { clientOrderId: shared, symbol: SYMBOL });
    await call(bob, 'order.cancel', { clientOrderId: shared, symbol: SYMBOL });
    recordAttacks({ attack: "authz: another account's clientOrderId reused", tried: 1, letIn });
    expect(report, JSON.stringify(answer)).toMatchObject({ accountId: 'alice' });
    expect(report?.orderId).not.toBe(bobs?.orderId);
  });
});

describe("the notifier's internal API", () => {
  it('answers 401 and does nothing without the exact bearer secret', async () => {
    const dataDir = dirname(stack.identityEnv.IDENTITY_DATA_DIR);
    const secret = (await readFile(join(dataDir, 'notifier-api-token'), 'utf8')).trim();
    const flip = (at: number) =>
      `${secret.slice(0, at)}${secret[at] === 'A' ? 'B' : 'A'}${secret.slice(at + 1)}`;
    const nearMisses = [
      flip(0),
      flip(secret.length - 1),
      flip(Math.floor(secret.length / 2)),
      secret.slice(0, -1),
      `${secret}A`,
      // (A trailing space is no near miss: HTTP strips it from the header value, RFC 9110 §5.5.)
      secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
    ];
    nearMisses.forEach((value, index) =>
      recordSecret(`near miss ${index} of the notifier API token`, value),
    );
    const authorizations: (string | undefined)[] = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer wrong-token-of-some-length',
      secret,
      `Basic ${Buffer.from(`notifier:${secret}`).toString('base64')}`,
      `bearer ${secret}`,
      `Bearer  ${secret}`,
      ...nearMisses.map((value) => `Bearer ${value}`),
    ];
    const requests = [
      { path: '/v1/link-codes', body: { accountId: 'alice' } },
      {
        path: '/v1/notifications',
        body: {
          accountId: 'alice',
          dedupeKey: `hostile-${run}`,
          type: 'tradingState',
          data: { scope: 'account', target: 'alice', state: 'halted', ts: Date.now() },
        },
      },
    ];
    const post = (path: string, body: unknown, authorization?: string) =>
      fetch(`${stack.notifierUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: JSON.stringify(body),
      });
    const wrong: string[] = [];
    for (const { path, body } of requests) {
      for (const authorization of authorizations) {
        const response = await post(path, body, authorization);
        const text = await response.text();
        if (response.status !== 401)
          wrong.push(`${path} [${authorizations.indexOf(authorization)}]: ${response.status}`);
        if (/"(queued|url|expiresAt)"/.test(text)) wrong.push(`${path}: answered ${text}`);
      }
    }
    // The control: the exact secret works, so the 401s above were the secret being refused.
    const granted = await post('/v1/link-codes', { accountId: 'alice' }, `Bearer ${secret}`);
    expect(granted.status).toBe(201);
    recordAttacks({
      attack: 'authz: notifier API without its secret',
      tried: requests.length * authorizations.length,
      letIn: wrong.length,
    });
    expect(wrong).toEqual([]);
  });
});
