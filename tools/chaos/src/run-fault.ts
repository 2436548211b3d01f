// One fault under load, repeated, then the audit: the unit both `npm run chaos` and its CI form run.
import { waitUntil } from '@perp/test-services';
import { audit, type AuditCounts } from './audit.ts';
import { sleep, type ChaosPlatform } from './chaos-platform.ts';
import type { Fault } from './faults.ts';
import { OrderLoad } from './order-load.ts';

export interface FaultRun {
  readonly fault: Fault;
  readonly repeats: number;
  readonly counts: AuditCounts;
  readonly answers: ReadonlyMap<string, number>;
  /** The fingerprint was expected and seen (or none was expected). */
  readonly fingerprintSeen: boolean;
  /** What the fault's own check found wrong once repaired. */
  readonly problems: readonly string[];
  readonly seconds: number;
}

export interface FaultRunOptions {
  readonly repeats: number;
  readonly ordersPerSecond: number;
  /** Load before and after each injection, so faults land mid-trading. */
  readonly calmMs: number;
  /** How long the audit waits for every acked order to reach its final state. */
  readonly settleTimeoutMs: number;
}

let runs = 0;

export async function runFault(
  platform: ChaosPlatform,
  fault: Fault,
  options: FaultRunOptions,
): Promise<FaultRun> {
  const started = Date.now();
  runs += 1;
  const load = await OrderLoad.start(platform, {
    accounts: ['alice', 'bob'],
    ordersPerSecond: options.ordersPerSecond,
    runId: `chaos-${started.toString(36)}-${runs}`,
  });
  for (let repeat = 0; repeat < options.repeats; repeat += 1) {
    // A random point in the load: the fault meets requests in every stage of their way.
    await sleep(options.calmMs * (0.5 + Math.random()));
    await fault.inject(platform);
  }
  await sleep(options.calmMs);
  const result = await load.stop();
  // Reconciliation and the venue's answers arrive on their own time; the audit reads the end state.
  await waitUntil(() => load.settled(), {
    timeoutMs: options.settleTimeoutMs,
    intervalMs: 250,
  }).catch(() => undefined);
  const counts = await audit(platform, result);
  const problems = fault.check ? await fault.check(platform) : [];
  await load.close();
  return {
    fault,
    repeats: options.repeats,
    counts,
    answers: result.answers,
    problems,
    fingerprintSeen:
      fault.fingerprint === undefined || (result.answers.get(fault.fingerprint) ?? 0) > 0,
    seconds: (Date.now() - started) / 1_000,
  };
}

/** One line per fault run, then nothing else: the figures docs/reliability.md quotes. */
export function formatRun(run: FaultRun): string {
  const c = run.counts;
  const answers = [...run.answers].map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
  return `${run.fault.name.padEnd(24)} ×${run.repeats}  acked ${c.acked}  stored ${c.stored}  reported ${c.reported}  lost ${c.lost}  duplicated ${c.duplicated}  venue mismatches ${c.venueMismatches}  dead-lettered ${c.deadLettered}  unacked ${c.unacked}  retried answers: ${answers}  (${run.seconds.toFixed(0)} s)`;
}
