// Margin-call scan benchmark: one warn pass of the job over N seeded accounts, timed, with the
// DynamoDB requests it sends. Run:
//   npm run bench:margin-call -- [--accounts 100000] [--runs 1]
// Needs Redis on 127.0.0.1:6379 (or REDIS_URL) and java 17+; it starts DynamoDB Local (in memory,
// unless DYNAMODB_ENDPOINT is set), fauxqs and the sim-venue itself. No OMS or notifier: every
// seeded account is healthy (utilisation under 10 %, the warning is at 80 %), so a pass neither
// warns nor calls and the figure is the cost of scanning and evaluating.
//
// The accounts' BALANCE and POSITION items are the OMS's (the trading-store codec), written with
// BatchWriteItem; seeding is timed apart. Each pass is the job as `buildMarginCallJob` builds it,
// except that its three DynamoDB readers (trading store, held positions, config) are rebuilt the
// same way on clients instrumented with `instrumentAwsClients`: the job's own clients are not
// reachable from outside it.
import { parseArgs } from 'node:util';
import { loadConfig } from '@perp/config';
import { Decimal } from '@perp/decimal';
import { createLogger } from '@perp/logger';
import { startBackingServices, type BackingServices } from '@perp/local-stack';
import { awsClients, instrumentAwsClients } from '@perp/resources';
import { MACHINE, cpuBetween, freePort, sampleProcessCpu } from '@perp/test-services';
import { identifierOf, type InstrumentSymbol, type Position } from '@perp/trading-domain';
import {
  ConfigStore,
  HeldPositionsReader,
  TradingStore,
  bulkWriteAccounts,
  documentClient,
  type SeedAccount,
} from '@perp/trading-store';
import { Registry } from 'prom-client';
import { buildMarginCallJob } from '../app.ts';
import { MARGIN_CALL_ENV } from '../config.ts';
import type { MarginCallContext } from '../context.ts';
import { runMarginCall } from '../margin-call-run.ts';

const USAGE = 'usage: npm run bench:margin-call -- [--accounts N] [--runs N]';
const TARGET_MS = 10_000;
const TARGET_REQUESTS_PER_ACCOUNT = 0.1;
/** Accounts per bulkWriteAccounts call: progress lines, not a limit of the writer. */
const SEED_SLICE = 10_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function positiveInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a positive integer\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
}

let args;
try {
  args = parseArgs({
    options: {
      accounts: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '1' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.values.help) {
  log(USAGE);
  process.exit(0);
}
const ACCOUNTS = positiveInt('accounts', args.values.accounts);
const RUNS = positiveInt('runs', args.values.runs);

const d = Decimal.parse;
const BTC = 'BTC-PERP' as InstrumentSymbol;
const ETH = 'ETH-PERP' as InstrumentSymbol;
const BTC_LOT = d('0.001');
const ETH_LOT = d('0.01');

/**
 * Account n: a third BTC-PERP only, a third ETH-PERP only, a third both; long or short; entries
 * near the venue's start prices (60 000 and 3 000). At most 0.1 BTC and 2 ETH (12 000 of notional,
 * 600 of maintenance margin) against at least 10 000 of collateral: healthy whatever the mix.
 */
function seedAccount(n: number, now: number): SeedAccount {
  const accountId = identifierOf('AccountId', `bench-${String(n).padStart(7, '0')}`);
  const sign = n % 2 === 0 ? Decimal.ONE : Decimal.ONE.neg();
  const position = (symbol: InstrumentSymbol, quantity: Decimal, entry: Decimal): Position => ({
    accountId,
    symbol,
    quantity,
    costBasis: quantity.abs().mul(entry),
    realizedPnl: Decimal.ZERO,
    fees: Decimal.ZERO,
  });
  const btc = () =>
    position(
      BTC,
      Decimal.fromInt(1 + (n % 100))
        .mul(BTC_LOT)
        .mul(sign),
      Decimal.fromInt(59_500 + (n % 21) * 50),
    );
  const eth = () =>
    position(
      ETH,
      Decimal.fromInt(1 + (n % 200))
        .mul(ETH_LOT)
        .mul(sign),
      Decimal.fromInt(2_950 + (n % 11) * 10),
    );
  const kind = n % 3;
  return {
    balance: {
      accountId,
      collateral: Decimal.fromInt(10_000 + (n % 50) * 1_000),
      seq: 1,
      createdAt: now,
      updatedAt: now,
    },
    positions: kind === 0 ? [btc()] : kind === 1 ? [eth()] : [btc(), eth()],
  };
}

function* accountsFrom(first: number, count: number, now: number): Generator<SeedAccount> {
  for (let n = first; n < first + count; n += 1) yield seedAccount(n, now);
}

async function seed(services: BackingServices): Promise<number> {
  const db = documentClient(services.dynamoClient);
  const started = performance.now();
  const now = Date.now();
  let items = 0;
  let requests = 0;
  for (let first = 0; first < ACCOUNTS; first += SEED_SLICE) {
    const count = Math.min(SEED_SLICE, ACCOUNTS - first);
    const written = await bulkWriteAccounts(db, services.prefix, accountsFrom(first, count, now), {
      concurrency: 8,
    });
    items += written.items;
    requests += written.requests;
    if (ACCOUNTS > SEED_SLICE)
      log(
        `  seeded ${fmt(first + count)} accounts (${fmt((performance.now() - started) / 1000, 1)} s)`,
      );
  }
  const seconds = (performance.now() - started) / 1000;
  log(`accounts seeded           ${fmt(ACCOUNTS)} (${fmt(items)} items, BALANCE and POSITION)`);
  log(
    `seeding                   ${fmt(seconds, 1)} s (${fmt(requests)} BatchWriteItem requests; not part of the figure)`,
  );
  return seconds;
}

interface AwsRequests {
  readonly dynamodb: Map<string, number>;
  readonly other: Map<string, number>;
}

async function requestsOf(registry: Registry): Promise<AwsRequests> {
  const dynamodb = new Map<string, number>();
  const other = new Map<string, number>();
  const metric = await registry.getSingleMetric('aws_requests_total')?.get();
  for (const { value, labels } of metric?.values ?? []) {
    if (value === 0) continue;
    const key = `${String(labels['operation'])}${labels['outcome'] === 'ok' ? '' : ` (${String(labels['outcome'])})`}`;
    const into = labels['client'] === 'dynamodb' ? dynamodb : other;
    into.set(key, (into.get(key) ?? 0) + value);
  }
  return { dynamodb, other };
}

const services = await startBackingServices({ name: 'margin-call-bench' });
let failed = false;
try {
  // The job runs in this process, whose AWS SDK reads its credentials from the environment.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const)
    process.env[name] ??= services.processEnv()[name] ?? 'local';
  log(
    `margin-call bench: ${fmt(ACCOUNTS)} accounts, ${RUNS} warn pass(es); DynamoDB ${
      process.env['DYNAMODB_ENDPOINT'] ? `at ${services.dynamo.endpoint}` : 'Local in memory'
    }`,
  );
  log(
    'every account is healthy (utilisation < 10 %): no warning, no call; the figure is the scan and evaluation',
  );
  await seed(services);

  const config = loadConfig(MARGIN_CALL_ENV, {
    ...services.processEnv(),
    // A port nobody listens on: healthy accounts send nothing to the notifier.
    NOTIFIER_URL: `http://127.0.0.1:${await freePort()}`,
    NOTIFIER_API_TOKEN: 'margin-call-bench-unused-token',
    LOG_LEVEL: 'warn',
  });
  const job = await buildMarginCallJob(
    config,
    createLogger({ service: 'margin-call-bench', level: 'warn' }),
  );
  const clients = awsClients({
    region: config.AWS_REGION,
    sqsEndpoint: config.SQS_ENDPOINT,
    dynamodbEndpoint: config.DYNAMODB_ENDPOINT,
  });
  const registry = new Registry();
  instrumentAwsClients(clients, registry);
  const db = documentClient(clients.dynamodb);
  const tablePrefix = config.RESOURCE_PREFIX;
  const context: MarginCallContext = {
    ...job.context,
    store: new TradingStore({ db, tablePrefix }),
    held: new HeldPositionsReader({ db, tablePrefix }),
    config: new ConfigStore({ db, tablePrefix }),
  };
  const ownProcesses = {
    selfLabel: 'bench process (the job)',
    simVenuePid: services.simVenue.child.pid,
    dynamoDbPort: new URL(services.dynamo.endpoint).port,
  };
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      registry.resetMetrics();
      const cpuBefore = sampleProcessCpu(ownProcesses);
      const started = performance.now();
      const summary = await runMarginCall(context, {
        mode: 'warn',
        runId: `bench-warn-${Date.now()}-${run}`,
      });
      const ms = performance.now() - started;
      const cpu = cpuBetween(cpuBefore, sampleProcessCpu(ownProcesses));
      const { dynamodb, other } = await requestsOf(registry);
      const total = [...dynamodb.values()].reduce((a, b) => a + b, 0);
      const perAccount = total / Math.max(1, summary.scanned);
      const byOperation = [...dynamodb]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, n]) => `${operation} ${fmt(n)}`)
        .join(', ');
      log('');
      log(`run ${run} of ${RUNS}`);
      log(
        `  accounts scanned        ${fmt(summary.scanned)} (at risk ${summary.atRisk}, warned ${summary.warned}, skipped ${summary.skipped}, errors ${summary.errors})`,
      );
      log(
        `  scan duration           ${fmt(ms)} ms (the run's own figure: ${summary.durationMs} ms)`,
      );
      log(`  accounts per second     ${fmt(summary.scanned / (ms / 1000))}`);
      log(`  DynamoDB requests       ${fmt(total)}: ${byOperation}`);
      if (other.size > 0)
        log(
          `  other AWS requests      ${[...other].map(([op, n]) => `${op} ${fmt(n)}`).join(', ')}`,
        );
      log(`  requests per account    ${fmt(perAccount, 4)}`);
      // Where the cores went: on 2 cores, DynamoDB Local's JVM is what bounds the scan.
      for (const { label, seconds } of cpu)
        log(
          `  CPU ${label.padEnd(34)} ${fmt(seconds, 2)} s${label === MACHINE ? '' : ` (${fmt(((seconds * 1000) / Math.max(1, summary.scanned)) * 1000, 0)} µs/account)`}`,
        );
      log(`  target < 10 s: ${ms < TARGET_MS ? 'met' : 'missed'}`);
      log(
        `  target <= ${TARGET_REQUESTS_PER_ACCOUNT} requests/account: ${perAccount <= TARGET_REQUESTS_PER_ACCOUNT ? 'met' : 'missed'}`,
      );
      // A pass that did not see every account, or had errors, measured something else.
      if (summary.scanned !== ACCOUNTS || summary.errors > 0 || summary.skipped > 0) {
        failed = true;
        log(
          `  INVALID: expected ${ACCOUNTS} accounts scanned without skips or errors: ${JSON.stringify(
            {
              errors: summary.errorDetails.slice(0, 3),
              skipped: summary.skippedAccounts.slice(0, 3),
            },
          )}`,
        );
      }
    }
  } finally {
    clients.sqs.destroy();
    clients.dynamodb.destroy();
    await job.close();
  }
} finally {
  await services.dispose();
}
process.exitCode = failed ? 1 : 0;
