import { Decimal } from '@perp/decimal';
import {
  runNodeProgram,
  ENTRY_POINTS,
  startLocalStack,
  stopAllProcesses,
  type LocalStack,
} from '@perp/local-stack';
import { TraderClient } from '@perp/trader-client';
import { waitFor, waitUntil } from '@perp/test-services';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clearOrders, grid as gridOf } from './test-support/bot-orders.ts';
import { startMarketMaker, type MarketMakerProcess } from './test-support/market-maker-process.ts';

// The real platform (npm start on its own ports) and the bot as its own process, on account mm.
let stack: LocalStack;
let mm: TraderClient;
let alice: TraderClient;
const running: MarketMakerProcess[] = [];

beforeAll(async () => {
  stack = await startLocalStack();
  mm = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('mm', 'viewer') });
  alice = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('alice') });
}, 120_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.process.stop('SIGTERM')));
  // Every test starts from a book without the bot's orders.
  const trader = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('mm') });
  await clearOrders(trader, mm);
  await trader.close();
}, 60_000);

afterAll(async () => {
  await mm?.close();
  await alice?.close();
  await stopAllProcesses('SIGTERM');
  await stack?.stop();
}, 60_000);

async function bot(env: Record<string, string> = {}): Promise<MarketMakerProcess> {
  const started = await startMarketMaker(stack, env);
  running.push(started);
  return started;
}

const grid = (symbol: string) => gridOf(mm, symbol);

describe('market maker against the local stack', () => {
  it('quotes a two-sided grid on every symbol, on tick and lot, inside its spread rules', async () => {
    const started = await bot({ MARKET_MAKER_MIN_SPREAD_BPS: '20' });
    expect((await started.untilRole('active')).role).toBe('active');
    const instruments = await alice.call('public.instruments');
    for (const symbol of ['BTC-PERP', 'ETH-PERP']) {
      const { bids, asks } = await grid(symbol);
      const instrument = instruments.find((i) => i.symbol === symbol);
      const tick = Decimal.parse(instrument?.tickSize ?? '1');
      const lot = Decimal.parse(instrument?.lotSize ?? '1');
      const bestBid = bids.map((o) => Decimal.parse(o.price ?? '0')).reduce((a, b) => a.max(b));
      const bestAsk = asks.map((o) => Decimal.parse(o.price ?? '0')).reduce((a, b) => a.min(b));
      expect(bestBid.lt(bestAsk)).toBe(true);
      // At least the minimum spread (20 bps of the reference, which lies between them).
      expect(
        bestAsk
          .sub(bestBid)
          .gte(bestBid.mulDiv(Decimal.fromInt(20), Decimal.fromInt(10_000), 'down')),
      ).toBe(true);
      for (const order of [...bids, ...asks]) {
        expect(Decimal.parse(order.price ?? '0').isMultipleOf(tick)).toBe(true);
        expect(Decimal.parse(order.quantity).isMultipleOf(lot)).toBe(true);
        expect(order.postOnly).toBe(true);
        expect(order.clientOrderId).toMatch(new RegExp(`^mm-${symbol}-[bs][0-4]-`));
      }
    }
    const health = await started.health();
    expect(health.symbols.map((s) => [s.symbol, s.quoting])).toEqual([
      ['BTC-PERP', true],
      ['ETH-PERP', true],
    ]);
    expect(await started.metric('mm_quotes_placed_total')).toBeGreaterThanOrEqual(20);
    expect(await started.metric('mm_lease_active')).toBe(1);
  });

  it('a trader’s market order fills against the grid, and the next quotes skew against the position', async () => {
    // A strong risk aversion, so the venue's small index steps make a skew of several ticks.
    const started = await bot({ MARKET_MAKER_RISK_AVERSION: '1' });
    await grid('BTC-PERP');
    const flat = (await started.health()).symbols.find((s) => s.symbol === 'BTC-PERP');
    // Flat: the grid is centred on the reference itself.
    expect(flat?.position).toBe('0');
    expect(flat?.reservation).toBe(flat?.reference);
    await alice.call('order.place', {
      clientOrderId: `take-${Date.now()}`,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'market',
      quantity: '0.005',
    });
    const position = await waitFor(
      async () => {
        const positions = await mm.call('positions.list');
        const btc = positions.find((p) => p.symbol === 'BTC-PERP');
        return btc && Decimal.parse(btc.quantity).isNegative() ? btc : undefined;
      },
      { timeoutMs: 15_000, what: 'mm short after the trader bought' },
    );
    expect(position.quantity).toBe('-0.005');
    await waitUntil(
      async () => (await started.metric('mm_fills_total', { symbol: 'BTC-PERP' })) >= 1,
      {
        timeoutMs: 10_000,
        what: 'the fill counted',
      },
    );
    // The filled level comes back after the fill delay: the grid is whole again.
    await grid('BTC-PERP');
    // Short: the reservation price sits above the reference, so the bids lean in to buy back.
    const skewed = await waitFor(
      async () => {
        const status = (await started.health()).symbols.find((s) => s.symbol === 'BTC-PERP');
        return status?.position === '-0.005' && status.reservation && status.reference
          ? status
          : undefined;
      },
      { timeoutMs: 10_000, what: 'the quoter to see the position' },
    );
    expect(
      Decimal.parse(skewed.reservation ?? '0').gt(Decimal.parse(skewed.reference ?? '0')),
    ).toBe(true);
  });

  it('SIGTERM cancels every order, hands the lease back and exits 0', async () => {
    const started = await bot();
    await grid('BTC-PERP');
    await grid('ETH-PERP');
    const exit = await started.process.stop('SIGTERM');
    expect(exit).toBe(0);
    expect(started.process.output()).toContain('orders canceled');
    // No order is left: they were canceled before it exited, not by the gateway afterwards.
    const open = await mm.call('orders.open', {});
    expect(open.filter((o) => o.status !== 'pending_cancel')).toEqual([]);
    const redis = new Redis(stack.redis.url);
    try {
      expect(await redis.exists(`${stack.redis.keyPrefix}lease:{market-maker}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('two instances quote as one; after SIGKILL of the active the standby quotes within 10 s', async () => {
    const first = await bot();
    await first.untilRole('active');
    await grid('BTC-PERP');
    const second = await bot();
    expect((await second.untilRole('standby')).role).toBe('standby');
    // One grid, not two: the standby sends nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // At most one grid (fewer while a requote is under way), never two.
    expect((await mm.call('orders.open', { symbol: 'BTC-PERP' })).length).toBeLessThanOrEqual(10);
    expect(await second.metric('mm_quotes_placed_total')).toBe(0);
    const firstIds = new Set((await mm.call('orders.open', {})).map((o) => o.clientOrderId));

    const killedAt = Date.now();
    first.process.child.kill('SIGKILL');
    await second.untilRole('active', 10_000);
    const { open } = await grid('BTC-PERP');
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(15_000);
    // Cancel-on-disconnect took the dead one's orders; what rests now is the new active's.
    expect(open.filter((o) => firstIds.has(o.clientOrderId))).toEqual([]);
  });

  it('cancels, when it starts, an order of its account that it did not place', async () => {
    const trader = await TraderClient.connect({ url: stack.wsUrl, token: await stack.token('mm') });
    await trader.call('order.place', {
      clientOrderId: 'manual-1',
      symbol: 'ETH-PERP',
      side: 'buy',
      type: 'limit',
      // Inside the price band, below the bot's bids.
      price: '2900',
      quantity: '0.1',
    });
    // On the book (accepted), not only queued.
    await waitUntil(
      async () =>
        (await mm.call('orders.open', { symbol: 'ETH-PERP' })).some(
          (o) => o.clientOrderId === 'manual-1' && o.status === 'accepted',
        ),
      { timeoutMs: 20_000, what: 'manual-1 on the book' },
    );
    await trader.close();
    const started = await bot();
    await grid('ETH-PERP');
    await waitUntil(
      async () =>
        !(await mm.call('orders.open', { symbol: 'ETH-PERP' })).some(
          (o) => o.clientOrderId === 'manual-1',
        ),
      { timeoutMs: 15_000, what: 'manual-1 canceled' },
    );
    expect(started.process.output()).toContain('canceling an order the bot did not place');
  });

  it('dry run computes and logs quotes, and sends nothing', async () => {
    const started = await bot({ MARKET_MAKER_DRY_RUN: 'true' });
    await started.process.untilOutput('dry run: requote not sent', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mm.call('orders.open', {})).toEqual([]);
    expect(await started.metric('mm_quotes_placed_total')).toBe(0);
  });

  it('a wrong value stops start-up with exit code 78 naming the variable', async () => {
    const run = await runNodeProgram(ENTRY_POINTS.marketMaker, [], {
      env: {
        MARKET_MAKER_GATEWAY_URL: stack.wsUrl,
        MARKET_MAKER_TOKEN: 'not-logged',
        REDIS_URL: stack.redis.url,
        MARKET_MAKER_LEVELS_BTC_PERP: '0',
      },
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('MARKET_MAKER_LEVELS_BTC_PERP must be at least 1');
    expect(run.stderr).not.toContain('not-logged');
  });
});
