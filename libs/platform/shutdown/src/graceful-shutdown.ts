import { onFatal } from './on-fatal.ts';

export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface GracefulShutdownOptions {
  readonly logger: ShutdownLogger;
  /** Everything must be closed by then. ECS sends SIGKILL 30 s after SIGTERM by default. */
  readonly deadlineMs?: number;
  /** Injected for tests; `process.exit` in services. */
  readonly exit?: (code: number) => void;
}

type Closer = { readonly name: string; readonly close: () => Promise<void> | void };

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * Runs registered closers on SIGTERM/SIGINT, in order, within a deadline.
 *
 * Closers run in registration order: register intake first (stop accepting work), then the
 * things that drain, then the stores. A failing closer is logged and the rest still run; a second
 * signal or the deadline exits at once with code 1.
 */
export class GracefulShutdown {
  readonly #closers: Closer[] = [];
  readonly #logger: ShutdownLogger;
  readonly #deadlineMs: number;
  readonly #exit: (code: number) => void;
  #running: Promise<number> | undefined;
  #listening = false;
  /** Set when a crash (not a signal) started the shutdown: the exit code is then 1. */
  #crashed = false;

  constructor(options: GracefulShutdownOptions) {
    this.#logger = options.logger;
    this.#deadlineMs = options.deadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  get isShuttingDown(): boolean {
    return this.#running !== undefined;
  }

  register(name: string, close: () => Promise<void> | void): this {
    this.#closers.push({ name, close });
    return this;
  }

  /**
   * Installs the signal handlers, and `onFatal`'s handlers unless they are installed already
   * (then logging at this logger's error level): an uncaught exception or an unhandled rejection
   * shuts the process down through the same closers, then exits 1.
   */
  listen(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): this {
    if (this.#listening) return this;
    this.#listening = true;
    const logger = this.#logger;
    onFatal(this, { fatal: (obj, msg) => logger.error(obj, msg) });
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.#running) {
          this.#logger.error({ signal }, 'second signal during shutdown: exiting now');
          this.#exit(1);
          return;
        }
        void this.run(signal);
      });
    }
    return this;
  }

  /** Runs every closer once and then exits; resolves with the exit code. */
  run(reason: string): Promise<number> {
    this.#running ??= this.#closeAll(reason);
    return this.#running;
  }

  /**
   * The same after a fatal error: every closer still runs, and the exit code is 1 whatever they
   * do. Joins a shutdown already under way, which then exits 1 too.
   */
  fail(reason: string): Promise<number> {
    this.#crashed = true;
    return this.run(reason);
  }

  async #closeAll(reason: string): Promise<number> {
    this.#logger.info({ reason, deadlineMs: this.#deadlineMs }, 'shutting down');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), this.#deadlineMs);
      timer.unref();
    });
    const outcome = await Promise.race([this.#closeInOrder(), deadline]);
    clearTimeout(timer);
    const code = outcome === 'deadline' || this.#crashed ? 1 : outcome;
    if (outcome === 'deadline')
      this.#logger.error({ deadlineMs: this.#deadlineMs }, 'shutdown deadline passed');
    else this.#logger.info({ code }, 'shutdown complete');
    this.#exit(code);
    return code;
  }

  async #closeInOrder(): Promise<number> {
    let code = 0;
    for (const closer of this.#closers) {
      const started = performance.now();
      try {
        await closer.close();
        this.#logger.info(
          { closer: closer.name, ms: Math.round(performance.now() - started) },
          'closed',
        );
      } catch (err) {
        code = 1;
        this.#logger.error({ closer: closer.name, err }, 'closer failed');
      }
    }
    return code;
  }
}
