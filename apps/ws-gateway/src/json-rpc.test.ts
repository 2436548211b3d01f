import { JsonRpcErrorResponse, JsonRpcSuccessResponse, PublicPingResult } from '@perp/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  openSocket,
  startGatewayHarness,
  type GatewayHarness,
  type RunningGateway,
} from './test-support/gateway-harness.ts';
import type { RpcSocket } from '@perp/trader-client';
import { type RpcAnswer } from '@perp/trader-client';

let h: GatewayHarness;
let gw: RunningGateway;

beforeAll(async () => {
  h = await startGatewayHarness();
  gw = await h.startGateway();
}, 60_000);
afterAll(() => h?.dispose());

/** An error answer, checked against the contract's frame. */
function errorOf(answer: RpcAnswer) {
  return JsonRpcErrorResponse.parse(answer);
}

async function stillWorks(client: RpcSocket): Promise<void> {
  const answer = await client.request('public.ping', undefined, { id: 'alive' });
  const ok = JsonRpcSuccessResponse.parse(answer);
  expect(ok.id).toBe('alive');
  PublicPingResult.parse(ok.result);
}

describe('JSON-RPC framing on /v1/ws', () => {
  it('answers public.ping with the same id, a string or a number', async () => {
    const client = await openSocket(gw.url);
    const byString = JsonRpcSuccessResponse.parse(
      await client.request('public.ping', undefined, { id: 'a-1' }),
    );
    expect(byString.id).toBe('a-1');
    const byNumber = JsonRpcSuccessResponse.parse(
      await client.request('public.time', {}, { id: 7 }),
    );
    expect(byNumber.id).toBe(7);
    await client.close();
  });

  it('answers every malformed frame with its error and keeps the connection usable', async () => {
    const client = await openSocket(gw.url);
    const cases: [string, number, string | number | null][] = [
      ['{not json', -32700, null],
      ['', -32700, null],
      ['[{"jsonrpc":"2.0","id":1,"method":"public.ping"}]', -32600, null],
      ['[]', -32600, null],
      ['42', -32600, null],
      ['"public.ping"', -32600, null],
      ['null', -32600, null],
      ['{"jsonrpc":"1.0","id":"v1","method":"public.ping"}', -32600, 'v1'],
      ['{"id":"no-version","method":"public.ping"}', -32600, 'no-version'],
      ['{"jsonrpc":"2.0","method":"public.ping"}', -32600, null],
      ['{"jsonrpc":"2.0","id":{"x":1},"method":"public.ping"}', -32600, null],
      ['{"jsonrpc":"2.0","id":true,"method":"public.ping"}', -32600, null],
      ['{"jsonrpc":"2.0","id":"m","method":5}', -32600, 'm'],
      ['{"jsonrpc":"2.0","id":"e","method":""}', -32600, 'e'],
      ['{"jsonrpc":"2.0","id":"p","method":"public.ping","params":"x"}', -32600, 'p'],
      ['{"jsonrpc":"2.0","id":"k","method":"public.ping","extra":1}', -32600, 'k'],
      ['{"jsonrpc":"2.0","id":"u","method":"no.such.method"}', -32601, 'u'],
      ['{"jsonrpc":"2.0","id":"proto","method":"__proto__"}', -32601, 'proto'],
      ['{"jsonrpc":"2.0","id":"c","method":"constructor"}', -32601, 'c'],
    ];
    for (const [frame, code, id] of cases) {
      const error = errorOf(await client.sendAndReceive(frame));
      expect({ frame, code: error.error.code, id: error.id }).toEqual({ frame, code, id });
      expect(typeof error.error.message).toBe('string');
    }
    await stillWorks(client);
    await client.close();
  });

  it('answers a frame nested deeper than 32 levels with -32600 and id null, unparsed', async () => {
    const client = await openSocket(gw.url);
    const deep = `{"jsonrpc":"2.0","id":"deep","method":"public.ping","params":{"a":${'['.repeat(40)}${']'.repeat(40)}}}`;
    const error = errorOf(await client.sendAndReceive(deep));
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
    expect(error.error.message).toContain('nested deeper than 32 levels');
    // An unknown key is named in the answer, but not echoed back whole.
    const key = 'k'.repeat(10_000);
    const answer = await client.sendAndReceive(
      `{"jsonrpc":"2.0","id":"long","method":"public.book","params":{"symbol":"BTC-PERP","${key}":1}}`,
    );
    const field = (errorOf(answer).error.data as { field: string }).field;
    expect(field).toBe(`${'k'.repeat(64)}…`);
    await stillWorks(client);
    await client.close();
  });

  it('answers a binary frame with -32600 and id null', async () => {
    const client = await openSocket(gw.url);
    const error = errorOf(
      await client.sendAndReceive(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"public.ping"}')),
    );
    expect(error).toMatchObject({ id: null, error: { code: -32600 } });
    await stillWorks(client);
    await client.close();
  });

  it('answers invalid params with -32602 naming the field and the reason', async () => {
    const client = await openSocket(gw.url);
    const cases: [string, unknown, string][] = [
      ['public.book', {}, 'symbol'],
      ['public.book', { symbol: 'btc' }, 'symbol'],
      ['public.book', { symbol: 'BTC-PERP', depth: 0 }, 'depth'],
      ['public.book', { symbol: 'BTC-PERP', depth: 1.5 }, 'depth'],
      ['public.ping', { unexpected: true }, 'unexpected'],
      ['public.ping', [1, 2], 'params'],
      ['auth.login', { token: 'not-a-jwt' }, 'token'],
      ['auth.login', {}, 'token'],
    ];
    for (const [method, params, field] of cases) {
      const error = errorOf(await client.request(method, params));
      expect({ method, code: error.error.code }).toEqual({ method, code: -32602 });
      const data = error.error.data as { field: string; reason: string };
      expect({ method, field: data.field }).toEqual({ method, field });
      expect(data.reason.length).toBeGreaterThan(0);
    }
    await stillWorks(client);
    await client.close();
  });

  it('answers -32602 with the field for order params once authenticated', async () => {
    await h.createAccount('params-trader');
    const client = await h.connect(gw.url, 'params-trader');
    const base = { clientOrderId: 'p-1', symbol: 'BTC-PERP', side: 'buy', quantity: '1' };
    const cases: [unknown, string][] = [
      [{ ...base, type: 'limit' }, 'price'],
      [{ ...base, type: 'market', price: '60000' }, 'price'],
      [{ ...base, type: 'limit', price: '6e4' }, 'price'],
      [{ ...base, type: 'limit', price: 60000 }, 'price'],
      [{ ...base, type: 'limit', price: '60000', quantity: '-1' }, 'quantity'],
      [{ ...base, type: 'limit', price: '60000', clientOrderId: 'has space' }, 'clientOrderId'],
      [{ ...base, type: 'limit', price: '60000', side: 'long' }, 'side'],
      [{ ...base, type: 'limit', price: '60000', timeInForce: 'day' }, 'timeInForce'],
      [{ ...base, type: 'market', postOnly: true }, 'postOnly'],
      [{ ...base, type: 'stop', price: '1' }, 'type'],
    ];
    for (const [params, field] of cases) {
      const error = errorOf(await client.request('order.place', params));
      expect({
        params,
        code: error.error.code,
        field: (error.error.data as { field: string }).field,
      }).toEqual({
        params,
        code: -32602,
        field,
      });
    }
    const cancel = errorOf(await client.request('order.cancel', { symbol: 'BTC-PERP' }));
    expect(cancel.error).toMatchObject({ code: -32602, data: { field: 'clientOrderId' } });
    const both = errorOf(await client.request('order.get', { clientOrderId: 'a', orderId: 'b' }));
    expect(both.error).toMatchObject({ code: -32602, data: { field: 'orderId' } });
    await stillWorks(client);
    await client.close();
  });

  it('answers 10001 to private methods before login, and public ones still work', async () => {
    const client = await openSocket(gw.url);
    for (const method of [
      'order.place',
      'orders.open',
      'account.get',
      'subscribe',
      'admin.deposit',
    ]) {
      const error = errorOf(await client.request(method, {}));
      expect({ method, code: error.error.code }).toEqual({ method, code: 10001 });
    }
    await stillWorks(client);
    await client.close();
  });

  it('answers exactly once per request, in order, when requests are pipelined', async () => {
    const client = await openSocket(gw.url);
    const ids = Array.from({ length: 30 }, (_, i) => `pipe-${i}`);
    for (const id of ids) {
      client.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'public.ping' }));
    }
    await vi.waitFor(() => expect(client.frames).toHaveLength(ids.length));
    await new Promise((r) => setTimeout(r, 100)); // and nothing more arrives
    const seen = client.frames.map((m) => (m as { id?: unknown }).id);
    expect(seen).toEqual(ids);
    await client.close();
  });

  it('closes a connection that sends a frame over 64 KiB with 1009', async () => {
    const client = await openSocket(gw.url);
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 'big',
      method: 'public.ping',
      params: { pad: 'x'.repeat(64 * 1024) },
    });
    client.socket.send(big);
    expect((await client.closed).code).toBe(1009);
    // The server is fine: a new connection works.
    const again = await openSocket(gw.url);
    await stillWorks(again);
    await again.close();
  });

  it('accepts a frame of just under 64 KiB', async () => {
    const client = await openSocket(gw.url);
    const frame = JSON.stringify({ jsonrpc: '2.0', id: 'edge', method: 'nope', pad: '' });
    const padded = frame.replace('"pad":""', `"pad":"${'y'.repeat(64 * 1024 - frame.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    const error = errorOf(await client.sendAndReceive(padded));
    expect(error.error.code).toBe(-32600);
    await stillWorks(client);
    await client.close();
  });

  it('rate limits a connection with 10003 and retryAfterMs, then recovers', async () => {
    const limited = await h.startGateway({
      limits: { connectionRequestsPerSecond: 1, connectionRequestBurst: 3 },
    });
    const client = await openSocket(limited.url);
    const answers: RpcAnswer[] = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push(
        await client.sendAndReceive(
          JSON.stringify({ jsonrpc: '2.0', id: i, method: 'public.ping' }),
        ),
      );
    }
    const codes = answers.map((a) => a.error?.code ?? 'ok');
    expect(codes.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(codes[3]).toBe(10003);
    const limitedAnswer = errorOf(answers[3] as RpcAnswer);
    expect(limitedAnswer.id).toBe(3);
    const retryAfterMs = (limitedAnswer.error.data as { retryAfterMs: number }).retryAfterMs;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, retryAfterMs + 250));
    await stillWorks(client);
    await client.close();
  });
});
