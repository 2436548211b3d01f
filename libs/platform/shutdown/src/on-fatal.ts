import type { GracefulShutdown } from './graceful-shutdown.ts';

export interface FatalLogger {
  fatal(obj: object, msg: string): void;
}

export type FatalEvent = 'uncaughtException' | 'unhandledRejection';

/** Shutdowns whose process handlers are installed: once each, whoever asks first. */
const installed = new WeakSet<GracefulShutdown>();

/**
 * Ends the process through `shutdown` on an uncaught exception or an unhandled rejection (a
 * rejected top-level await in the entry module counts as the former): the error is logged at
 * fatal, the closers run, so work in flight is drained rather than cut, and the exit code is 1.
 * Install it right after the logger exists, before anything can fail; closers registered later
 * still run. A second crash during the shutdown is logged and joins it.
 */
export function onFatal(shutdown: GracefulShutdown, logger: FatalLogger): void {
  if (installed.has(shutdown)) return;
  installed.add(shutdown);
  const crash = (event: FatalEvent, err: unknown) => {
    // Should the event loop empty before the shutdown calls exit, the process still fails.
    process.exitCode = 1;
    logger.fatal({ event, err }, `${event}: shutting down`);
    void shutdown.fail(event);
  };
  process.on('uncaughtException', (err) => crash('uncaughtException', err));
  process.on('unhandledRejection', (reason) => crash('unhandledRejection', reason));
}
