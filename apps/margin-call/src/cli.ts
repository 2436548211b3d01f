// `npm run -s margin-call -- [--execute] [--run-id ID]`: one pass against the local stack (or any
// configured one); the summary is the last line, one JSON object. Exit 0 even when accounts were
// skipped; 1 when the run had errors; 2 on bad arguments.
import { parseArgs } from 'node:util';
import { createLogger } from '@perp/logger';
import { buildMarginCallJob, InvalidRunIdError } from './app.ts';
import { readMarginCallConfig } from './config.ts';

let args;
try {
  args = parseArgs({
    options: {
      execute: { type: 'boolean', default: false },
      'run-id': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
} catch (error) {
  process.stderr.write(
    `${(error as Error).message}\nusage: npm run -s margin-call -- [--execute] [--run-id ID]\n`,
  );
  process.exit(2);
}
if (args.values.help) {
  process.stdout.write(
    'usage: npm run -s margin-call -- [--execute] [--run-id ID]\n' +
      '  warns accounts at the warning threshold; --execute also margin-calls accounts at 100 %.\n' +
      '  --run-id names the run (a rerun with the same id changes nothing); default: a new id.\n',
  );
  process.exit(0);
}

const config = readMarginCallConfig();
// Logs go to stderr: stdout is the summary alone.
const logger = createLogger({
  service: 'margin-call',
  level: config.LOG_LEVEL,
  destination: process.stderr,
});
const job = await buildMarginCallJob(config, logger);
const mode = args.values.execute ? 'execute' : 'warn';
const runId =
  args.values['run-id'] ??
  `cli-${mode}-${new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}-${process.pid}`;
try {
  const summary = await job.run(mode, runId);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = summary.errors > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = error instanceof InvalidRunIdError ? 2 : 1;
} finally {
  await job.close();
}
