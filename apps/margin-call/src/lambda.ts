// The AWS Lambda entry: EventBridge sends `{}` every 15 minutes and `{ "executeMarginCall": true }`
// once a day. The job's clients are built once per container and reused by warm invocations.
import { createLogger } from '@perp/logger';
import { buildMarginCallJob, type MarginCallJob } from './app.ts';
import { readMarginCallConfig } from './config.ts';
import { embeddedMetrics } from './emf.ts';
import type { MarginCallSummary } from './run-summary.ts';

export interface MarginCallEvent {
  readonly executeMarginCall?: boolean;
  /** An operator's explicit run id (a rerun); scheduled events have none. */
  readonly runId?: string;
}

let job: Promise<MarginCallJob> | undefined;

/** Runs one pass and answers its summary; a run with errors still answers (the alarms count them). */
export async function handler(
  event: MarginCallEvent | null | undefined,
): Promise<MarginCallSummary> {
  const config = readMarginCallConfig();
  const logger = createLogger({ service: 'margin-call', level: config.LOG_LEVEL });
  job ??= buildMarginCallJob(config, logger);
  const mode = event?.executeMarginCall === true ? 'execute' : 'warn';
  const runId = typeof event?.runId === 'string' ? event.runId : undefined;
  const summary = await (await job).run(mode, runId);
  process.stdout.write(`${JSON.stringify(embeddedMetrics(summary))}\n`);
  logger.info({ summary }, 'margin-call run finished');
  return summary;
}

/** Closes the clients (a test's, or the local scheduler's, at exit). */
export async function closeHandler(): Promise<void> {
  const current = job;
  job = undefined;
  if (current) await (await current).close();
}
