import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectContainerRuntime, uniqueName } from './index.ts';

describe('detectContainerRuntime', () => {
  it('finds nothing, quickly, where no socket exists', async () => {
    const started = performance.now();
    const found = await detectContainerRuntime({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(found).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('finds nothing where the engine does not answer within the ping timeout', async () => {
    const server = createServer(() => undefined); // accepts, never answers
    const dir = mkdtempSync(join(tmpdir(), 'ctr-'));
    const socketPath = join(dir, 'docker.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const started = performance.now();
      expect(await detectContainerRuntime({ DOCKER_HOST: `unix://${socketPath}` })).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds an engine that answers GET /_ping', async () => {
    const server = createServer((req, res) => res.end(req.url === '/_ping' ? 'OK' : ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await detectContainerRuntime({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toEqual({
        kind: 'tcp',
        host: '127.0.0.1',
        port,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('uniqueName', () => {
  it('is unique and valid as a Postgres, SQS and DynamoDB name', () => {
    const names = new Set(Array.from({ length: 1_000 }, () => uniqueName('orders')));
    expect(names.size).toBe(1_000);
    for (const name of names) expect(name).toMatch(/^orders_[a-z0-9]{10}$/);
  });
});
