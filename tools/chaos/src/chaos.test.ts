// The fault suite's short form (CI): every fault once under a light load, each audited. The long
// form is `npm run chaos` (three times each, and the soak).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChaosPlatform, type ChaosPlatform } from './chaos-platform.ts';
import { FAULTS } from './faults.ts';
import { formatRun, runFault } from './run-fault.ts';

let platform: ChaosPlatform;
beforeAll(async () => {
  platform = await startChaosPlatform();
}, 180_000);
afterAll(() => platform?.stop(), 60_000);

describe('faults under a steady order load', () => {
  it.each(FAULTS.map((fault) => [fault.name, fault] as const))(
    '%s: nothing acked is lost or applied twice',
    async (_name, fault) => {
      const run = await runFault(platform, fault, {
        repeats: 1,
        ordersPerSecond: 4,
        calmMs: 2_000,
        settleTimeoutMs: 60_000,
      });
      process.stdout.write(`${formatRun(run)}\n`);
      expect(run.counts.acked).toBeGreaterThan(0);
      expect(run.counts.details).toEqual([]);
      expect(run.problems).toEqual([]);
      expect(run.counts).toMatchObject({
        lost: 0,
        duplicated: 0,
        venueMismatches: 0,
        deadLettered: 0,
      });
      expect(run.counts.stored).toBe(run.counts.acked);
      if (fault.fingerprint) expect(run.answers.get(fault.fingerprint) ?? 0).toBeGreaterThan(0);
    },
  );
});
