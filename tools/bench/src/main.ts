// `npm run bench`: the gateway end to end. Starts the whole platform (or uses BENCH_WS_URL),
// creates and funds accounts through the admin methods, then measures order throughput,
// place-to-accepted latency and gateway memory per idle connection. See docs/benchmarks.md.
import { cpus, totalmem } from 'node:os';
import { OrderLoad, prepareTraders, type PhaseStats } from './load.ts';
import { idleConnections, sleep } from './memory.ts';
import { runningPlatform, startPlatform, type Platform } from './platform.ts';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const num = (name: string, fallback: number) => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};

const settings = {
  clients: num('BENCH_CLIENTS', 20),
  rates: env('BENCH_RATES', '100,200,300,400').split(',').map(Number),
  stepSeconds: num('BENCH_STEP_SECONDS', 10),
  // Long and gentle: DynamoDB Local's JVM needs tens of thousands of requests to warm up, and a
  // warm-up beyond the stack's capacity would leave a backlog to the phases measured after it.
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 60),
  warmupRate: num('BENCH_WARMUP_RATE', 20),
  latencyRate: num('BENCH_LATENCY_RATE', 100),
  latencySeconds: num('BENCH_LATENCY_SECONDS', 30),
  drainSeconds: num('BENCH_DRAIN_SECONDS', 60),
  idleConnections: num('BENCH_IDLE_CONNECTIONS', 5000),
  idleHoldSeconds: num('BENCH_IDLE_HOLD_SECONDS', 25),
  phases: new Set(env('BENCH_PHASES', 'throughput,latency,memory').split(',')),
  /** DynamoDB Local's storage in the bench's own stack (see docs/benchmarks.md). */
  dynamoDbStorage: storage(env('BENCH_DYNAMODB_STORAGE', 'memory')),
};

function storage(value: string): 'disk' | 'memory' {
  if (value !== 'disk' && value !== 'memory')
    throw new Error('BENCH_DYNAMODB_STORAGE must be disk or memory');
  return value;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const ms = (micros: number) => fmt(micros / 1000, 1);

function printPhase(stats: PhaseStats): void {
  const s = stats.seconds;
  const errors = [...stats.errors, ...stats.reasons].map(([k, v]) => `${k}: ${v}`).join(', ');
  log(
    `  ${stats.label}: target ${stats.rate}/s, sent ${fmt(stats.sent / s)}/s; in the ${s} s window: ` +
      `place acks ${fmt(stats.placeAcksInWindow / s)}/s, accepted ${fmt(stats.acceptedInWindow / s)}/s, ` +
      `canceled ${fmt(stats.canceledInWindow / s)}/s, reports ${fmt(stats.reportsInWindow / s)}/s`,
  );
  log(
    `    totals: sent ${stats.sent}, acked ${stats.placeAcks}, accepted ${stats.accepted}, ` +
      `refused ${stats.refused}, cancel acks ${stats.cancelAcks}, canceled ${stats.canceled}; ` +
      `drained ${fmt(stats.drainMs / 1000, 1)} s after the window` +
      (errors ? `; ${errors}` : ''),
  );
  const h = stats.latency;
  if (h.totalCount > 0)
    log(
      `    place→accepted ms: p50 ${ms(h.getValueAtPercentile(50))}, p90 ${ms(h.getValueAtPercentile(90))}, ` +
        `p99 ${ms(h.getValueAtPercentile(99))}, p99.9 ${ms(h.getValueAtPercentile(99.9))}, max ${ms(h.maxValue)} ` +
        `(${h.totalCount} orders)`,
    );
}

async function main(): Promise<void> {
  const runId = Date.now().toString(36);
  log(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  log(`settings: ${JSON.stringify({ ...settings, phases: [...settings.phases] })}`);
  const external = process.env['BENCH_WS_URL'];
  const platform: Platform = external
    ? runningPlatform(external)
    : await startPlatform((line) => log(`[stack] ${line}`), settings.dynamoDbStorage);
  const stopping = () => void platform.stop().then(() => process.exit(130));
  process.once('SIGINT', stopping);
  process.once('SIGTERM', stopping);
  try {
    log(
      `gateway ${platform.url} (pid ${platform.gatewayPid ?? 'unknown'}), ` +
        (platform.limitsRaised
          ? 'rate limits raised and up to 500 connections per account (bench-started stack)'
          : 'limits as configured by the running stack'),
    );
    const traders = await prepareTraders(platform, settings.clients, runId, log);
    const load = new OrderLoad(traders);

    if (settings.warmupSeconds > 0) {
      log(`warm-up: ${settings.warmupSeconds} s at ${settings.warmupRate} orders/s`);
      const warm = await load.run(
        'warm-up',
        settings.warmupRate,
        settings.warmupSeconds,
        true,
        settings.drainSeconds,
      );
      printPhase(warm);
      load.forget(warm);
    }

    if (settings.phases.has('latency')) {
      log(`latency: ${settings.latencySeconds} s at ${settings.latencyRate} orders/s`);
      const stats = await load.run(
        'latency',
        settings.latencyRate,
        settings.latencySeconds,
        true,
        settings.drainSeconds,
      );
      printPhase(stats);
      const missing = load.forget(stats);
      if (missing > 0) log(`    ${missing} orders had no outcome within the drain`);
    }

    if (settings.phases.has('throughput')) {
      log(`throughput: ${settings.clients} clients, steps of ${settings.stepSeconds} s`);
      for (const rate of settings.rates) {
        const stats = await load.run(
          `step ${rate}/s`,
          rate,
          settings.stepSeconds,
          true,
          settings.drainSeconds,
        );
        printPhase(stats);
        const missing = load.forget(stats);
        if (missing > 0) log(`    ${missing} orders had no outcome within the drain`);
      }
    }

    if (settings.phases.has('memory')) {
      if (platform.gatewayPid === undefined) {
        log('memory: skipped, the gateway pid is unknown (set BENCH_GATEWAY_PID)');
      } else {
        const perAccount = platform.connectionsPerAccount - 1; // one socket each is the load's
        const needed = Math.ceil(settings.idleConnections / perAccount);
        const tokens = traders.map((t) => t.token);
        if (needed > tokens.length)
          for (let i = tokens.length; i < needed; i++)
            tokens.push(await platform.mintToken(`bench-${runId}-idle-${i}`));
        const sockets = Array.from(
          { length: settings.idleConnections },
          (_, i) => tokens[i % needed] ?? '',
        );
        log(
          `memory: ${settings.idleConnections} idle sockets over ${needed} accounts, held ${settings.idleHoldSeconds} s`,
        );
        const r = await idleConnections(
          platform.url,
          platform.gatewayPid,
          sockets,
          settings.idleHoldSeconds,
          log,
        );
        const per = (kib: number) => fmt((kib - r.beforeKiB) / r.connections, 1);
        log(
          `  gateway VmRSS: before ${r.beforeKiB} KiB, after opening ${r.afterKiB} KiB ` +
            `(${per(r.afterKiB)} KiB/connection), after ${settings.idleHoldSeconds} s ${r.heldKiB} KiB ` +
            `(${per(r.heldKiB)} KiB/connection), after closing ${r.closedKiB} KiB; ` +
            `${r.connections} open in ${fmt(r.openSeconds, 1)} s, ${r.failed} failed`,
        );
      }
    }
    await Promise.all(traders.map((trader) => trader.client.close()));
    await sleep(500);
  } finally {
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
