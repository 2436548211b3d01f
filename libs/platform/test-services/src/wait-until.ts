import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts; lets a caller give up early, e.g. when the child process died. */
  readonly abortIf?: () => Error | undefined;
}

/** Polls `attempt` until it resolves truthy; throws the last failure once `timeoutMs` has passed. */
export async function waitUntil(
  attempt: () => Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const abort = options.abortIf?.();
    if (abort) throw abort;
    try {
      if (await attempt()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`not ready after ${options.timeoutMs} ms`, { cause: lastError });
    }
    await sleep(options.intervalMs ?? 100);
  }
}
