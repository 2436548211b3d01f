import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
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
  stop(): Promise<void>;
}

async function waitUntilReady(
  spec: ServiceSpec,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await spec.ready?.().catch(() => false))) {
    if (child.exitCode !== null)
      throw new Error(`${spec.name} exited with code ${child.exitCode} while starting`);
    if (Date.now() > deadline)
      throw new Error(`${spec.name} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Starts an app as a child process with its output prefixed by its name. `onExit` is told when it
 * dies unexpectedly, so the stack can stop instead of limping on without it.
 */
export async function startService(
  workspaceRoot: string,
  spec: ServiceSpec,
  output: PrefixedOutput,
  onExit: (name: string, code: number | null) => void,
): Promise<RunningService> {
  const child = spawn(process.execPath, ['--conditions=@perp/source', spec.entry], {
    cwd: workspaceRoot,
    env: { ...process.env, LOG_FORMAT: 'pretty', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output.pipe(spec.name, child.stdout);
  output.pipe(spec.name, child.stderr);
  let stopping = false;
  child.once('exit', (code) => {
    if (!stopping) onExit(spec.name, code);
  });
  if (spec.ready) await waitUntilReady(spec, child, 30_000);
  return {
    name: spec.name,
    async stop() {
      stopping = true;
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

export const httpReady = (url: string) => async (): Promise<boolean> => (await fetch(url)).ok;
