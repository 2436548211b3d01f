import { connect, type Socket } from 'node:net';
import { JsonRpcErrorResponse } from '@perp/contracts';
import { waitFor, waitUntil, webSocketUpgradeHead } from '@perp/test-services';
import { UpgradeRefused, type RpcSocket, type RpcSocketOptions } from '@perp/trader-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_DEADLINE_CLOSE } from './session/auth-deadline.ts';
import {
  openSocket,
  upgradeRefusal,
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';

// Liveness bounds only: generous, so a loaded machine does not fail them.
const LIVENESS = { timeoutMs: 15_000, intervalMs: 25 };

let h: GatewayHarness;

beforeAll(async () => {
  h = await startGatewayHarness();
  await Promise.all(['alice', 'bob'].map((a) => h.createAccount(a)));
}, 60_000);
afterAll(() => h?.dispose());

/** Opens a socket, or gives the refusal it met. */
async function attempt(url: string, options: RpcSocketOptions = {}): Promise<RpcSocket | number> {
  try {
    return await openSocket(url, options);
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

const isOpen = (client: RpcSocket) => client.socket.readyState === client.socket.OPEN;

/** A raw TCP connection to the gateway, with what it received and whether it was closed. */
interface RawClient {
  readonly socket: Socket;
  received(): string;
  readonly ended: Promise<void>;
}

async function raw(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  let data = '';
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => data, ended };
}

describe('authentication deadline', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await h.startGateway({ authDeadlineMs: 1_000 });
  });

  it('closes a socket that never authenticates with 1008 "authentication deadline"', async () => {
    const idle = await openSocket(gw.url);
    const closed = await idle.closed;
    expect(closed).toEqual({ code: AUTH_DEADLINE_CLOSE.code, reason: AUTH_DEADLINE_CLOSE.reason });
    expect(closed).toEqual({ code: 1008, reason: 'authentication deadline' });
  });

  it('keeps sockets that authenticated at the upgrade or with auth.login', async () => {
    const bearer = await h.connect(gw.url, 'alice');
    const login = await openSocket(gw.url);
    const token = await h.token({ sub: 'user-bob', accountId: 'bob', roles: ['trader'] });
    expect((await login.request('auth.login', { token })).result).toMatchObject({
      accountId: 'bob',
    });
    // Opened after both: once the deadline has closed it, theirs has passed too.
    const canary = await openSocket(gw.url);
    expect((await canary.closed).code).toBe(1008);
    expect(isOpen(bearer) && isOpen(login)).toBe(true);
    expect((await bearer.request('public.ping')).result).toBeDefined();
    expect((await login.request('public.ping')).result).toBeDefined();
    await Promise.all([bearer.close(), login.close()]);
  });

  it('keeps an anonymous socket that reads public market data; public.ping alone does not', async () => {
    const reader = await openSocket(gw.url);
    const pinger = await openSocket(gw.url);
    // Polled more often than the deadline (1 s) until the pinger, opened with it, is closed.
    let pingerClosed = false;
    void pinger.closed.then(() => (pingerClosed = true));
    while (!pingerClosed) {
      expect((await reader.request('public.instruments')).result).toBeDefined();
      if (isOpen(pinger)) await pinger.request('public.ping').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await pinger.closed).code).toBe(1008);
    expect(isOpen(reader)).toBe(true);
    // Subscriptions need a login (the contract), so reading is by request; once it stops, the
    // deadline runs from its last read.
    const answer = await reader.request('subscribe', { channels: ['ticker.BTC-PERP'] });
    expect(JsonRpcErrorResponse.parse(answer).error.code).toBe(10001);
    expect((await reader.closed).code).toBe(1008);
  });
});

describe('unauthenticated sockets per IP', () => {
  it('refuses the upgrade beyond the limit with 429; an authenticated socket still connects', async () => {
    const gw = await h.startGateway({ limits: { unauthenticatedPerIp: 3 } });
    const anonymous = await Promise.all([1, 2, 3].map(() => openSocket(gw.url)));
    const refused = await upgradeRefusal(gw.url);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 10003 });

    const authenticated = await h.connect(gw.url, 'alice');
    expect((await authenticated.request('public.ping')).result).toBeDefined();

    // A socket that logs in stops counting against its address.
    const token = await h.token({ sub: 'user-bob', accountId: 'bob', roles: ['trader'] });
    await anonymous[0]?.result('auth.login', { token });
    const fourth = await openSocket(gw.url);
    expect((await upgradeRefusal(gw.url)).status).toBe(429);

    // So does one that closes (its close handling runs after the client sees the close).
    await anonymous[1]?.close();
    const fifth = await waitFor(async () => {
      const outcome = await attempt(gw.url);
      return typeof outcome === 'number' ? undefined : outcome;
    }, LIVENESS);
    await Promise.all(
      [authenticated, fourth, fifth, anonymous[0], anonymous[2]].map((client) => client?.close()),
    );
  });

  it('honours X-Forwarded-For only with trusted proxy hops', async () => {
    const behindAlb = await h.startGateway({
      trustProxyHops: 1,
      limits: { unauthenticatedPerIp: 1 },
    });
    const xff = (ip: string) => ({ headers: { 'x-forwarded-for': `10.9.9.9, ${ip}` } });
    const first = await openSocket(behindAlb.url, xff('198.51.100.1'));
    expect((await upgradeRefusal(behindAlb.url, xff('198.51.100.1'))).status).toBe(429);
    // The client's own entry (10.9.9.9) is not trusted; only the one the proxy appended.
    const other = await openSocket(behindAlb.url, xff('198.51.100.2'));

    const direct = await h.startGateway({ limits: { unauthenticatedPerIp: 1 } });
    const mine = await openSocket(direct.url, xff('198.51.100.1'));
    // Without trusted hops the header is ignored: both are 127.0.0.1.
    expect((await upgradeRefusal(direct.url, xff('198.51.100.2'))).status).toBe(429);
    await Promise.all([first, other, mine].map((client) => client.close()));
  });

  it('survives a flood of 500 upgrades from one address and keeps answering others', async () => {
    const gw = await h.startGateway({ limits: { unauthenticatedPerIp: 20 } });
    const before = await h.connect(gw.url, 'alice');
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, () => attempt(gw.url, { handshakeTimeoutMs: 30_000 })),
    );
    const opened = outcomes.filter((o): o is RpcSocket => typeof o !== 'number');
    const statuses = outcomes.filter((o): o is number => typeof o === 'number');
    expect(opened).toHaveLength(20);
    expect(statuses).toHaveLength(480);
    expect(new Set(statuses)).toEqual(new Set([429]));

    expect((await before.request('public.ping')).result).toBeDefined();
    const after = await h.connect(gw.url, 'bob');
    expect((await after.request('public.ping')).result).toBeDefined();
    await Promise.all([before, after, ...opened].map((client) => client.close()));
  }, 60_000);
});

describe('slow and oversized upgrade requests', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await h.startGateway({ upgradeTimeoutMs: 500 });
  });

  it('cuts off an upgrade whose headers dribble in (slowloris) with 408; open sockets stay', async () => {
    const open = await h.connect(gw.url, 'alice');
    const client = await raw(gw.url);
    client.socket.write(`${webSocketUpgradeHead(gw.url)}\r\n`);
    let n = 0;
    const dribble = setInterval(() => client.socket.write(`X-Drip-${(n += 1)}: 1\r\n`), 50);
    try {
      await waitUntil(() => client.socket.destroyed || client.received() !== '', LIVENESS);
      await client.ended;
    } finally {
      clearInterval(dribble);
    }
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    // Older than the dribbler and past the same timeout: a WebSocket is not an HTTP request.
    expect(isOpen(open)).toBe(true);
    expect((await open.request('public.ping')).result).toBeDefined();
    await open.close();
  });

  it('cuts off a connection that sends nothing', async () => {
    const client = await raw(gw.url);
    await client.ended;
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('answers an upgrade with 32 KiB of headers 431', async () => {
    const refused = await upgradeRefusal(gw.url, {
      headers: { 'x-padding': 'a'.repeat(32 * 1024) },
    });
    expect(refused.status).toBe(431);
  });

  it('accepts headers below the limit (a bearer token, cookies)', async () => {
    const client = await openSocket(gw.url, { headers: { cookie: `c=${'a'.repeat(8 * 1024)}` } });
    expect((await client.request('public.ping')).result).toBeDefined();
    await client.close();
  });
});
