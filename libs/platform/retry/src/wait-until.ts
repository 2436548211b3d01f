import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts; lets a caller give up early, e.g. when the child process died. */
  readonly abortIf?: () => Error | undefined;
  /** What is awaited, for the timeout's message ("account alice funded"). */
  readonly what?: string;
}

/**
 * Polls `probe` until it gives a value (anything but undefined) and returns it. A probe that
 * throws counts as not yet; once `timeoutMs` has passed, throws with the last failure as cause.
 */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const abort = options.abortIf?.();
    if (abort) throw abort;
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what =
        options.what === undefined ? 'not ready' : `timed out waiting for ${options.what}`;
      throw new Error(`${what} after ${options.timeoutMs} ms`, { cause: lastError });
    }
    await sleep(options.intervalMs ?? 100);
  }
}

/** Polls `attempt` until it resolves truthy; throws the last failure once `timeoutMs` has passed. */
export async function waitUntil(
  attempt: () => boolean | Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  await waitFor(async () => ((await attempt()) ? true : undefined), options);
}
