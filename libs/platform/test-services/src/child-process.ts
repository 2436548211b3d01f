import type { ChildProcess } from 'node:child_process';

const exitHooks = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Last resort against leaked servers: if the test process exits without calling `stop()` (a
 * crashed worker, a forgotten afterAll), kill the child synchronously on the way out.
 */
export function killOnExit(child: ChildProcess): void {
  exitHooks.add(child);
  child.once('exit', () => exitHooks.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of exitHooks) c.kill('SIGKILL');
  });
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Watches a child that is starting up. The returned function gives the reason it can no longer
 * become ready (spawn failed, e.g. ENOENT; or it exited), or undefined while it still may.
 */
export function startupFailure(child: ChildProcess): () => Error | undefined {
  let spawnError: Error | undefined;
  // Also keeps a spawn error from being thrown as an unhandled 'error' event.
  child.once('error', (error) => {
    spawnError = error;
  });
  return () =>
    spawnError ??
    (hasExited(child) ? new Error(`exited with ${child.exitCode ?? child.signalCode}`) : undefined);
}

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`. Resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  // No pid: the spawn itself failed (e.g. ENOENT), there is nothing to stop.
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  exitHooks.delete(child);
}

/** Collects the tail of a stream for error messages, without holding a long-running log in memory. */
export function captureTail(stream: NodeJS.ReadableStream | null, maxChars = 4_000): () => string {
  let tail = '';
  stream?.on('data', (chunk: Buffer | string) => {
    tail = (tail + chunk.toString()).slice(-maxChars);
  });
  return () => tail;
}
