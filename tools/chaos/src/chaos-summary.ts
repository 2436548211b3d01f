// The suite's closing line: what was tried and whether anything was lost or duplicated.
import type { FaultRun } from './run-fault.ts';

export interface ChaosTotals {
  readonly tried: number;
  readonly passed: number;
  readonly acked: number;
  readonly stored: number;
  readonly reported: number;
  readonly lost: number;
  readonly duplicated: number;
}

/** A run passes when nothing acked was lost or doubled, the venue agrees, and its fingerprint showed. */
export const passed = (run: FaultRun): boolean =>
  run.counts.lost === 0 &&
  run.counts.duplicated === 0 &&
  run.counts.venueMismatches === 0 &&
  run.counts.deadLettered === 0 &&
  run.counts.acked > 0 &&
  run.problems.length === 0 &&
  run.fingerprintSeen;

export function totals(runs: readonly FaultRun[]): ChaosTotals {
  const sum = (pick: (run: FaultRun) => number) =>
    runs.reduce((total, run) => total + pick(run), 0);
  return {
    tried: sum((run) => run.repeats),
    passed: sum((run) => (passed(run) ? run.repeats : 0)),
    acked: sum((run) => run.counts.acked),
    stored: sum((run) => run.counts.stored),
    reported: sum((run) => run.counts.reported),
    lost: sum((run) => run.counts.lost),
    duplicated: sum((run) => run.counts.duplicated),
  };
}

export const formatTotals = (t: ChaosTotals): string =>
  `chaos: tried ${t.tried}, passed ${t.passed}, acked ${t.acked}, stored ${t.stored}, reported ${t.reported}, lost ${t.lost}, duplicated ${t.duplicated}`;
