import type { ChannelDataOf } from '@perp/contracts';
import { ReportPublisher, redisKeyspace } from '@perp/redis-adapter';
import { isRetryable } from '@perp/retry';
import { waitUntil } from '@perp/test-services';
import { ConnectionError, RpcError, TraderClient } from '@perp/trader-client';
import { acceptedReport } from '@perp/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSocket,
  startGatewayHarness,
  type GatewayHarness,
} from './test-support/gateway-harness.ts';

// The SDK a trader's program uses (@perp/trader-client), against this gateway: real Redis, SQS,
// DynamoDB Local and sim-venue. Reports are published with the OMS's own ReportPublisher.

let h: GatewayHarness;
let publisher: ReportPublisher;
let accounts = 0;

beforeAll(async () => {
  h = await startGatewayHarness();
  publisher = new ReportPublisher({
    redis: h.redis.client,
    keys: redisKeyspace(h.redis.keyPrefix),
  });
}, 60_000);
afterAll(() => h?.dispose());

async function newTrader(): Promise<{ accountId: string; token: string }> {
  const accountId = `sdk-${Date.now()}-${(accounts += 1)}`;
  await h.createAccount(accountId);
  return {
    accountId,
    token: await h.token({ sub: `user-${accountId}`, accountId, roles: ['trader'] }),
  };
}

const report = acceptedReport;

const publish = (accountId: string, from: number, to: number) =>
  publisher.publish(Array.from({ length: to - from + 1 }, (_, i) => report(accountId, from + i)));

const eventually = (check: () => boolean) =>
  waitUntil(async () => check(), { timeoutMs: 10_000, intervalMs: 20 });

describe('TraderClient', () => {
  it('calls methods typed by the contract and throws the API’s errors with their code', async () => {
    const { accountId, token } = await newTrader();
    const gw = await h.startGateway();
    const client = await TraderClient.connect({ url: gw.url, token, validateResults: true });
    try {
      expect(typeof (await client.call('public.ping')).ts).toBe('number');
      const account = await client.call('account.get');
      expect(account.accountId).toBe(accountId);
      expect(account.collateral).toBe('100000');

      const unknown = await client
        .call('order.get', { clientOrderId: 'never-placed' })
        .catch((error: unknown) => error);
      expect(unknown).toBeInstanceOf(RpcError);
      expect((unknown as RpcError).code).toBe(10005);
      expect(isRetryable(unknown)).toBe(false);
    } finally {
      await client.close();
      await gw.gateway.stop();
    }
  });

  it('survives a gateway restart: orders resume after the last seq, each report once, in order', async () => {
    const { accountId, token } = await newTrader();
    await publish(accountId, 1, 2);
    const first = await h.startGateway();
    const port = Number(new URL(first.url).port);
    const client = await TraderClient.connect({ url: first.url, token: () => token });
    const orders: ChannelDataOf<'orders'>[] = [];
    client.onChannel('orders', (data) => orders.push(data));
    const events: string[] = [];
    client.on('disconnected', () => events.push('disconnected'));
    client.on('reconnected', () => events.push('reconnected'));
    try {
      await client.subscribe(['orders', 'ticker.BTC-PERP']);
      await eventually(() => orders.length === 1);
      expect(orders[0]).toMatchObject({ snapshot: true, seq: 2 });
      await publish(accountId, 3, 3);
      await eventually(() => client.ordersSeq === 3);

      // A planned restart: session.shutdown, 1001, then the client waits the hinted delay.
      await first.gateway.stop();
      expect(client.state).toBe('reconnecting');
      await expect(client.call('public.ping')).rejects.toBeInstanceOf(ConnectionError);
      await publish(accountId, 4, 5); // while no gateway runs: replayed after the reconnect
      const second = await h.startGateway({}, port);
      try {
        await eventually(() => events.includes('reconnected'));
        expect(client.subscriptions).toEqual(['orders', 'ticker.BTC-PERP']);
        await publish(accountId, 6, 6);
        await eventually(() => client.ordersSeq === 6);
        const seqs = orders.flatMap((data) => ('snapshot' in data ? [] : [data.seq]));
        expect(seqs).toEqual([3, 4, 5, 6]);
        // `since` on the resubscribe: no second snapshot.
        expect(orders.filter((data) => 'snapshot' in data)).toHaveLength(1);
        expect(events).toEqual(['disconnected', 'reconnected']);
      } finally {
        await client.close();
        await second.gateway.stop();
      }
    } finally {
      await client.close();
    }
  });

  it('logs in again on the open socket before a token from its token function expires', async () => {
    const accountId = `sdk-${Date.now()}-${(accounts += 1)}`;
    await h.createAccount(accountId);
    const mint = () =>
      h.token({ sub: `user-${accountId}`, accountId, roles: ['trader'], expiresIn: 3 });
    let minted = 0;
    const gw = await h.startGateway();
    const client = await TraderClient.connect({
      url: gw.url,
      token: () => ((minted += 1), mint()),
    });
    try {
      const refreshed: (number | undefined)[] = [];
      client.on('tokenRefreshed', (expiresAtMs) => refreshed.push(expiresAtMs));
      const firstExpiry = Date.now() + 3_000;
      // Past the first token's expiry, on the same socket: still authenticated.
      await waitUntil(async () => Date.now() > firstExpiry + 500, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      expect((await client.call('account.get')).accountId).toBe(accountId);
      expect(refreshed.length).toBeGreaterThanOrEqual(1);
      // Every token minted after the first is a re-login: done, or (at most one) on its way.
      expect(minted - 1 - refreshed.length).toBeGreaterThanOrEqual(0);
      expect(minted - 1 - refreshed.length).toBeLessThanOrEqual(1);
      expect(refreshed.every((at) => at !== undefined && at > firstExpiry - 1_000)).toBe(true);
    } finally {
      await client.close();
      await gw.gateway.stop();
    }
  });

  it('gives up after its attempts when no gateway comes back, and says so', async () => {
    const { token } = await newTrader();
    const gw = await h.startGateway();
    const client = await TraderClient.connect({
      url: gw.url,
      token,
      reconnect: { initialMs: 10, maxMs: 20, maxAttempts: 3 },
    });
    const failures: Error[] = [];
    client.on('reconnectFailed', (error) => failures.push(error));
    await gw.gateway.stop();
    const closed = await client.closed;
    expect(closed.code).toBe(1001);
    expect(client.state).toBe('closed');
    expect(failures).toHaveLength(3);
    expect(failures.every((error) => error instanceof ConnectionError)).toBe(true);
  });

  it('drops a socket whose pongs stop coming back', async () => {
    const gw = await h.startGateway();
    try {
      const socket = await openSocket(gw.url, { pingIntervalMs: 100 });
      socket.socket.pause(); // nothing read: the pong never arrives
      const closed = await socket.closed;
      expect(closed.code).toBe(1006);
      await expect(socket.request('public.ping')).rejects.toBeInstanceOf(ConnectionError);
    } finally {
      await gw.gateway.stop();
    }
  });
});
