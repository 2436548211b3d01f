// OMS throughput benchmark: commands per second through the real wiring (fauxqs in process,
// DynamoDB Local, Redis, the sim-venue as a child process), with the DynamoDB and SQS requests the
// OMS sends per command. Run:
//   npm run bench:oms
// Needs Redis on 127.0.0.1:6379 (or REDIS_URL) and java 17+ for DynamoDB Local (started here
// unless DYNAMODB_ENDPOINT is set). Env: BENCH_ACCOUNTS (default 50, even), BENCH_ROUNDS (rounds
// of the command mix per account and run, default 4), BENCH_RUNS (measured runs, default 5),
// BENCH_WARMUP_RUNS (default 4: DynamoDB Local's JVM needs them), BENCH_RECEIVE_LOOPS (default 2,
// as main.ts), BENCH_VARIANT (a what-if variant run alternately with the OMS as configured,
// e.g. `receive-loops=2`), BENCH_TRACE=1
// (progress every second).
//
// Each run preloads the queue with its own freshly funded accounts' commands, then starts the OMS
// and times until every expected execution report is in Redis. Per account and round, in order:
// a resting buy, a resting sell, a crossing order (even accounts sell, odd accounts buy, at the
// same price and quantity, so each crossing order fills exactly once), another resting buy, then
// cancels of the first resting buy and the resting sell. The venue's answers come back through
// the queue as venue.* commands (accepted, canceled, filled) and are processed like the rest.
import { availableParallelism } from 'node:os';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { Decimal } from '@perp/decimal';
import { FifoQueueProducer, type OutgoingMessage } from '@perp/sqs-adapter';
import {
  MACHINE,
  cpuBetween,
  sampleProcessCpu,
  startDynamoDbLocal,
  type DynamoDbLocal,
  type ProcessCpu,
} from '@perp/test-services';
import { identifierOf } from '@perp/trading-domain';
import type { Oms } from '../app.ts';
import {
  cancelCommand,
  createAccountCommand,
  depositCommand,
  placeCommand,
  toMessage,
} from '../test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from '../test-support/oms-harness.ts';
import {
  AwsCallCounter,
  DYNAMODB_WRITES,
  countDynamoDbCalls,
  countSqsCalls,
  type AwsCallCounts,
} from './aws-calls.ts';

const positiveInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

const ACCOUNTS = positiveInt('BENCH_ACCOUNTS', 50);
const ROUNDS = positiveInt('BENCH_ROUNDS', 4);
const RUNS = positiveInt('BENCH_RUNS', 5);
const WARMUP_RUNS = positiveInt('BENCH_WARMUP_RUNS', 4);
const RECEIVE_LOOPS = positiveInt('BENCH_RECEIVE_LOOPS', 2);
const RUN_TIMEOUT_MS = 300_000;
const FUNDING = '1000000';
if (ACCOUNTS % 2 !== 0) throw new Error('BENCH_ACCOUNTS must be even (accounts cross in pairs)');

/** What the variant runs change: `receive-loops=<n>`. */
interface Variant {
  readonly label: string;
  readonly receiveLoops: number;
}

function parseVariant(spec: string): Variant | undefined {
  if (spec === '') return undefined;
  const loops = /^receive-loops=(\d+)$/.exec(spec)?.[1];
  if (loops === undefined) throw new Error(`unknown variant ${spec}; known: receive-loops=<n>`);
  return { label: spec, receiveLoops: Number(loops) };
}

const VARIANT = parseVariant(process.env['BENCH_VARIANT'] ?? '');

/** One run's load: the queue messages and what processing them must produce. */
interface Load {
  readonly messages: OutgoingMessage[];
  readonly traderCommands: number;
  readonly ordersPlaced: number;
  /** venue.* commands the venue's answers become: accepted per order, canceled, one fill each. */
  readonly venueCommands: number;
  readonly expectedReports: {
    readonly accepted: number;
    readonly canceled: number;
    readonly trade: number;
  };
}

function buildLoad(accounts: readonly string[]): Load {
  const messages: OutgoingMessage[] = [];
  let places = 0;
  let cancels = 0;
  let crossing = 0;
  for (const [index, account] of accounts.entries()) {
    for (let round = 0; round < ROUNDS; round += 1) {
      const tag = `${account}-r${round}`;
      const place = (clientOrderId: string, side: 'buy' | 'sell', price: string) => {
        places += 1;
        return placeCommand(account, { clientOrderId, side, price, quantity: '0.01' });
      };
      // Resting away from the 60000 start price, inside the 5 % band; ticks of 0.5.
      const offset = (index % 20) * 5 + round;
      const commands = [
        place(`${tag}-rb1`, 'buy', String(58_500 - offset)),
        place(`${tag}-rs`, 'sell', String(61_500 + offset)),
        place(`${tag}-x`, index % 2 === 0 ? 'sell' : 'buy', '60000'),
        place(`${tag}-rb2`, 'buy', String(58_000 - offset)),
        cancelCommand(account, { clientOrderId: `${tag}-rb1` }),
        cancelCommand(account, { clientOrderId: `${tag}-rs` }),
      ];
      crossing += 1;
      cancels += 2;
      messages.push(...commands.map(toMessage));
    }
  }
  return {
    messages,
    traderCommands: messages.length,
    ordersPlaced: places,
    venueCommands: places + cancels + crossing,
    expectedReports: { accepted: places, canceled: cancels, trade: crossing },
  };
}

interface RunResult {
  readonly seconds: number;
  readonly load: Load;
  /** Messages the OMS deleted from the queue: the commands it processed. */
  readonly processed: number;
  readonly dynamodb: AwsCallCounts;
  readonly sqs: AwsCallCounts;
  readonly reportKinds: ReadonlyMap<string, number>;
  readonly cpu: ProcessCpu[];
}

const sum = (counts: ReadonlyMap<string, number>, keep: (key: string) => boolean = () => true) =>
  [...counts].reduce((total, [key, n]) => (keep(key) ? total + n : total), 0);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const fmt = (value: number, digits = 2): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  let dynamoLocal: DynamoDbLocal | undefined;
  if (!process.env['DYNAMODB_ENDPOINT']) {
    dynamoLocal = await startDynamoDbLocal();
    process.env['DYNAMODB_ENDPOINT'] = dynamoLocal.endpoint;
  }
  const h = await startOmsHarness();
  try {
    await bench(h);
  } finally {
    await h.dispose();
    await dynamoLocal?.stop();
  }
}

/**
 * Stops an OMS and waits out its aborted long polls: fauxqs still holds them for up to their wait
 * time (1 s in the harness), and one woken by the next run's load would take messages into a
 * response nobody reads, hiding them for the visibility timeout (30 s).
 */
async function stopOms(oms: Oms): Promise<void> {
  await oms.stop();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

async function bench(h: OmsHarness): Promise<void> {
  const dynamoCounter = new AwsCallCounter();
  const sqsCounter = new AwsCallCounter();
  countDynamoDbCalls(h.dynamoClient, dynamoCounter);
  countSqsCalls(h.sqsClient, sqsCounter);
  // The load goes through a client of its own, so it is not counted as the OMS's.
  const loadSqs = h.sqs.createClient();
  const producer = new FifoQueueProducer({ sqs: loadSqs, queueUrl: h.queueUrl });
  const redis = h.redis.client;
  const ownProcesses = {
    selfLabel: 'bench process (OMS + fauxqs + load driver)',
    simVenuePid: h.simVenue.child.pid,
    dynamoDbPort: new URL(h.dynamo.endpoint).port,
  };

  // With a variant, runs alternate between the OMS as configured and the variant, so both see
  // the same machine and the same DynamoDB Local warm-up.
  const measuredRuns = VARIANT ? 2 * RUNS : RUNS;
  const variantOf = (run: number) => (run % 2 === 1 ? VARIANT : undefined);
  const runAccounts = Array.from({ length: WARMUP_RUNS + measuredRuns }, (_, run) =>
    Array.from({ length: ACCOUNTS }, (_, i) => `bench${run}-${String(i).padStart(3, '0')}`),
  );
  const allAccounts = runAccounts.flat();
  console.log(
    `OMS benchmark: node ${process.version}, ${availableParallelism()} cores; ` +
      `${ACCOUNTS} accounts, ${ROUNDS} rounds each, receive loops ${RECEIVE_LOOPS}, ` +
      `${WARMUP_RUNS} warm-up + ${RUNS} runs` +
      (VARIANT ? `, each twice: as configured and (*) with ${VARIANT.label}` : ''),
  );
  process.stdout.write(`funding ${allAccounts.length} accounts … `);
  const funder = await h.startOms({ receiveLoops: RECEIVE_LOOPS });
  await producer.sendMany(
    allAccounts
      .flatMap((a) => [createAccountCommand(a), depositCommand(a, FUNDING)])
      .map(toMessage),
  );
  // In slices, so the polling stays within the SDK client's 50 sockets.
  for (let start = 0; start < allAccounts.length; start += 25) {
    await Promise.all(
      allAccounts.slice(start, start + 25).map((a) =>
        h.waitFor(
          `account ${a} funded`,
          async () => {
            const balance = await h.store.getBalance(identifierOf('AccountId', a));
            return balance?.value.collateral.eq(Decimal.parse(FUNDING)) ? true : undefined;
          },
          120_000,
        ),
      ),
    );
  }
  await stopOms(funder);
  console.log('done');

  const eventsLength = () => redis.xlen(h.keys.events);
  const queueDepth = async () => {
    const { Attributes = {} } = await loadSqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: h.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  };

  const runOnce = async (
    accounts: readonly string[],
    variant: Variant | undefined,
  ): Promise<RunResult> => {
    const load = buildLoad(accounts);
    await producer.sendMany(load.messages);
    const expected =
      load.expectedReports.accepted + load.expectedReports.canceled + load.expectedReports.trade;
    const [lastBefore] = await redis.xrevrange(h.keys.events, '+', '-', 'COUNT', 1);
    const lengthBefore = await eventsLength();
    dynamoCounter.reset();
    sqsCounter.reset();
    const cpuBefore = sampleProcessCpu(ownProcesses);
    const started = performance.now();
    const oms = await h.startOms({ receiveLoops: variant?.receiveLoops ?? RECEIVE_LOOPS });
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    const trace = process.env['BENCH_TRACE']
      ? setInterval(() => {
          void Promise.all([eventsLength(), queueDepth()]).then(([length, depth]) =>
            console.log(
              `  ${fmt((performance.now() - started) / 1000, 1)} s: ` +
                `${length - lengthBefore}/${expected} reports, ${depth} messages queued`,
            ),
          );
        }, 1_000)
      : undefined;
    try {
      while ((await eventsLength()) - lengthBefore < expected) {
        if (Date.now() > deadline) {
          throw new Error(
            `timed out: ${(await eventsLength()) - lengthBefore} of ${expected} reports, ` +
              `${await queueDepth()} messages left in the queue`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      clearInterval(trace);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = sampleProcessCpu(ownProcesses);
    // Stopping finishes the last batch (its delete) and ends the idle long polls.
    await stopOms(oms);
    const reportKinds = new Map<string, number>();
    const entries = await redis.xrange(
      h.keys.events,
      lastBefore ? `(${lastBefore[0]}` : '-',
      '+',
      'COUNT',
      expected * 2,
    );
    for (const [, fields] of entries) {
      const json = fields[fields.indexOf('report') + 1] ?? '{}';
      const kind = (JSON.parse(json) as { execType?: string }).execType ?? '?';
      reportKinds.set(kind, (reportKinds.get(kind) ?? 0) + 1);
    }
    const left = await queueDepth();
    if (left > 0) console.log(`  warning: ${left} messages still in the queue after the run`);
    const dynamodb = dynamoCounter.snapshot();
    const sqs = sqsCounter.snapshot();
    return {
      seconds,
      load,
      processed: sqs.detail.get('deleted') ?? 0,
      dynamodb,
      sqs,
      reportKinds,
      cpu: cpuBetween(cpuBefore, cpuAfter),
    };
  };

  const results: RunResult[] = [];
  const variantResults: RunResult[] = [];
  for (const [run, accounts] of runAccounts.entries()) {
    const variant = variantOf(run);
    const result = await runOnce(accounts, variant);
    const label =
      (run < WARMUP_RUNS ? 'warm-up' : `run ${run - WARMUP_RUNS + 1}`) + (variant ? '*' : '');
    console.log(
      `${label.padEnd(8)} ${fmt(result.processed / result.seconds, 0).padStart(5)} commands/s ` +
        `(${result.processed} commands in ${fmt(result.seconds)} s; ` +
        `${fmt(result.load.traderCommands / result.seconds, 0)} trader commands/s; CPU per ` +
        `command: DynamoDB Local ${fmt(cpuMsPerCommand(result, 'DynamoDB Local'))} ms, bench ` +
        `process ${fmt(cpuMsPerCommand(result, 'bench process'))} ms; machine ` +
        `${fmt((100 * (result.cpu.find((c) => c.label === MACHINE)?.seconds ?? 0)) / result.seconds / availableParallelism(), 0)} % busy)`,
    );
    checkReports(result);
    if (disturbed(result))
      console.log(
        `  warning: other processes used ${fmt((100 * otherCpu(result)) / result.seconds, 0)} % of a core ` +
          'during this run; its figures are disturbed',
      );
    if (run >= WARMUP_RUNS) (variant ? variantResults : results).push(result);
  }
  printSummary(results, VARIANT ? 'as configured' : undefined);
  if (VARIANT) printSummary(variantResults, `* ${VARIANT.label}`);
}

/** CPU seconds the machine spent on processes other than the benchmark's during the run. */
function otherCpu(result: RunResult): number {
  const machine = result.cpu.find((c) => c.label === MACHINE)?.seconds;
  if (machine === undefined) return 0;
  return machine - result.cpu.reduce((t, c) => (c.label === MACHINE ? t : t + c.seconds), 0);
}

function checkReports(result: RunResult): void {
  const { accepted, canceled, trade } = result.load.expectedReports;
  const kinds = result.reportKinds;
  const processedExpected = result.load.traderCommands + result.load.venueCommands;
  if (
    kinds.get('accepted') !== accepted ||
    kinds.get('canceled') !== canceled ||
    kinds.get('trade') !== trade ||
    kinds.size !== 3 ||
    result.processed !== processedExpected
  ) {
    console.log(
      `  warning: expected ${accepted} accepted, ${canceled} canceled, ${trade} trade reports and ` +
        `${processedExpected} commands; got ${JSON.stringify(Object.fromEntries(kinds))} and ` +
        `${result.processed} commands`,
    );
  }
}

interface Figures {
  readonly commandsPerSecond: number;
  readonly traderCommandsPerSecond: number;
  readonly writesPerOrder: number;
  /** Writes of the place itself and the venue's answer to it (accepted/rejected), per order. */
  readonly placementWritesPerOrder: number;
  /** SQS requests per command without the receives that returned nothing. */
  readonly nonEmptySqsPerCommand: number;
  readonly writesPerCommand: number;
  readonly readsPerCommand: number;
  readonly sqsPerCommand: number;
  readonly consumerSqsPerCommand: number;
  readonly connectorSqsPerVenueCommand: number;
  /** CPU milliseconds per command: DynamoDB Local, the bench process, the whole machine. */
  readonly dynamoDbCpuMs: number;
  readonly benchProcessCpuMs: number;
  readonly machineCpuMs: number;
}

function figuresOf(result: RunResult): Figures {
  const { dynamodb, sqs, processed, load } = result;
  const writes = sum(dynamodb.requests, (op) => DYNAMODB_WRITES.has(op));
  const reads = sum(dynamodb.requests) - writes;
  const sqsRequests = sum(sqs.requests);
  const connector = sqs.requests.get('SendMessageBatch') ?? 0;
  const placementWrites = ['order.place', 'venue.orderAccepted', 'venue.orderRejected']
    .map((type) => dynamodb.detail.get(`write:${type}`) ?? 0)
    .reduce((a, b) => a + b, 0);
  return {
    commandsPerSecond: processed / result.seconds,
    traderCommandsPerSecond: load.traderCommands / result.seconds,
    writesPerOrder: writes / load.ordersPlaced,
    placementWritesPerOrder: placementWrites / load.ordersPlaced,
    nonEmptySqsPerCommand: (sqsRequests - (sqs.detail.get('emptyReceives') ?? 0)) / processed,
    writesPerCommand: writes / processed,
    readsPerCommand: reads / processed,
    sqsPerCommand: sqsRequests / processed,
    consumerSqsPerCommand: (sqsRequests - connector) / processed,
    connectorSqsPerVenueCommand: connector / load.venueCommands,
    dynamoDbCpuMs: cpuMsPerCommand(result, 'DynamoDB Local'),
    benchProcessCpuMs: cpuMsPerCommand(result, 'bench process'),
    machineCpuMs: cpuMsPerCommand(result, MACHINE),
  };
}

function cpuMsPerCommand(result: RunResult, labelStart: string): number {
  const seconds = result.cpu.find((c) => c.label.startsWith(labelStart))?.seconds ?? 0;
  return (1000 * seconds) / result.processed;
}

/** Other processes took more than 15 % of a core: this run's throughput is not the OMS's alone. */
function disturbed(result: RunResult): boolean {
  return otherCpu(result) > 0.15 * result.seconds;
}

function printSummary(allResults: readonly RunResult[], title?: string): void {
  // On a shared machine, runs that other processes disturbed are left out while at least half
  // of the runs were not.
  const quiet = allResults.filter((r) => !disturbed(r));
  const results = quiet.length >= Math.ceil(allResults.length / 2) ? quiet : allResults;
  const figures = results.map(figuresOf);
  const med = (pick: (f: Figures) => number) => median(figures.map(pick));
  // The breakdown is of the run with the median throughput.
  const middle = median(figures.map((f) => f.commandsPerSecond));
  const typical = results.find((_, i) => figures[i]?.commandsPerSecond === middle) ?? results[0];
  if (!typical) return;
  const load = typical.load;
  const target = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

  const commandsPerSecond = med((f) => f.commandsPerSecond);
  const writesPerOrder = med((f) => f.writesPerOrder);
  const sqsPerCommand = med((f) => f.sqsPerCommand);
  console.log('');
  console.log(
    `per run: ${load.traderCommands} trader commands (${load.ordersPlaced} order.place, ` +
      `${load.traderCommands - load.ordersPlaced} order.cancel) + ${load.venueCommands} venue.* ` +
      `commands = ${load.traderCommands + load.venueCommands} commands`,
  );
  const left = allResults.length - results.length;
  console.log(
    `medians of ${results.length} runs${title ? ` (${title})` : ''}` +
      (left > 0
        ? `, leaving out ${left} disturbed by other processes`
        : quiet.length < allResults.length
          ? `, ${allResults.length - quiet.length} of them disturbed by other processes`
          : '') +
      ':',
  );
  const rates = figures.map((f) => f.commandsPerSecond);
  const traderRate = med((f) => f.traderCommandsPerSecond);
  console.log(
    `  throughput            ${fmt(commandsPerSecond, 0)} commands/s ` +
      `(${fmt(traderRate, 0)} trader commands/s; runs ` +
      `${fmt(Math.min(...rates), 0)}–${fmt(Math.max(...rates), 0)})   ` +
      `${target(commandsPerSecond >= 300)} (>= 300/s)`,
  );
  const placementWrites = med((f) => f.placementWritesPerOrder);
  console.log(
    `  DynamoDB writes       ${fmt(writesPerOrder)} per order placed (all writes / orders placed)`,
  );
  console.log(
    `                        ${fmt(placementWrites)} per order placed for placing it ` +
      `(order.place + the venue's accepted/rejected)   ${target(placementWrites <= 2)} (<= 2)`,
  );
  console.log(`                        ${fmt(med((f) => f.writesPerCommand))} per command`);
  console.log(`  DynamoDB reads        ${fmt(med((f) => f.readsPerCommand))} per command`);
  console.log(
    `  SQS requests          ${fmt(sqsPerCommand)} per command   ${target(sqsPerCommand <= 0.3)} (<= 0.3)`,
  );
  console.log(
    `                        consumer ${fmt(med((f) => f.consumerSqsPerCommand))} per command, ` +
      `connector ${fmt(med((f) => f.connectorSqsPerVenueCommand))} per venue.* command`,
  );
  console.log(
    `                        ${fmt(med((f) => f.nonEmptySqsPerCommand))} per command without ` +
      'empty receives (fauxqs wakes every waiting long poll for each message that becomes ' +
      'receivable; all but one come back empty)',
  );

  if (med((f) => f.machineCpuMs) > 0) {
    const machine = med((f) => f.machineCpuMs);
    console.log(
      `  CPU per command       ${fmt(machine)} ms on the whole machine: DynamoDB Local ` +
        `${fmt(med((f) => f.dynamoDbCpuMs))} ms, bench process ${fmt(med((f) => f.benchProcessCpuMs))} ms ` +
        `(${availableParallelism()} cores allow at most ${fmt((1000 * availableParallelism()) / machine, 0)} commands/s at this cost)`,
    );
  }

  console.log('');
  console.log('breakdown of the run with the median throughput:');
  const processed = typical.processed;
  const perCommand = (n: number) => fmt(n / processed, 3);
  const detail = typical.dynamodb.detail;
  console.log('  DynamoDB writes by the command they record (per such command):');
  const commandCounts: Record<string, number> = {
    'order.place': load.ordersPlaced,
    'order.cancel': load.traderCommands - load.ordersPlaced,
    'venue.orderAccepted': load.expectedReports.accepted,
    'venue.orderCanceled': load.expectedReports.canceled,
    'venue.orderFilled': load.expectedReports.trade,
  };
  for (const [key, n] of [...detail].filter(([k]) => k.startsWith('write:')).sort()) {
    const type = key.slice('write:'.length);
    const per = commandCounts[type];
    console.log(
      `    ${type.padEnd(22)} ${String(n).padStart(6)}${per ? `   ${fmt(n / per)} each` : ''}`,
    );
  }
  console.log('  DynamoDB reads (per command processed):');
  for (const [key, n] of [...detail].filter(([k]) => k.startsWith('read:')).sort()) {
    console.log(
      `    ${key.slice('read:'.length).padEnd(40)} ${String(n).padStart(6)}   ${perCommand(n)}`,
    );
  }
  const meanMs = (counts: AwsCallCounts, op: string) =>
    fmt((counts.milliseconds.get(op) ?? 0) / Math.max(counts.requests.get(op) ?? 0, 1), 1);
  console.log('  DynamoDB mean latency by operation (ms, as the OMS sees it):');
  for (const [op, n] of [...typical.dynamodb.requests].sort()) {
    console.log(
      `    ${op.padEnd(40)} ${String(n).padStart(6)}   ${meanMs(typical.dynamodb, op)} ms`,
    );
  }
  console.log('  SQS requests (per command processed; mean latency):');
  for (const [op, n] of [...typical.sqs.requests].sort()) {
    console.log(
      `    ${op.padEnd(40)} ${String(n).padStart(6)}   ${perCommand(n)}   ${meanMs(typical.sqs, op)} ms`,
    );
  }
  const sqsDetail = typical.sqs.detail;
  const receives = typical.sqs.requests.get('ReceiveMessage') ?? 0;
  const sends = typical.sqs.requests.get('SendMessageBatch') ?? 0;
  console.log(
    `    messages per ReceiveMessage ${fmt((sqsDetail.get('received') ?? 0) / Math.max(receives, 1))} ` +
      `(${sqsDetail.get('emptyReceives') ?? 0} empty), per SendMessageBatch ` +
      `${fmt((sqsDetail.get('sent') ?? 0) / Math.max(sends, 1))}`,
  );
  const errors = [...detail, ...sqsDetail].filter(([k]) => k.startsWith('error:'));
  if (errors.length > 0) {
    console.log('  errors (counted in the requests above):');
    for (const [key, n] of errors) console.log(`    ${key.slice('error:'.length)} ${n}`);
  }
  console.log(
    `  HTTP attempts incl. SDK retries: DynamoDB ${detail.get('attempts') ?? 0} for ` +
      `${sum(typical.dynamodb.requests)} requests, SQS ${sqsDetail.get('attempts') ?? 0} for ` +
      `${sum(typical.sqs.requests)}`,
  );
  console.log(
    `  CPU during the run (${fmt(typical.seconds)} s wall, ` +
      `${availableParallelism()} cores = ${fmt(typical.seconds * availableParallelism())} core-seconds):`,
  );
  const cpuRows = [
    ...typical.cpu.filter((c) => c.label !== MACHINE),
    { label: 'other processes', seconds: Math.max(0, otherCpu(typical)) },
    ...typical.cpu.filter((c) => c.label === MACHINE),
  ];
  for (const { label, seconds } of cpuRows) {
    console.log(
      `    ${label.padEnd(44)} ${fmt(seconds).padStart(6)} s   ${fmt((100 * seconds) / typical.seconds, 0).padStart(3)} % of a core`,
    );
  }
}

await main();
