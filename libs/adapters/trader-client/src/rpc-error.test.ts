import { isRetryable } from '@perp/retry';
import { freePort } from '@perp/test-services';
import { describe, expect, it } from 'vitest';
import { ConnectionError, UpgradeRefused } from './connection-error.ts';
import { RpcError } from './rpc-error.ts';
import { RpcSocket } from './rpc-socket.ts';
import { TraderClient } from './trader-client.ts';

describe('RpcError', () => {
  it('keeps the code, message and data as sent, and says whether a retry may succeed', () => {
    const limited = new RpcError('order.place', {
      code: 10003,
      message: 'Rate limited',
      data: { retryAfterMs: 250 },
    });
    expect(limited.message).toBe('order.place: 10003 Rate limited');
    expect(limited.body).toEqual({
      code: 10003,
      message: 'Rate limited',
      data: { retryAfterMs: 250 },
    });
    expect(limited.retryAfterMs).toBe(250);
    expect(isRetryable(limited)).toBe(true);
    expect(isRetryable(new RpcError('order.place', { code: 10007, message: 'busy' }))).toBe(true);

    const unknown = new RpcError('order.get', { code: 10005, message: 'Unknown order' });
    expect(unknown.body).toEqual({ code: 10005, message: 'Unknown order' });
    expect(unknown.retryAfterMs).toBeUndefined();
    expect(isRetryable(unknown)).toBe(false);
  });
});

describe('connecting', () => {
  it('names the URL and the likely cause when nothing listens', async () => {
    const url = `ws://127.0.0.1:${await freePort()}/v1/ws`;
    const failure = await RpcSocket.open(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as Error).message).toBe(
      `cannot connect to ${url}: connection refused (is the gateway running? npm start)`,
    );
    expect(isRetryable(failure)).toBe(true);
    // The first connect does not retry: a wrong URL fails at once.
    await expect(TraderClient.connect({ url })).rejects.toBeInstanceOf(ConnectionError);
  });

  it('refuses a URL that is not a WebSocket URL', async () => {
    await expect(RpcSocket.open('http//nowhere')).rejects.toThrow(/invalid gateway URL/);
  });

  it('describes the HTTP refusals a gateway answers', () => {
    expect(new UpgradeRefused('ws://h/v1/ws', 401, '').message).toBe(
      'cannot connect to ws://h/v1/ws: the token was not accepted (HTTP 401)',
    );
    expect(new UpgradeRefused('ws://h/v1/ws', 429, '').message).toMatch(/too many connections/);
    expect(new UpgradeRefused('ws://h/v1/ws', 418, 'teapot').status).toBe(418);
  });
});
