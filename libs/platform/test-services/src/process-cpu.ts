import { readFileSync, readdirSync } from 'node:fs';

// CPU time of the processes a benchmark runs on, from /proc (Linux; elsewhere nothing is
// reported): this process, DynamoDB Local (a JVM), the sim-venue and Redis. Sampled before and
// after a run, the differences show where the cores went.

export interface ProcessCpu {
  readonly label: string;
  /** user + system seconds, summed over the processes with this label. */
  readonly seconds: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** Which processes are ours: the sim-venue by pid, DynamoDB Local by its port. */
export interface OwnProcesses {
  /** How this process is labelled: what the benchmark runs in it (default `bench process`). */
  readonly selfLabel?: string | undefined;
  readonly simVenuePid?: number | undefined;
  readonly dynamoDbPort?: string | undefined;
}

export const MACHINE = 'whole machine, all processes';

function labelOf(pid: number, cmdline: string, own: OwnProcesses): string | null {
  if (pid === process.pid) return own.selfLabel ?? 'bench process';
  if (pid === own.simVenuePid) return 'sim-venue';
  if (cmdline.includes('DynamoDBLocal') && cmdline.includes(`-port ${own.dynamoDbPort ?? ''} `))
    return 'DynamoDB Local (java)';
  if (cmdline.startsWith('redis-server')) return 'redis-server';
  return null;
}

/** CPU seconds of the whole machine (every core, every process), from the first line of /proc/stat. */
function machineSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    // cpu user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait.
    const ticks = fields.slice(1, 9).map(Number);
    const busy = ticks.reduce((a, b) => a + b, 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0);
    return busy / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export function sampleProcessCpu(own: OwnProcesses = {}): Map<string, number> {
  const totals = new Map<string, number>();
  const machine = machineSeconds();
  if (machine !== undefined) totals.set(MACHINE, machine);
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return totals;
  }
  for (const name of pids) {
    try {
      const pid = Number(name);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const label = labelOf(pid, `${cmdline} `, own);
      if (label === null) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      totals.set(label, (totals.get(label) ?? 0) + ticks / CLOCK_TICKS_PER_SECOND);
    } catch {
      // the process ended between listing and reading
    }
  }
  return totals;
}

export function cpuBetween(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): ProcessCpu[] {
  return [...after]
    .map(([label, seconds]) => ({ label, seconds: seconds - (before.get(label) ?? 0) }))
    .sort((a, b) => b.seconds - a.seconds);
}
