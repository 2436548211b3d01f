// The lifecycle of the stack's child processes: the apps and DynamoDB Local.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Told when a child the stack relies on dies without being asked to. */
export type UnexpectedExit = (
  name: string,
  code: number | null,
  signal: NodeJS.Signals | null,
) => void;

/** A child killed by a signal keeps `exitCode` null, so both have to be looked at. */
export const hasExited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

// Children run detached (their own process group), so a Ctrl-C in the terminal reaches only the
// stack, which stops them one at a time in reverse order: an OMS stopped together with the venue
// and DynamoDB could not drain. The price is that they would outlive a stack that exits any other
// way, so whatever still runs when the stack's process exits (a crash included; only a SIGKILL
// cannot be caught) is told to stop here.
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

export function stopWithStack(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of children) running.kill('SIGTERM');
  });
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function terminate(child: ChildProcess, graceMs = 25_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
