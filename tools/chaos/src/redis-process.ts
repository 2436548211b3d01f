// A Redis of the suite's own, so it can be restarted without touching anyone else's: with an
// append-only file, as a managed Redis keeps its data across a failover (ElastiCache promotes a
// replica), so a restart tests reconnects and re-established leases, not an empty cache.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from '@perp/test-services';
import { createConnection } from 'node:net';

export class RedisProcess {
  readonly port: number;
  readonly #dir: string;
  #child: ChildProcess | undefined;

  private constructor(port: number, dir: string) {
    this.port = port;
    this.#dir = dir;
  }

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(
      await freePort(),
      await mkdtemp(join(tmpdir(), 'perp-chaos-redis-')),
    );
    await redis.#spawn();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async #spawn(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.#dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    this.#child = child;
    await waitUntil(() => pingable(this.port), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'redis-server to listen',
    });
  }

  /** SIGKILL (what a crashed node is), then a new server on the same port and data. */
  async restart(downMs: number): Promise<void> {
    await this.#kill();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.#spawn();
  }

  async #kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.#kill();
    await rm(this.#dir, { recursive: true, force: true });
  }
}

function pingable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });
}
