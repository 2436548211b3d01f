import { spawn, type ChildProcess } from 'node:child_process';
import { waitUntil } from '@perp/test-services';
import { hasExited, stopWithStack, terminate, type UnexpectedExit } from './children.ts';
import type { PrefixedOutput } from './prefixed-output.ts';

export interface ServiceSpec {
  readonly name: string;
  /** Entry point, relative to the workspace root; run by Node with the source condition. */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** Resolves once the service answers (its /ready); the next service starts after that. */
  readonly ready?: () => Promise<boolean>;
}

export interface RunningService {
  readonly name: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** A service that did not come up; its own output above says why, so no stack trace is added. */
export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

async function waitUntilReady(
  spec: ServiceSpec,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const exited = () =>
    hasExited(child)
      ? new ServiceStartError(
          `${spec.name} exited with ${child.signalCode ?? `code ${child.exitCode}`} while starting`,
        )
      : undefined;
  await waitUntil(async () => (await spec.ready?.()) ?? true, {
    timeoutMs,
    intervalMs: 150,
    abortIf: exited,
  }).catch((error: unknown) => {
    if (error instanceof ServiceStartError) throw error;
    throw new ServiceStartError(`${spec.name} was not ready within ${timeoutMs / 1000} s`);
  });
}

/**
 * Starts an app as a child process with its output prefixed by its name. `onExit` is told when it
 * dies unexpectedly, so the stack can stop instead of limping on without it.
 */
export async function startService(
  workspaceRoot: string,
  spec: ServiceSpec,
  output: PrefixedOutput,
  onExit: UnexpectedExit,
): Promise<RunningService> {
  const child = spawn(process.execPath, ['--conditions=@perp/source', spec.entry], {
    cwd: workspaceRoot,
    env: { ...process.env, LOG_FORMAT: 'pretty', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  stopWithStack(child);
  output.pipe(spec.name, child.stdout);
  output.pipe(spec.name, child.stderr);
  // Watched from the moment it is ready (a death while starting is the start's error) until it is
  // asked to stop.
  let watched = false;
  child.once('exit', (code, signal) => {
    if (watched) onExit(spec.name, code, signal);
  });
  if (spec.ready) {
    try {
      await waitUntilReady(spec, child, 30_000);
    } catch (error) {
      // Not handed to the caller yet, so nobody else would stop it.
      await terminate(child);
      throw error;
    }
  }
  watched = true;
  return {
    name: spec.name,
    pid: child.pid,
    async stop() {
      watched = false;
      await terminate(child);
    },
  };
}

/** Ready when `url` answers 2xx; a server that hangs counts as not ready yet. */
export const httpReady = (url: string) => async (): Promise<boolean> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.ok;
};
