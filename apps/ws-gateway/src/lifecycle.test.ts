import {
  SessionCancelOnDisconnectResult,
  SessionShutdownNotification,
  SubscribeResult,
  UnsubscribeResult,
  subscriptionNotification,
} from '@perp/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GatewayConnection } from './rpc/gateway-connection.ts';
import {
  noCancelOnDisconnect,
  noSubscriptions,
  type SubscriptionService,
} from './subscriptions/subscription-service.ts';
import {
  openSocket,
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import { UpgradeRefused } from '@perp/trader-client';

let h: GatewayHarness;
let gw: RunningGateway;

beforeAll(async () => {
  h = await startGatewayHarness();
  gw = await h.startGateway();
  await h.createAccount('alice');
}, 60_000);
afterAll(() => h?.dispose());

const isShutdown = (m: unknown) => (m as { method?: unknown }).method === 'session.shutdown';

describe('operations endpoints', () => {
  it('serves /health, /ready and /metrics with the gateway metrics', async () => {
    expect((await fetch(`${gw.httpUrl}/health`)).status).toBe(200);
    const ready = await fetch(`${gw.httpUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const client = await h.connect(gw.url, 'alice');
    await client.request('public.ping');
    await client.request('no.such.method');
    await client.result('order.cancelAll');
    const metrics = await (await fetch(`${gw.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_connections\{[^}]*\} 1/);
    expect(metrics).toMatch(/gateway_messages_total\{[^}]*method="public.ping"[^}]*\} 1/);
    expect(metrics).toMatch(/gateway_messages_total\{[^}]*method="unknown"[^}]*\} 1/);
    expect(metrics).toMatch(/gateway_errors_total\{[^}]*code="-32601"[^}]*\} 1/);
    expect(metrics).toMatch(
      /gateway_sqs_send_seconds_count\{[^}]*type="order.cancelAll"[^}]*outcome="ok"[^}]*\} 1/,
    );
    await client.close();
    await vi.waitFor(async () => {
      const after = await (await fetch(`${gw.httpUrl}/metrics`)).text();
      expect(after).toMatch(/gateway_connections\{[^}]*\} 0/);
    });
    await h.takeCommands();
  });

  it('answers a plain GET of the endpoint with 426', async () => {
    expect((await fetch(`${gw.httpUrl}/v1/ws`)).status).toBe(426);
  });
});

describe('heartbeat', () => {
  it('pings every interval and keeps a client that answers; drops one silent past the timeout', async () => {
    const beating = await h.startGateway({ pingIntervalMs: 100, idleTimeoutMs: 500 });
    const answering = await openSocket(beating.url);
    let pings = 0;
    answering.socket.on('ping', () => (pings += 1));
    const silent = await openSocket(beating.url, { autoPong: false });
    const dropped = await silent.closed;
    expect(dropped.code).toBe(1006); // terminated: no closing handshake with a dead peer
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    expect((await answering.request('public.ping')).result).toBeDefined();
    await answering.close();
  });
});

describe('subscriptions seam', () => {
  it('with the placeholders, answers subscribe with nothing subscribed and cancelOnDisconnect with enabled false', async () => {
    const placeholders = await h.startGateway({
      subscriptions: noSubscriptions,
      cancelOnDisconnect: noCancelOnDisconnect,
    });
    const client = await h.connect(placeholders.url, 'alice');
    expect(
      SubscribeResult.parse(
        await client.result('subscribe', { channels: ['orders', 'book.BTC-PERP'] }),
      ),
    ).toEqual({ subscribed: [] });
    expect(
      UnsubscribeResult.parse(await client.result('unsubscribe', { channels: ['orders'] })),
    ).toEqual({
      unsubscribed: [],
    });
    expect(
      SessionCancelOnDisconnectResult.parse(
        await client.result('session.cancelOnDisconnect', { enabled: true }),
      ),
    ).toEqual({ enabled: false });
    const invalid = await client.request('subscribe', { channels: ['book.btc'] });
    expect(invalid.error).toMatchObject({ code: -32602, data: { field: 'channels.0' } });
    await client.close();
  });

  it('hands a subscription service the connection, writes its result before its snapshot, and reports the close', async () => {
    const closed: string[] = [];
    const seen: { accountId: string | undefined; since: unknown }[] = [];
    const service: SubscriptionService = {
      async subscribe(connection, channels, since) {
        seen.push({ accountId: connection.principal?.accountId, since });
        return {
          result: { subscribed: [...channels] },
          afterReply: () => {
            connection.notify(subscriptionNotification('orders', { snapshot: true, orders: [] }));
          },
        };
      },
      async unsubscribe(_connection, channels) {
        return { result: { unsubscribed: [...channels] } };
      },
      onClose(connection: GatewayConnection) {
        closed.push(connection.connectionId);
      },
    };
    const withService = await h.startGateway({ subscriptions: service });
    const client = await h.connect(withService.url, 'alice');
    const answer = await client.request(
      'subscribe',
      { channels: ['orders'], since: { orders: 3 } },
      { id: 's1' },
    );
    expect(answer.result).toEqual({ subscribed: ['orders'] });
    const snapshot = await client.frameMatching(
      (m) => (m as { method?: unknown }).method === 'subscription',
    );
    expect(client.frames.indexOf(answer)).toBeLessThan(client.frames.indexOf(snapshot));
    expect(snapshot).toEqual({
      jsonrpc: '2.0',
      method: 'subscription',
      params: { channel: 'orders', data: { snapshot: true, orders: [] } },
    });
    expect(seen).toEqual([{ accountId: 'alice', since: { orders: 3 } }]);
    await client.close();
    await vi.waitFor(() => expect(closed).toHaveLength(1));
  });
});

describe('graceful shutdown', () => {
  it('sends session.shutdown, closes with 1001, refuses new sockets and turns /ready 503', async () => {
    const stopping = await h.startGateway({
      reconnectAfterMs: 500,
      reconnectJitterMs: 100,
      closeTimeoutMs: 1_500,
    });
    const clients = await Promise.all([openSocket(stopping.url), h.connect(stopping.url, 'alice')]);
    // A client that stops reading: it never answers the close, so the drain waits for it.
    const stuck = await openSocket(stopping.url);
    stuck.socket.pause();
    const stopped = stopping.gateway.stop();
    for (const client of clients) {
      const notice = SessionShutdownNotification.parse(await client.frameMatching(isShutdown));
      expect(notice.params.reconnectAfterMs).toBeGreaterThanOrEqual(500);
      expect(notice.params.reconnectAfterMs).toBeLessThanOrEqual(600);
      expect((await client.closed).code).toBe(1001);
    }
    // Draining: not ready, and no new sockets.
    expect((await fetch(`${stopping.httpUrl}/ready`)).status).toBe(503);
    const refused = await openSocket(stopping.url).then(
      () => 'opened',
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect((refused as UpgradeRefused).status).toBe(503);
    // The stuck client is dropped at the deadline, then the server is down.
    await stopped;
    stuck.socket.resume();
    expect([1001, 1006]).toContain((await stuck.closed).code);
    await expect(fetch(`${stopping.httpUrl}/health`)).rejects.toThrow();
  });

  it('on SIGTERM, the gateway process tells its sockets, closes them with 1001 and exits 0', async () => {
    const service = await h.startGatewayProcess({ SHUTDOWN_RECONNECT_AFTER_MS: '250' });
    const url = `${service.url.replace(/^http:/, 'ws:')}/v1/ws`;
    const client = await h.connect(url, 'alice');
    expect((await client.request('orders.open', {})).result).toEqual([]);
    const exited = new Promise<number | null>((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGTERM');
    const notice = SessionShutdownNotification.parse(await client.frameMatching(isShutdown));
    expect(notice.params.reconnectAfterMs).toBeGreaterThanOrEqual(250);
    expect((await client.closed).code).toBe(1001);
    expect(await exited).toBe(0);
  });
});
