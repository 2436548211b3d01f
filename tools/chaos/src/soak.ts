// A long steady load with no faults: the gateway's and the OMS's memory and open file handles
// sampled every 10 s, and their slopes reported (per minute, after the first minute's warm-up),
// then the same audit as the faults'.
import { readdir, readFile } from 'node:fs/promises';
import { audit } from './audit.ts';
import { sleep, type ChaosPlatform } from './chaos-platform.ts';
import { OrderLoad } from './order-load.ts';

export interface SoakResult {
  readonly passed: boolean;
  readonly summary: string;
}

interface Sample {
  readonly atMinutes: number;
  readonly rssMiB: number;
  /** V8's heap in use (prom-client's nodejs_heap_size_used_bytes): what a leak grows. */
  readonly heapMiB: number;
  readonly handles: number;
}

async function sample(
  service: { readonly url: string; readonly child: { readonly pid?: number | undefined } },
  atMinutes: number,
): Promise<Sample | undefined> {
  const pid = service.child.pid;
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    const handles = (await readdir(`/proc/${pid}/fd`)).length;
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const heap = Number(
      /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1] ?? Number.NaN,
    );
    return { atMinutes, rssMiB: rssKiB / 1024, heapMiB: heap / 1024 / 1024, handles };
  } catch {
    return undefined;
  }
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function runSoak(
  platform: ChaosPlatform,
  options: { readonly minutes: number; readonly ordersPerSecond: number },
): Promise<SoakResult> {
  const started = Date.now();
  const load = await OrderLoad.start(platform, {
    accounts: ['alice', 'bob'],
    ordersPerSecond: options.ordersPerSecond,
    runId: `soak-${started.toString(36)}`,
  });
  const samples = { gateway: [] as Sample[], oms: [] as Sample[] };
  while (Date.now() - started < options.minutes * 60_000) {
    await sleep(10_000);
    const at = (Date.now() - started) / 60_000;
    for (const app of ['gateway', 'oms'] as const) {
      const taken = await sample(platform.process(app), at);
      if (taken) samples[app].push(taken);
    }
  }
  const result = await load.stop();
  await sleep(5_000);
  const counts = await audit(platform, result);
  await load.close();
  const describe = (app: 'gateway' | 'oms') => {
    const warm = samples[app].filter((s) => s.atMinutes >= 1);
    const rss = slope(warm.map((s) => ({ x: s.atMinutes, y: s.rssMiB })));
    const heap = slope(warm.map((s) => ({ x: s.atMinutes, y: s.heapMiB })));
    const fds = slope(warm.map((s) => ({ x: s.atMinutes, y: s.handles })));
    const last = samples[app].at(-1);
    return `${app} rss ${last?.rssMiB.toFixed(0) ?? '?'} MiB (slope ${rss.toFixed(2)} MiB/min), heap ${last?.heapMiB.toFixed(0) ?? '?'} MiB (slope ${heap.toFixed(2)} MiB/min), handles ${last?.handles ?? '?'} (slope ${fds.toFixed(2)}/min)`;
  };
  return {
    passed: counts.lost === 0 && counts.duplicated === 0 && counts.venueMismatches === 0,
    summary: `soak ${options.minutes} min at ${options.ordersPerSecond}/s: acked ${counts.acked}, stored ${counts.stored}, reported ${counts.reported}, lost ${counts.lost}, duplicated ${counts.duplicated}; ${describe('gateway')}; ${describe('oms')}`,
  };
}
