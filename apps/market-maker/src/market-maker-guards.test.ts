// The bot's guards against the real platform: what moves its quotes and what pulls them. The
// reference comes from a real compiled aggregator on anvil where a test must set it exactly.
import { Decimal } from '@perp/decimal';
import {
  startExtraGateway,
  startLocalStack,
  stopAllProcesses,
  type LocalStack,
} from '@perp/local-stack';
import { parseQuoteClientOrderId } from '@perp/market-making';
import { TraderClient } from '@perp/trader-client';
import { startAnvil, waitFor, waitUntil, type AnvilInstance } from '@perp/test-services';
import { JsonRpcProvider } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deployMockAggregator,
  type MockAggregator,
} from './reference/test-support/mock-aggregator.ts';
import { best, clearOrders, grid } from './test-support/bot-orders.ts';
import { startMarketMaker, type MarketMakerProcess } from './test-support/market-maker-process.ts';

let stack: LocalStack;
let anvil: AnvilInstance;
let provider: JsonRpcProvider;
let btcFeed: MockAggregator;
let mm: TraderClient;
let mmTrader: TraderClient;
let alice: TraderClient;
const running: MarketMakerProcess[] = [];
const FEED_DECIMALS = 8;

beforeAll(async () => {
  [stack, anvil] = await Promise.all([startLocalStack(), startAnvil()]);
  provider = new JsonRpcProvider(anvil.rpcUrl, anvil.chainId, { staticNetwork: true });
  btcFeed = await deployMockAggregator(await provider.getSigner(0), FEED_DECIMALS, 'BTC / USD');
  mm = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('mm', 'viewer') });
  mmTrader = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('mm') });
  alice = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('alice') });
}, 120_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.process.stop('SIGTERM')));
  await clearOrders(mmTrader, mm);
}, 60_000);

afterAll(async () => {
  await Promise.all([mm?.close(), mmTrader?.close(), alice?.close()]);
  provider?.destroy();
  await stopAllProcesses('SIGTERM');
  await Promise.all([stack?.stop(), anvil?.stop()]);
}, 60_000);

async function bot(env: Record<string, string> = {}, url?: string): Promise<MarketMakerProcess> {
  const started = await startMarketMaker(stack, {
    ...env,
    ...(url ? { MARKET_MAKER_GATEWAY_URL: url } : {}),
  });
  running.push(started);
  return started;
}

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

/** The venue's mark, on BTC-PERP's tick (0.5). */
async function btcMark(): Promise<Decimal> {
  const response = await fetch(`${stack.httpUrl('SIM_VENUE_PORT')}/v1/markets/BTC-PERP`);
  return Decimal.parse(((await response.json()) as { markPrice: string }).markPrice);
}

/** The aggregator's answer for a price (8 decimals), observed now. */
async function setFeed(price: Decimal, updatedAt = nowSeconds()): Promise<void> {
  const [whole, fraction = ''] = price.toString().split('.');
  await btcFeed.updateAnswer(BigInt(`${whole}${fraction.padEnd(FEED_DECIMALS, '0')}`), updatedAt);
}

const TICK = Decimal.parse('0.5');
const ticks = (n: number) => TICK.mul(Decimal.fromInt(n));

/** BTC-PERP on the aggregator alone, flat sizes and no skew: prices follow the feed exactly. */
function chainlinkBot(env: Record<string, string> = {}, url?: string) {
  return bot(
    {
      MARKET_MAKER_SYMBOLS: 'BTC-PERP',
      MARKET_MAKER_REFERENCE: 'chainlink',
      MARKET_MAKER_CHAINLINK_RPC_URL: anvil.rpcUrl,
      MARKET_MAKER_CHAINLINK_FEEDS: `BTC-PERP=${btcFeed.address}`,
      MARKET_MAKER_CHAINLINK_POLL_MS: '100',
      MARKET_MAKER_SIZE_TAPER: '1',
      MARKET_MAKER_RISK_AVERSION: '0',
      MARKET_MAKER_LEVEL_SPACING_TICKS: '2',
      MARKET_MAKER_REQUOTE_THRESHOLD_TICKS: '4',
      ...env,
    },
    url,
  );
}

/** Placed and canceled so far, once the counts have stopped moving for a second. */
async function settledRequests(started: MarketMakerProcess) {
  let last = '';
  let stableSince = Date.now();
  return waitFor(
    async () => {
      const counts = {
        placed: await started.metric('mm_quotes_placed_total'),
        canceled: await started.metric('mm_quotes_canceled_total'),
      };
      const key = JSON.stringify(counts);
      if (key !== last) {
        last = key;
        stableSince = Date.now();
        return undefined;
      }
      return Date.now() - stableSince >= 1_000 ? counts : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: 'the requote to settle' },
  );
}

/** Waits until the bot's accepted orders of `symbol` satisfy `check(bids, asks)`. */
function sidesQuoted(symbol: string, check: (bids: number, asks: number) => boolean) {
  return waitUntil(
    async () => {
      const open = (await mm.call('orders.open', { symbol })).filter(
        (o) => o.status === 'accepted',
      );
      const bids = open.filter((o) => o.side === 'buy').length;
      return check(bids, open.length - bids);
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `the sides quoted on ${symbol}` },
  );
}

const idsOf = async () => new Set((await mm.call('orders.open', {})).map((o) => o.clientOrderId));

describe('market maker guards against the local stack', () => {
  it('a reference jump changes only the orders that must move (requests counted)', async () => {
    const start = await btcMark();
    await setFeed(start);
    const started = await chainlinkBot({ MARKET_MAKER_REFERENCE_STALE_MS: '600000' });
    await grid(mm, 'BTC-PERP');
    const before = await settledRequests(started);
    expect(before).toEqual({ placed: 10, canceled: 0 });
    const resting = await idsOf();

    // One tick: every order is within the threshold (4 ticks) of its quote; nothing is sent.
    await setFeed(start.add(ticks(1)));
    await waitUntil(
      async () => (await started.health()).symbols[0]?.reference === start.add(ticks(1)).toString(),
      { timeoutMs: 5_000, what: 'the bot to read the new answer' },
    );
    expect(await settledRequests(started)).toEqual(before);
    expect(await idsOf()).toEqual(resting);

    // Seven ticks (three and a half levels): the orders still near a quote stay, the rest move.
    await setFeed(start.add(ticks(7)));
    const moved = await settledRequests(started);
    const canceled = moved.canceled - before.canceled;
    expect(moved.placed - before.placed).toBe(canceled);
    expect(canceled).toBeGreaterThan(0);
    expect(canceled).toBeLessThan(10);
    const { open } = await grid(mm, 'BTC-PERP');
    expect(open.filter((o) => resting.has(o.clientOrderId)).length).toBe(10 - canceled);

    // Far beyond the grid: all ten move, each exactly once; nothing is placed twice.
    const far = start.add(ticks(60));
    await setFeed(far);
    const replaced = await settledRequests(started);
    expect(replaced.canceled - moved.canceled).toBe(10);
    expect(replaced.placed - moved.placed).toBe(10);
    const after = await grid(mm, 'BTC-PERP');
    expect(best(after.open, 'buy')).toBeLessThan(Number(far.toString()));
    expect(best(after.open, 'sell')).toBeGreaterThan(Number(far.toString()));
    expect(await started.metric('mm_order_request_errors_total')).toBe(0);
  });

  it('a stale reference pulls every quote until a fresh one comes', async () => {
    const mark = await btcMark();
    await setFeed(mark);
    const started = await chainlinkBot({ MARKET_MAKER_REFERENCE_STALE_MS: '3000' });
    await grid(mm, 'BTC-PERP');
    // The feed stops: within the limit and a heartbeat every quote is canceled.
    await grid(mm, 'BTC-PERP', 0);
    const status = (await started.health()).symbols[0];
    expect(status).toMatchObject({ quoting: false, withheld: 'reference_stale', reference: null });
    expect(await started.metric('mm_reference_age_seconds')).toBeGreaterThan(3);
    // A fresh round: the grid comes back.
    await setFeed(mark);
    await grid(mm, 'BTC-PERP');
    expect((await started.health()).symbols[0]?.withheld).toBeNull();
  });

  it('the kill switch: a breached equity floor, or an operator, halts; only a resume quotes again', async () => {
    // A floor above the equity: tripped at the first account read, orders canceled, still up.
    const floored = await bot({ MARKET_MAKER_EQUITY_FLOOR: '2000000' });
    const halted = await waitFor(
      async () => {
        const health = await floored.health();
        return health.halted ? health : undefined;
      },
      { timeoutMs: 10_000, what: 'the floor to halt the bot' },
    );
    expect(halted.halt?.reason).toBe('drawdown');
    expect(halted.role).toBe('active');
    expect(await floored.metric('mm_halted')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mm.call('orders.open', {})).toEqual([]);
    await floored.process.stop('SIGTERM');
    running.splice(running.indexOf(floored), 1);

    // The halt outlives the process: a new bot without the floor stays halted until resumed.
    const next = await bot();
    await next.untilRole('active');
    expect((await next.health()).halted).toBe(true);
    expect((await fetch(`${next.opsUrl}/resume`, { method: 'POST' })).status).toBe(200);
    await grid(mm, 'BTC-PERP');

    // An operator's halt: everything canceled at once, quoting stays off, resume brings it back.
    expect((await fetch(`${next.opsUrl}/halt`, { method: 'POST' })).status).toBe(200);
    await grid(mm, 'BTC-PERP', 0);
    await grid(mm, 'ETH-PERP', 0);
    expect((await next.health()).halt?.reason).toBe('operator');
    await fetch(`${next.opsUrl}/resume`, { method: 'POST' });
    await grid(mm, 'ETH-PERP');
  });

  it('a gateway restart mid-quoting ends with one grid: no duplicate and no orphan order', async () => {
    // A reference that stands still: every request after the restart is the restart's doing.
    await setFeed(await btcMark());
    const first = await startExtraGateway(stack);
    const started = await chainlinkBot({ MARKET_MAKER_REFERENCE_STALE_MS: '600000' }, first.url);
    await grid(mm, 'BTC-PERP');
    const before = await settledRequests(started);
    // Drained: the bot's socket closes, and it reconnects to the gateway that comes back.
    expect(await first.process.stop('SIGTERM')).toBe(0);
    const second = await startExtraGateway(stack, { port: first.port });
    try {
      await started.process.untilOutput('gateway connection back', 30_000);
      const { open } = await grid(mm, 'BTC-PERP');
      const after = await settledRequests(started);
      // One order per level, each the bot's and known to it; whatever was re-placed replaced a
      // canceled one (placed = canceled + what the platform had canceled).
      const levels = open.map((o) => {
        expect(parseQuoteClientOrderId('mm', o.clientOrderId), o.clientOrderId).toBeDefined();
        return `${o.side}/${o.price}`;
      });
      expect(new Set(levels).size).toBe(10);
      expect(new Set(open.map((o) => o.clientOrderId)).size).toBe(10);
      expect((await started.health()).symbols[0]?.restingOrders).toBe(10);
      expect(after.placed - before.placed).toBeLessThanOrEqual(10);
      expect(await started.metric('mm_order_request_errors_total')).toBe(0);
      // Nothing else of the account rests anywhere (no orphan on another symbol either).
      expect(await mm.call('orders.open', {})).toHaveLength(10);
    } finally {
      await started.process.stop('SIGTERM');
      running.splice(running.indexOf(started), 1);
      await second.process.stop('SIGTERM');
    }
  });

  it('at the margin utilisation cap only the reducing side is quoted', async () => {
    const started = await bot({
      MARKET_MAKER_SYMBOLS: 'ETH-PERP',
      MARKET_MAKER_MAX_MARGIN_UTILIZATION: '0.000001',
    });
    await grid(mm, 'ETH-PERP');
    // The trader buys: the bot is short, its maintenance margin above a millionth of its equity.
    await alice.call('order.place', {
      clientOrderId: `cap-${Date.now()}`,
      symbol: 'ETH-PERP',
      side: 'buy',
      type: 'market',
      quantity: '0.1',
    });
    await grid(mm, 'ETH-PERP', 5, 0);
    expect((await started.health()).symbols[0]?.withheld).toBe('margin_utilization');
  });

  it('at the position limit only the reducing side is quoted', async () => {
    const started = await bot({
      MARKET_MAKER_SYMBOLS: 'BTC-PERP',
      MARKET_MAKER_MAX_POSITION_BTC_PERP: '0.02',
    });
    // Both sides, the asks only as deep as the room to the limit (0.02 of a 0.034 ladder).
    await sidesQuoted('BTC-PERP', (bids, asks) => bids > 0 && asks > 0);
    // Bought up to the limit: a requote between the book read and the order can leave the asks
    // shallower for a moment (a partial fill), so the rest is bought until the bot is at -0.02.
    // The bot never quotes asks beyond its room, so this cannot overshoot.
    await waitFor(
      async () => {
        const position = (await started.health()).symbols[0]?.position ?? '0';
        const room = Decimal.parse('0.02').add(Decimal.parse(position));
        if (!room.isPositive()) return true;
        await alice.call('order.place', {
          clientOrderId: `limit-${Date.now()}`,
          symbol: 'BTC-PERP',
          side: 'buy',
          type: 'market',
          quantity: room.toString(),
        });
        return undefined;
      },
      { timeoutMs: 15_000, intervalMs: 500, what: 'the bot short 0.02' },
    );
    // Short at the limit: no asks, and bids for the whole ladder (the room to buy is 0.04).
    await sidesQuoted('BTC-PERP', (bids, asks) => bids === 5 && asks === 0);
    const status = await waitFor(
      async () => {
        const current = (await started.health()).symbols[0];
        return current?.withheld === 'max_position' ? current : undefined;
      },
      { timeoutMs: 5_000, what: 'the quoter to say max_position' },
    );
    expect(status.position).toBe('-0.02');
  });
});
