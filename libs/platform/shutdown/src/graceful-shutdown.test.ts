import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GracefulShutdown } from './index.ts';

function recorder() {
  const entries: { level: string; obj: object; msg: string }[] = [];
  return {
    entries,
    logger: {
      info: (obj: object, msg: string) => entries.push({ level: 'info', obj, msg }),
      error: (obj: object, msg: string) => entries.push({ level: 'error', obj, msg }),
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GracefulShutdown', () => {
  it('runs closers in registration order, awaiting each, then exits 0', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    const { logger } = recorder();
    const shutdown = new GracefulShutdown({ logger, exit: (c) => exits.push(c) })
      .register('intake', async () => {
        await sleep(20);
        order.push('intake');
      })
      .register('drain', () => {
        order.push('drain');
      })
      .register('stores', async () => {
        order.push('stores');
      });
    expect(await shutdown.run('test')).toBe(0);
    expect(order).toEqual(['intake', 'drain', 'stores']);
    expect(exits).toEqual([0]);
  });

  it('runs the remaining closers when one fails, and exits 1', async () => {
    const order: string[] = [];
    const { logger, entries } = recorder();
    const exits: number[] = [];
    const shutdown = new GracefulShutdown({ logger, exit: (c) => exits.push(c) })
      .register('broken', () => {
        throw new Error('boom');
      })
      .register('stores', () => {
        order.push('stores');
      });
    expect(await shutdown.run('test')).toBe(1);
    expect(order).toEqual(['stores']);
    expect(entries.some((e) => e.level === 'error' && e.msg === 'closer failed')).toBe(true);
  });

  it('gives up at the deadline with exit code 1', async () => {
    const { logger, entries } = recorder();
    const exits: number[] = [];
    const shutdown = new GracefulShutdown({
      logger,
      deadlineMs: 50,
      exit: (c) => exits.push(c),
    }).register('stuck', () => new Promise<void>(() => undefined));
    expect(await shutdown.run('test')).toBe(1);
    expect(exits).toEqual([1]);
    expect(entries.at(-1)?.msg).toBe('shutdown deadline passed');
  });

  it('runs only once however often it is asked', async () => {
    let closed = 0;
    const { logger } = recorder();
    const shutdown = new GracefulShutdown({ logger, exit: () => undefined }).register('x', () => {
      closed += 1;
    });
    await Promise.all([shutdown.run('a'), shutdown.run('b')]);
    expect(closed).toBe(1);
    expect(shutdown.isShuttingDown).toBe(true);
  });

  it('handles a real SIGTERM in a child process', async () => {
    const script = `
      import { GracefulShutdown } from ${JSON.stringify(new URL('./graceful-shutdown.ts', import.meta.url).pathname)};
      const logger = { info: (_o, m) => console.log(m), error: (_o, m) => console.log(m) };
      new GracefulShutdown({ logger }).register('server', () => console.log('server closed')).listen();
      console.log('ready');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (chunk.toString().includes('ready')) child.kill('SIGTERM');
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(output).toContain('server closed');
    expect(output).toContain('shutdown complete');
  });

  it.each([
    [
      'an uncaught exception',
      "setTimeout(() => { throw new Error('boom'); }, 10);",
      'uncaughtException',
    ],
    [
      'an unhandled rejection',
      "setTimeout(() => Promise.reject(new Error('boom')), 10);",
      'unhandledRejection',
    ],
  ])('shuts down through the closers on %s, logs it and exits 1', async (_case, crash, event) => {
    const script = `
      import { GracefulShutdown } from ${JSON.stringify(new URL('./graceful-shutdown.ts', import.meta.url).pathname)};
      const logger = {
        info: (_o, m) => console.log(m),
        error: (o, m) => console.log(m + ' ' + (o.err?.message ?? '')),
      };
      new GracefulShutdown({ logger }).register('server', () => console.log('server closed')).listen();
      setInterval(() => {}, 1000);
      ${crash}
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output).toContain(`${event}: shutting down boom`);
    expect(output).toContain('server closed');
  });
});
