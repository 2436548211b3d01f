import { spawn, type ChildProcess } from 'node:child_process';
import { captureTail, killOnExit, startupFailure, stopChild } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitUntil } from '@perp/retry';

export interface NodeServiceOptions {
  /** For error messages: `oms`, `sim-venue`. */
  readonly name: string;
  /** The service's entry file (`apps/oms/src/main.ts`), run from sources by type stripping. */
  readonly entry: string;
  /** Environment on top of this process's; `port` fills in the variable named by `portVariable`. */
  readonly env: Readonly<Record<string, string>>;
  /** The variable that tells the service its HTTP port (`HTTP_PORT`, `SIM_VENUE_PORT`). */
  readonly portVariable: string;
  /** Fixed port (e.g. to restart on the same one); a free one when omitted. */
  readonly port?: number;
  /** Polled until it answers 200 (default `/ready`). */
  readonly readyPath?: string;
  readonly startTimeoutMs?: number;
  readonly cwd?: string;
}

/** One of our own services running as a real child process, as in production. */
export interface NodeService {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** The last few KB of what it printed, for diagnosing a failure. */
  output(): string;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash, with no chance to finish anything. */
  kill(): Promise<void>;
}

/**
 * Starts `node --conditions=@perp/source <entry>` and waits until its HTTP endpoint is ready.
 * The child is killed if the test process exits without stopping it.
 */
export async function startNodeService(options: NodeServiceOptions): Promise<NodeService> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--conditions=@perp/source', options.entry], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env, [options.portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  const failure = startupFailure(child);
  const stdout = captureTail(child.stdout, 20_000);
  const stderr = captureTail(child.stderr, 20_000);
  const output = () => `${stdout()}${stderr()}`;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(
      async () => (await fetch(`${url}${options.readyPath ?? '/ready'}`)).status === 200,
      { timeoutMs: options.startTimeoutMs ?? 20_000, intervalMs: 50, abortIf: failure },
    );
  } catch (error) {
    await stopChild(child, 500);
    throw new Error(
      `${options.name} did not become ready: ${(error as Error).message}\n${output()}`,
      {
        cause: error,
      },
    );
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    name: options.name,
    url,
    port,
    child,
    output,
    stop: (graceMs = 5_000) => stopChild(child, graceMs),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
