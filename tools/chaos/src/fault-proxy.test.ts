import { createServer, connect, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, PASS } from './fault-proxy.ts';
import { slope } from './soak.ts';

let echo: Server;
let proxy: FaultProxy;
beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  proxy = await FaultProxy.start('echo', { host: '127.0.0.1', port: address.port });
});
afterAll(async () => {
  await proxy.stop();
  await new Promise((resolve) => echo.close(resolve));
});

/** Sends `text` through the proxy; resolves what came back, or the error's code. */
function roundTrip(text: string): Promise<{ answer?: string; error?: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(proxy.port, '127.0.0.1', () => socket.write(text));
    socket.once('data', (data) => {
      socket.destroy();
      resolve({ answer: data.toString(), ms: Date.now() - started });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, ms: Date.now() - started }),
    );
    socket.once('close', () => resolve({ error: 'closed', ms: Date.now() - started }));
  });
}

describe('the fault proxy', () => {
  it('passes bytes both ways', async () => {
    proxy.set(PASS);
    expect((await roundTrip('ping')).answer).toBe('ping');
  });

  it('refuses while down, resets open connections, and passes again once back', async () => {
    const open = connect(proxy.port, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    const reset = new Promise<string>((resolve) =>
      open.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? '')),
    );
    proxy.set({ kind: 'down' });
    expect(await reset).toBe('ECONNRESET');
    expect((await roundTrip('ping')).answer).toBeUndefined();
    proxy.set(PASS);
    expect((await roundTrip('again')).answer).toBe('again');
  });

  it('holds each chunk back by the latency in slow mode', async () => {
    proxy.set({ kind: 'slow', latencyMs: 150 });
    const slow = await roundTrip('slow');
    proxy.set(PASS);
    expect(slow.answer).toBe('slow');
    // Both directions are delayed: at least twice the latency (a floor, not a timing target).
    expect(slow.ms).toBeGreaterThanOrEqual(290);
  });
});

describe('slope', () => {
  it('is the least-squares rate of change, 0 for a flat or single series', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(
      slope([
        { x: 0, y: 4 },
        { x: 5, y: 4 },
      ]),
    ).toBe(0);
    expect(slope([{ x: 1, y: 9 }])).toBe(0);
  });
});
