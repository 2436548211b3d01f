// Market maker benchmark: the bot as the stack runs it (MARKET_MAKER_STACK_SETTINGS), on the real
// platform, its reference an on-chain aggregator on anvil that a seeded random walk moves once a
// second per symbol. Prints the time from a reference change to every new quote acked (as the bot
// measures it: from observing the change), the order requests the diff sent against what
// cancel-all-and-replace needs on the same path, and the gateway's 10003 answers. Run:
//   npm run bench:market-maker
// Env: BENCH_DURATION_S (default 600), BENCH_SEED (default 1), BENCH_STEP_MS (default 1000: one
// change per symbol per step), BENCH_STEP_BPS (largest move per step, default 1 bp: uniform
// in ±), BENCH_POLL_MS (the bot's aggregator poll, default 100), BENCH_TRACE=true (prints the bot's
// requotes, warnings and final /health). Needs Redis and java 17+.
import { createHash } from 'node:crypto';
import { bool, int, loadConfigOrExit } from '@perp/config';
import { Decimal } from '@perp/decimal';
import { startLocalStack, stopAllProcesses, type LocalStack } from '@perp/local-stack';
import { MARKET_MAKER_STACK_SETTINGS, SEED_INSTRUMENTS } from '@perp/demo-seed';
import { startAnvil } from '@perp/test-services';
import { JsonRpcProvider } from 'ethers';
import {
  deployMockAggregator,
  type MockAggregator,
} from '../reference/test-support/mock-aggregator.ts';
import { startMarketMaker, type MarketMakerProcess } from '../test-support/market-maker-process.ts';

const benchEnv = loadConfigOrExit({
  BENCH_DURATION_S: int(1).default(600),
  BENCH_SEED: int(1).default(1),
  BENCH_STEP_MS: int(1).default(1_000),
  BENCH_STEP_BPS: int(1).default(1),
  BENCH_POLL_MS: int(1).default(100),
  BENCH_TRACE: bool().default(false),
});
const DURATION_S = benchEnv.BENCH_DURATION_S;
const SEED = benchEnv.BENCH_SEED;
const STEP_MS = benchEnv.BENCH_STEP_MS;
const STEP_BPS = benchEnv.BENCH_STEP_BPS;
const POLL_MS = benchEnv.BENCH_POLL_MS;
const TRACE = benchEnv.BENCH_TRACE;
const FEED_DECIMALS = 8;
const LEVELS = 5; // the app's default: MARKET_MAKER_LEVELS
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Uniform in [0, 1), the `step`-th draw of symbol `symbol` for the seed: the same path every run. */
function draw(symbol: string, step: number): number {
  const digest = createHash('sha256').update(`${SEED}:${symbol}:${step}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

interface Feed {
  readonly symbol: string;
  readonly aggregator: MockAggregator;
  readonly tick: Decimal;
  price: Decimal;
}

/** The next price: at most STEP_BPS away, on the tick, never the same price twice in a row. */
function walk(feed: Feed, step: number): Decimal {
  const bps = Decimal.parse(((draw(feed.symbol, step) * 2 - 1) * STEP_BPS).toFixed(6));
  const moved = feed.price.add(feed.price.mulDiv(bps, Decimal.fromInt(10_000), 'half_even'));
  const onTick = moved.roundToStep(feed.tick, 'half_even');
  return onTick.eq(feed.price) ? feed.price.add(feed.tick) : onTick;
}

async function publish(feed: Feed, price: Decimal): Promise<void> {
  const [whole, fraction = ''] = price.toString().split('.');
  const answer = BigInt(`${whole}${fraction.padEnd(FEED_DECIMALS, '0')}`);
  await feed.aggregator.updateAnswer(answer, BigInt(Math.floor(Date.now() / 1000)));
  feed.price = price;
}

async function markOf(stack: LocalStack, symbol: string): Promise<Decimal> {
  const response = await fetch(`${stack.httpUrl('SIM_VENUE_PORT')}/v1/markets/${symbol}`);
  return Decimal.parse(((await response.json()) as { markPrice: string }).markPrice);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The bot's `requoted` debug lines since `from` (its output offset): latency and requests. */
function requotes(bot: MarketMakerProcess, from: number) {
  const latencies: number[] = [];
  let requests = 0;
  for (const line of bot.process.output().slice(from).split('\n')) {
    if (!line.includes('"requoted"')) continue;
    const entry = JSON.parse(line) as { latencyMs?: number; canceled: number; placed: number };
    requests += entry.canceled + entry.placed;
    if (entry.latencyMs !== undefined) latencies.push(entry.latencyMs);
  }
  return { latencies: latencies.sort((a, b) => a - b), requests };
}

async function main(): Promise<void> {
  log(
    `market maker bench: ${DURATION_S} s, seed ${SEED}, one change per symbol every ${STEP_MS} ms ` +
      `(at most ${STEP_BPS} bp), aggregator polled every ${POLL_MS} ms`,
  );
  const [stack, anvil] = await Promise.all([
    startLocalStack({ dynamoDbStorage: 'memory' }),
    startAnvil(),
  ]);
  // A mined transaction's receipt is awaited by polling: ethers' 4 s default would stretch steps.
  const provider = new JsonRpcProvider(anvil.rpcUrl, anvil.chainId, {
    staticNetwork: true,
    pollingInterval: 50,
  });
  let bot: MarketMakerProcess | undefined;
  try {
    const signer = await provider.getSigner(0);
    const feeds: Feed[] = [];
    for (const instrument of SEED_INSTRUMENTS) {
      const aggregator = await deployMockAggregator(signer, FEED_DECIMALS, instrument.symbol);
      const feed: Feed = {
        symbol: instrument.symbol,
        aggregator,
        tick: Decimal.parse(instrument.tickSize),
        price: Decimal.ZERO,
      };
      await publish(feed, await markOf(stack, instrument.symbol));
      feeds.push(feed);
    }
    bot = await startMarketMaker(stack, {
      ...MARKET_MAKER_STACK_SETTINGS,
      MARKET_MAKER_REFERENCE: 'chainlink',
      MARKET_MAKER_CHAINLINK_RPC_URL: anvil.rpcUrl,
      MARKET_MAKER_CHAINLINK_FEEDS: feeds
        .map((feed) => `${feed.symbol}=${feed.aggregator.address}`)
        .join(','),
      MARKET_MAKER_CHAINLINK_POLL_MS: String(POLL_MS),
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    await bot.untilRole('active');
    // The first grid is placed once by either method: counted from after it.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const offset = bot.process.output().length;
    const placedBefore = await bot.metric('mm_quotes_placed_total');
    const canceledBefore = await bot.metric('mm_quotes_canceled_total');

    const steps = Math.floor((DURATION_S * 1000) / STEP_MS);
    const startedAt = Date.now();
    for (let step = 0; step < steps; step += 1) {
      await Promise.all(feeds.map((feed) => publish(feed, walk(feed, step))));
      const next = startedAt + (step + 1) * STEP_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      if ((step + 1) % 60 === 0) log(`  ${step + 1}/${steps} steps`);
    }
    const walkedS = (Date.now() - startedAt) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const { latencies, requests } = requotes(bot, offset);
    if (TRACE)
      for (const line of bot.process.output().slice(offset).split('\n'))
        if (
          line.includes('"requoted"') ||
          line.includes('"level":40') ||
          line.includes('"level":50')
        )
          log(line);
    if (TRACE) log(JSON.stringify(await bot.health()));
    const placed = (await bot.metric('mm_quotes_placed_total')) - placedBefore;
    const canceled = (await bot.metric('mm_quotes_canceled_total')) - canceledBefore;
    const rateLimited = await bot.metric('mm_order_request_errors_total', { code: '10003' });
    const errors = await bot.metric('mm_order_request_errors_total');
    // Cancel-all-and-replace: every change of a symbol's reference cancels its grid and places one.
    const replaceAll = steps * feeds.length * 2 * (2 * LEVELS);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    log('');
    log(
      `reference changes         ${steps * feeds.length} (${feeds.length} symbols × ${steps}, ` +
        `in ${walkedS.toFixed(0)} s: ${(steps / walkedS).toFixed(2)} per symbol per second)`,
    );
    log(
      `change → all acked        p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ` +
        `max ${ms(latencies.at(-1) ?? Number.NaN)} (${latencies.length} requotes; plus up to ${POLL_MS} ms until the poll sees it)`,
    );
    log(
      `order requests (diff)     ${placed + canceled} (placed ${placed}, canceled ${canceled}; logged ${requests})`,
    );
    log(
      `cancel-all-and-replace    ${replaceAll} (${2 * LEVELS} cancels + ${2 * LEVELS} places per change)`,
    );
    log(
      `ratio                     ${(((placed + canceled) / replaceAll) * 100).toFixed(1)} % (target ≤ 30 %)`,
    );
    log(`10003 answers             ${rateLimited} (all request errors: ${errors})`);
  } finally {
    await bot?.process.stop('SIGTERM');
    provider.destroy();
    await stopAllProcesses('SIGTERM');
    await Promise.all([stack.stop(), anvil.stop()]);
  }
}

await main();
