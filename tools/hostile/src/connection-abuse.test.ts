// Connection abuse against the running gateway: anonymous floods, slow and oversized upgrade
// requests, sockets that never log in. What counts as let in: an anonymous socket beyond the
// per-IP limit, an upgrade that outlives its timeout or its header limit, a squatter that stays.
import { connect } from 'node:net';
import { RpcSocket, UpgradeRefused } from '@perp/trader-client';
import { mintToken } from '@perp/local-stack';
import { webSocketUpgradeHead } from '@perp/test-services';
import { describe, expect, it } from 'vitest';
import { hostileStack, recordAttacks, recordSecret } from './test-support/hostile-context.ts';

/** The gateway's defaults (apps/ws-gateway/src/config.ts); the stack sets UPGRADE_TIMEOUT_MS 2 s. */
const ANONYMOUS_PER_IP = 20;
const AUTH_DEADLINE_MS = 10_000;

async function anonymous(url: string): Promise<RpcSocket | number> {
  try {
    return await RpcSocket.open(url, { handshakeTimeoutMs: 30_000 });
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

/** Writes `request` on a raw TCP socket; resolves the status line, or "closed" with nothing. */
function rawUpgrade(request: string, keepOpenMs = 0): Promise<string> {
  const { gatewayHttpUrl } = hostileStack();
  const { hostname, port } = new URL(gatewayHttpUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (data) => (answer += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0] || 'closed'));
    if (keepOpenMs > 0) setTimeout(() => socket.destroy(), keepOpenMs);
  });
}

const upgradeHead = (extra: readonly string[] = []) =>
  webSocketUpgradeHead(hostileStack().wsUrl, extra);

async function pingAnswered(): Promise<boolean> {
  const stack = hostileStack();
  const token = await mintToken({
    accountId: 'alice',
    identityDataDir: stack.identityEnv.IDENTITY_DATA_DIR,
    identityPort: stack.identityEnv.IDENTITY_PORT,
  });
  recordSecret('token alice (connection abuse)', token);
  const socket = await RpcSocket.open(stack.wsUrl, { token, handshakeTimeoutMs: 30_000 });
  try {
    return (await socket.request('public.ping')).result !== undefined;
  } finally {
    await socket.close();
  }
}

describe('connection abuse', () => {
  it('lets at most the per-IP limit of anonymous sockets in from one address, and serves others', async () => {
    const tried = 3 * ANONYMOUS_PER_IP;
    const answers = await Promise.all(
      Array.from({ length: tried }, () => anonymous(hostileStack().wsUrl)),
    );
    const opened = answers.filter((answer): answer is RpcSocket => typeof answer !== 'number');
    const refused = answers.filter((answer) => answer === 429);
    const letIn = Math.max(0, opened.length - ANONYMOUS_PER_IP);
    recordAttacks({ attack: 'connection: anonymous flood from one address', tried, letIn });
    expect(opened.length).toBeLessThanOrEqual(ANONYMOUS_PER_IP);
    expect(refused.length).toBe(tried - opened.length);
    // An authenticated socket is not counted against the address.
    expect(await pingAnswered()).toBe(true);
    await Promise.all(opened.map((socket) => socket.close()));
  });

  it('cuts a dribbled upgrade with 408 and refuses oversized headers with 431', async () => {
    // Headers never finished: cut at the upgrade timeout (2 s here), long before the 15 s we wait.
    const slow = await rawUpgrade(`${upgradeHead()}\r\n`, 15_000);
    const oversized = await rawUpgrade(
      `${upgradeHead([`X-Padding: ${'a'.repeat(32 * 1024)}`])}\r\n\r\n`,
    );
    const letIn = (slow.includes('408') ? 0 : 1) + (oversized.includes('431') ? 0 : 1);
    recordAttacks({ attack: 'connection: slow and oversized upgrades', tried: 2, letIn });
    expect(slow).toContain('408');
    expect(oversized).toContain('431');
    expect(await pingAnswered()).toBe(true);
  }, 30_000);

  it('closes an anonymous socket that only pings at the authentication deadline', async () => {
    const squatter = await RpcSocket.open(hostileStack().wsUrl, { handshakeTimeoutMs: 30_000 });
    const pinging = setInterval(
      () => void squatter.request('public.ping').catch(() => undefined),
      1_000,
    );
    const closed = await Promise.race([
      squatter.closed,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), AUTH_DEADLINE_MS * 3),
      ),
    ]);
    clearInterval(pinging);
    recordAttacks({ attack: 'connection: anonymous squatter', tried: 1, letIn: closed ? 0 : 1 });
    expect(closed).toEqual({ code: 1008, reason: 'authentication deadline' });
  }, 60_000);
});
