// `npm run chaos`: every fault injected repeatedly under a steady order load, each run audited.
//   npm run chaos -- [--repeats 3] [--rate 4] [--only dynamodb,sqs] [--soak-minutes 30]
// Exits 1 when anything acked was lost or duplicated, or a fault did not show its fingerprint.
import { parseArgs } from 'node:util';
import { startChaosPlatform } from './chaos-platform.ts';
import { formatTotals, passed, totals } from './chaos-summary.ts';
import { FAULTS } from './faults.ts';
import { formatRun, runFault, type FaultRun } from './run-fault.ts';
import { runSoak } from './soak.ts';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    rate: { type: 'string', default: '4' },
    only: { type: 'string' },
    'soak-minutes': { type: 'string', default: '0' },
  },
});
const repeats = positive('repeats', values.repeats);
const rate = positive('rate', values.rate);
const soakMinutes = Number(values['soak-minutes']);
const only = values.only?.split(',').map((word) => word.trim().toLowerCase());
const faults = FAULTS.filter(
  (fault) => !only || only.some((word) => fault.name.toLowerCase().includes(word)),
);

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`--${name} must be a positive number (got "${text}")\n`);
    process.exit(2);
  }
  return value;
}

const platform = await startChaosPlatform();
const runs: FaultRun[] = [];
let failed = false;
try {
  for (const fault of faults) {
    const run = await runFault(platform, fault, {
      repeats,
      ordersPerSecond: rate,
      calmMs: 3_000,
      settleTimeoutMs: 60_000,
    });
    runs.push(run);
    process.stdout.write(`${passed(run) ? 'ok  ' : 'FAIL'} ${formatRun(run)}\n`);
    for (const detail of run.counts.details.slice(0, 20))
      process.stdout.write(`       ${detail}\n`);
    if (!passed(run)) failed = true;
  }
  if (soakMinutes > 0) {
    const soak = await runSoak(platform, { minutes: soakMinutes, ordersPerSecond: rate });
    process.stdout.write(`${soak.summary}\n`);
    if (!soak.passed) failed = true;
  }
} finally {
  await platform.stop();
}
process.stdout.write(`${formatTotals(totals(runs))}\n`);
process.exit(failed ? 1 : 0);
