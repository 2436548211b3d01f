import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from './dynamodb-local.ts';
import { localSqsClient } from './sqs-local.ts';

const main = join(import.meta.dirname, 'main.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'perp-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Launch {
  readonly child: ChildProcessWithoutNullStreams;
  output: string;
}

function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['--conditions=@perp/source', main], {
    env: { ...process.env, STACK_DATA_DIR: dataDir, ...env },
  });
  const launched: Launch = { child, output: '' };
  child.stdout.on('data', (chunk: Buffer) => (launched.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (launched.output += chunk.toString()));
  return launched;
}

async function untilReady(launched: Launch, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!launched.output.includes('ready. Press Ctrl-C')) {
    if (launched.child.exitCode !== null)
      throw new Error(`stack exited early:\n${launched.output}`);
    if (Date.now() > deadline) throw new Error(`stack not ready in time:\n${launched.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(launched: Launch): Promise<number | null> {
  launched.child.kill('SIGINT');
  const [code] = (await once(launched.child, 'exit')) as [number | null];
  return code;
}

describe('npm start (local backing services)', () => {
  it('creates the queues and tables, and a second start finds them and changes nothing', async () => {
    const ports = { SQS_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()) };
    const sqsEndpoint = `http://127.0.0.1:${ports.SQS_PORT}`;
    const dynamoEndpoint = `http://127.0.0.1:${ports.DYNAMODB_PORT}`;

    for (const expected of ['created', 'exists']) {
      const launched = launch(ports);
      await untilReady(launched);
      expect(launched.output).toContain(`queue orders.fifo ${expected}`);
      expect(launched.output).toContain(`queue orders-dlq.fifo ${expected}`);
      expect(launched.output).toContain(`table trading ${expected}`);
      expect(launched.output).toContain(`table config ${expected}`);

      const sqs = localSqsClient(sqsEndpoint, 'us-east-1');
      const queues = await sqs.send(new ListQueuesCommand({}));
      expect(queues.QueueUrls?.map((url) => url.split('/').at(-1)).sort()).toEqual([
        'orders-dlq.fifo',
        'orders.fifo',
      ]);
      sqs.destroy();
      const dynamodb = localDynamoDbClient(dynamoEndpoint, 'us-east-1');
      expect((await dynamodb.send(new ListTablesCommand({}))).TableNames?.sort()).toEqual([
        'config',
        'trading',
      ]);
      dynamodb.destroy();

      expect(await stop(launched)).toBe(0);
      expect(launched.output).toContain('stopped');
      expect(launched.output).not.toMatch(/Error|at .*\.ts:\d+/);
    }
  }, 120_000);

  it('names the missing prerequisite when Redis does not answer, without a stack trace', async () => {
    const closedPort = await freePort();
    const launched = launch({
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
      SQS_PORT: String(await freePort()),
    });
    const [code] = (await once(launched.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(launched.output).toContain(`Redis does not answer at redis://127.0.0.1:${closedPort}`);
    expect(launched.output).toContain('redis-server --daemonize yes');
    expect(launched.output).not.toMatch(/\n\s+at /);
  });

  it('says which port is taken instead of crashing', async () => {
    const blocker: Server = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const taken = (blocker.address() as { port: number }).port;
    const launched = launch({ DYNAMODB_PORT: String(taken), SQS_PORT: String(await freePort()) });
    const [code] = (await once(launched.child, 'exit')) as [number];
    blocker.close();
    expect(code).toBe(1);
    expect(launched.output).toContain(`127.0.0.1:${taken} is already in use`);
    expect(launched.output).toContain('DYNAMODB_PORT');
  });

  it('rejects a malformed port naming the variable', async () => {
    const launched = launch({ SQS_PORT: 'ninety' });
    const [code] = (await once(launched.child, 'exit')) as [number];
    expect(code).toBe(78);
    expect(launched.output).toContain('SQS_PORT must be an integer (got "ninety")');
  });
});
