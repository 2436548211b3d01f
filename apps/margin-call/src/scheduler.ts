import type { Logger } from '@perp/logger';
import type { MarginCallMode } from '@perp/margin-calls';
import { Cron } from 'croner';
import type { MarginCallJob } from './app.ts';
import { embeddedMetrics } from './emf.ts';
import type { MarginCallSummary } from './run-summary.ts';

export interface SchedulerOptions {
  readonly job: Pick<MarginCallJob, 'run'>;
  readonly warnCron: string;
  readonly executeCron: string;
  readonly logger: Logger;
  /** Each summary, as the Lambda answers it (the EMF line goes to stdout as in Lambda). */
  readonly onSummary?: (summary: MarginCallSummary) => void;
}

/**
 * The local stand-in for the Lambda's two EventBridge rules: the same cron expressions (UTC), the
 * same run ids (the schedule's period), and a run never started while the last of its kind runs.
 */
export class MarginCallScheduler {
  readonly #o: SchedulerOptions;
  readonly #crons: Cron[] = [];
  readonly #running = new Set<Promise<unknown>>();
  last: { readonly warn?: MarginCallSummary; readonly execute?: MarginCallSummary } = {};

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  start(): void {
    const schedule = (pattern: string, mode: MarginCallMode) =>
      new Cron(pattern, { timezone: 'UTC', protect: true, name: `margin-call-${mode}` }, () =>
        this.#run(mode),
      );
    this.#crons.push(schedule(this.#o.warnCron, 'warn'), schedule(this.#o.executeCron, 'execute'));
  }

  /** When each schedule fires next, for /health. */
  nextRuns(): { warn: string | null; execute: string | null } {
    const [warn, execute] = this.#crons.map((cron) => cron.nextRun()?.toISOString() ?? null);
    return { warn: warn ?? null, execute: execute ?? null };
  }

  /** Stops the schedules and waits for a run in progress (its lease is handed back). */
  async stop(): Promise<void> {
    for (const cron of this.#crons) cron.stop();
    await Promise.allSettled(this.#running);
  }

  async #run(mode: MarginCallMode): Promise<void> {
    const run = this.#o.job.run(mode);
    this.#running.add(run);
    try {
      const summary = await run;
      this.last = { ...this.last, [mode]: summary };
      process.stdout.write(`${JSON.stringify(embeddedMetrics(summary))}\n`);
      const { skippedAccounts: _s, errorDetails, calls, ...counts } = summary;
      this.#o.logger.info({ ...counts, errorDetails, calls }, 'margin-call run finished');
      this.#o.onSummary?.(summary);
    } catch (error) {
      this.#o.logger.error({ err: error, mode }, 'margin-call run failed');
    } finally {
      this.#running.delete(run);
    }
  }
}
