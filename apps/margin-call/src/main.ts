// The margin-call job on the local stack: the two schedules of the Lambda (warn every 15 minutes,
// execute daily at 00:00 UTC, both cron expressions in the configuration) in one process, with
// /health (next runs, last summaries), /ready and /metrics.
import { createServiceHttp } from '@perp/http';
import { createLogger } from '@perp/logger';
import { GracefulShutdown, onFatal } from '@perp/shutdown';
import { Registry } from 'prom-client';
import { buildMarginCallJob } from './app.ts';
import { readMarginCallConfig } from './config.ts';
import { MarginCallScheduler } from './scheduler.ts';

const config = readMarginCallConfig();
const logger = createLogger({ service: 'margin-call', level: config.LOG_LEVEL });
const shutdown = new GracefulShutdown({ logger });
onFatal(shutdown, logger);

const job = await buildMarginCallJob(config, logger);
const scheduler = new MarginCallScheduler({
  job,
  warnCron: config.MARGIN_CALL_WARN_CRON,
  executeCron: config.MARGIN_CALL_EXECUTE_CRON,
  logger,
});
const http = createServiceHttp({
  service: 'margin-call',
  logger,
  registry: new Registry(),
  readiness: { redis: () => job.context.redis.ping() },
  health: () => {
    const { warn, execute } = scheduler.last;
    const brief = (s: typeof warn) =>
      s && {
        runId: s.runId,
        scanned: s.scanned,
        atRisk: s.atRisk,
        warned: s.warned,
        called: s.called,
        errors: s.errors,
      };
    return {
      nextRuns: scheduler.nextRuns(),
      lastWarn: brief(warn) ?? null,
      lastExecute: brief(execute) ?? null,
    };
  },
});

shutdown
  .register('scheduler', () => scheduler.stop())
  .register('http', () => http.close())
  .register('clients', () => job.close())
  .listen();

await job.context.redis.connect();
await http.listen({ host: config.MARGIN_CALL_HOST, port: config.MARGIN_CALL_PORT });
scheduler.start();
logger.info(
  {
    warn: config.MARGIN_CALL_WARN_CRON,
    execute: config.MARGIN_CALL_EXECUTE_CRON,
    nextRuns: scheduler.nextRuns(),
  },
  'margin-call scheduler started',
);
