// Matching engine micro-benchmark: the same seeded flow through our engine and through
// nodejs-order-book@10, side by side in one process. Run:
//   node --conditions=@perp/source apps/sim-venue/src/matching/matching.bench.ts
// Env: NOB_PATH (absolute path of a nodejs-order-book install, e.g. a scratch dir),
// BENCH_OPERATIONS (default 1,000,000), BENCH_ROUNDS (default 5). Prints ops/s; numbers are
// machine-dependent. Both engines get the same operations with the same semantics (price-time
// priority, GTC/IOC/market, self-trade prevention expire-maker) and their final books must match.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MatchingEngine, type MatchingCommand, type OrderBookView } from './index.ts';
import {
  loadNodejsOrderBook,
  type NobLimitOptions,
  type NobMarketOptions,
  type NobOrderBook,
} from '../test-support/nodejs-order-book.ts';
import { FLOW_SYMBOL, generateFlow, toCommand, type Flow } from '../test-support/order-flow.ts';

const operations = Number(process.env.BENCH_OPERATIONS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

// A full collection before each timed run, so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const NobOrderBookClass = loadNodejsOrderBook();

/** Both engines' inputs, built before timing so neither pays for building them. */
interface PreparedFlow {
  readonly ours: readonly MatchingCommand[];
  readonly theirs: readonly TheirOp[];
}

type TheirOp =
  | { readonly kind: 0; readonly limit: NobLimitOptions }
  | { readonly kind: 1; readonly market: NobMarketOptions }
  | { readonly kind: 2; readonly orderId: string };

function prepare(flow: Flow): PreparedFlow {
  const theirs = flow.ops.map((op): TheirOp => {
    const owner = { accountId: op.accountId, stpMode: 'EXPIRE_MAKER' } as const;
    if (op.kind === 'cancel') return { kind: 2, orderId: op.venueOrderId };
    if (op.kind === 'market')
      return { kind: 1, market: { side: op.side, size: op.quantityLots, ...owner } };
    const timeInForce = op.kind === 'ioc' ? 'IOC' : 'GTC';
    const { venueOrderId: id, side, quantityLots: size, priceTicks: price } = op;
    return { kind: 0, limit: { id, side, size, price, timeInForce, ...owner } };
  });
  return { ours: flow.ops.map(toCommand), theirs };
}

function runOurs(commands: readonly MatchingCommand[]): { seconds: number; book: OrderBookView } {
  const engine = new MatchingEngine({ symbols: [FLOW_SYMBOL], clock: () => 0 });
  let checksum = 0;
  const started = performance.now();
  for (let i = 0; i < commands.length; i += 1) {
    checksum += engine.process(commands[i] as MatchingCommand).length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (checksum === 0) throw new Error('no events');
  return { seconds, book: engine.book(FLOW_SYMBOL) as OrderBookView };
}

function runTheirs(ops: readonly TheirOp[]): { seconds: number; book: NobOrderBook } {
  const book = new NobOrderBookClass();
  let checksum = 0;
  const started = performance.now();
  for (let i = 0; i < ops.length; i += 1) {
    const op = ops[i] as TheirOp;
    if (op.kind === 0) checksum += book.limit(op.limit).done.length;
    else if (op.kind === 1) checksum += book.market(op.market).done.length;
    else if (book.cancel(op.orderId) !== undefined) checksum += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  if (checksum === 0) throw new Error('no results');
  return { seconds, book };
}

/** The same resting book on both sides, or an explanation: a fairness check, not a formality. */
function compareBooks(ours: OrderBookView, theirs: NobOrderBook): string | null {
  const snapshot = ours.depth(Number.MAX_SAFE_INTEGER);
  const [asks, bids] = theirs.depth();
  const mine = JSON.stringify([
    snapshot.asks.map((l) => [l.priceTicks, l.quantityLots]),
    snapshot.bids.map((l) => [l.priceTicks, l.quantityLots]),
  ]);
  const other = JSON.stringify([asks, bids]);
  return mine === other
    ? null
    : `books differ: ours ${mine.slice(0, 200)}…, theirs ${other.slice(0, 200)}…`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);

const flow = generateFlow({ seed: 20_240_601, operations });
const prepared = prepare(flow);
const warmUp = prepare(generateFlow({ seed: 7, operations: Math.min(200_000, operations) }));

console.log(`node ${process.version}, ${operations.toLocaleString('en-US')} operations per run:`);
console.log(
  `  ${Object.entries(flow.counts)
    .map(([kind, count]) => `${kind} ${((100 * count) / operations).toFixed(1)} %`)
    .join(', ')}; ${flow.finalRestingOrders.toLocaleString('en-US')} orders resting at the end`,
);

runOurs(warmUp.ours);
runTheirs(warmUp.theirs);

const ourRates: number[] = [];
const theirRates: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  // Alternate who goes first, so neither always runs on a warmer or more fragmented heap.
  const order = round % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
  let oursBook: OrderBookView | undefined;
  let theirsBook: NobOrderBook | undefined;
  for (const who of order) {
    collectGarbage();
    if (who === 'ours') {
      const run = runOurs(prepared.ours);
      ourRates.push(operations / run.seconds);
      oursBook = run.book;
    } else {
      const run = runTheirs(prepared.theirs);
      theirRates.push(operations / run.seconds);
      theirsBook = run.book;
    }
  }
  const mismatch = compareBooks(oursBook as OrderBookView, theirsBook as NobOrderBook);
  if (mismatch !== null) throw new Error(mismatch);
}

const ours = median(ourRates);
const theirs = median(theirRates);
console.log(
  `  ours               ${format(ours)} ops/s   (runs: ${ourRates.map(format).join(',')})`,
);
console.log(
  `  nodejs-order-book  ${format(theirs)} ops/s   (runs: ${theirRates.map(format).join(',')})`,
);
console.log(
  `  ratio              ${(ours / theirs).toFixed(2).padStart(12)} x   (medians of ${rounds})`,
);
console.log('  final books identical in every round');
