import {
  BookNotification,
  TickerNotification,
  TradesNotification,
  subscriptionNotification,
  type BookChannelData,
  type PublicTrade,
  type Ticker,
} from '@perp/contracts';
import type { SimBook } from '@perp/venue-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketDataRelay, type MarketDataRelayOptions } from './index.ts';
import {
  limitOrder,
  startSimVenueProcess,
  type SimVenueProcess,
} from './test-support/sim-venue.ts';

// The relay against a real sim-venue process; orders placed through its REST API make the book
// and trades move.

const BOOK = 'book.BTC-PERP';
let venue: SimVenueProcess;
const relays: MarketDataRelay[] = [];

beforeAll(async () => {
  venue = await startSimVenueProcess();
});
afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  await venue?.dispose();
});

async function startRelay(options: Partial<MarketDataRelayOptions> = {}) {
  const relay = new MarketDataRelay({
    baseUrl: venue.url,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    ...options,
  });
  relays.push(relay);
  relay.start();
  await expect.poll(() => relay.connected).toBe(true);
  return relay;
}

const seqOf = (data: BookChannelData) => ('snapshot' in data ? data.book.seq : data.seq);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks contiguity and applies the messages from the last snapshot on; levels by price. */
function rebuild(messages: readonly BookChannelData[]) {
  let bids = new Map<string, string>();
  let asks = new Map<string, string>();
  let seq = -1;
  for (const data of messages) {
    BookNotification.parse(subscriptionNotification(BOOK, data));
    if ('snapshot' in data) {
      bids = new Map(data.book.bids);
      asks = new Map(data.book.asks);
      seq = data.book.seq;
      continue;
    }
    expect(seq, 'updates come after a snapshot').toBeGreaterThanOrEqual(0);
    expect(data.seq, 'each update continues the previous one').toBe(seq + 1);
    seq = data.seq;
    for (const [side, changes] of [
      [bids, data.bids],
      [asks, data.asks],
    ] as const) {
      for (const [price, quantity] of changes) {
        if (Number(quantity) === 0) side.delete(price);
        else side.set(price, quantity);
      }
    }
  }
  return { bids, asks, seq };
}

const levels = (book: SimBook) => ({
  bids: new Map(book.bids),
  asks: new Map(book.asks),
  seq: book.seq,
});

/** Waits until the relay's messages have reached the venue's current book. */
async function caughtUp(messages: readonly BookChannelData[]) {
  const current = await venue.book('BTC-PERP');
  const last = () => messages.at(-1);
  await expect
    .poll(() => {
      const m = last();
      return m && seqOf(m);
    })
    .toBe(current.seq);
  expect(rebuild(messages)).toEqual(levels(current));
}

describe('MarketDataRelay against the sim-venue', () => {
  it('book: a snapshot first, then updates with contiguous seq that rebuild the venue’s book', async () => {
    await venue.client.placeOrder(limitOrder('buy', '59990', '0.1'));
    await venue.client.placeOrder(limitOrder('sell', '60010', '0.2'));
    const relay = await startRelay();
    const messages: BookChannelData[] = [];
    relay.subscribe(BOOK, (data) => messages.push(data));
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatchObject({ snapshot: true });
    await caughtUp(messages);

    await venue.client.placeOrder(limitOrder('buy', '59980', '0.3'));
    await venue.client.placeOrder(limitOrder('buy', '59990', '0.05'));
    await venue.client.placeOrder(limitOrder('sell', '60020', '0.4'));
    // A taker of another account crosses: levels shrink and vanish.
    await venue.client.placeOrder(
      limitOrder('sell', '59990', '0.12', { accountId: 'taker', timeInForce: 'ioc' }),
    );
    await venue.client.placeOrder(
      limitOrder('buy', '60010', '0.2', { accountId: 'taker', timeInForce: 'ioc' }),
    );
    await caughtUp(messages);
    expect(messages.filter((m) => 'snapshot' in m)).toHaveLength(1);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    await relay.stop();
  });

  it('two subscribers share one upstream subscription; a late one starts from the current book', async () => {
    const relay = await startRelay();
    const first: BookChannelData[] = [];
    const tradesA: PublicTrade[] = [];
    const tradesB: PublicTrade[] = [];
    relay.subscribe(BOOK, (data) => first.push(data));
    relay.subscribe('trades.BTC-PERP', (trade) => tradesA.push(trade));
    relay.subscribe('trades.BTC-PERP', (trade) => tradesB.push(trade));
    await expect.poll(() => first.length).toBe(1);
    expect(relay.upstreamChannels().sort()).toEqual([BOOK, 'trades.BTC-PERP']);
    expect(relay.subscriptionCount).toBe(3);
    expect(await venue.streamConnections()).toBe(1);

    await venue.client.placeOrder(limitOrder('sell', '60030', '0.5'));
    await venue.client.placeOrder(
      limitOrder('buy', '60030', '0.2', { accountId: 'taker', timeInForce: 'ioc' }),
    );
    await expect.poll(() => tradesB.length).toBeGreaterThanOrEqual(1);
    expect(tradesA).toEqual(tradesB);
    expect(tradesA.at(-1)).toMatchObject({ symbol: 'BTC-PERP', quantity: '0.2', takerSide: 'buy' });
    for (const trade of tradesA) {
      TradesNotification.parse(subscriptionNotification('trades.BTC-PERP', trade));
    }
    await caughtUp(first);

    const late: BookChannelData[] = [];
    relay.subscribe(BOOK, (data) => late.push(data));
    await expect.poll(() => late.length).toBe(1);
    expect(rebuild(late)).toEqual(rebuild(first));
    await venue.client.placeOrder(limitOrder('buy', '59970', '0.7'));
    await caughtUp(late);
    expect(late.slice(1)).toEqual(first.slice(-(late.length - 1)));
    expect(relay.upstreamChannels().filter((c) => c === BOOK)).toHaveLength(1);
    expect(await venue.streamConnections()).toBe(1);
    await relay.stop();
  });

  it('ticker: at most one per interval per subscriber, the latest one last', async () => {
    const relay = await startRelay({ tickerIntervalMs: 300 });
    const received: { at: number; ticker: Ticker }[] = [];
    const subscription = relay.subscribe('ticker.BTC-PERP', (ticker) =>
      received.push({ at: Date.now(), ticker }),
    );
    await expect.poll(() => received.length).toBe(1);
    // The best bid rises with each order (the best ask is 60020); the venue samples its ticker
    // every 100 ms.
    for (let i = 1; i <= 29; i += 1) {
      await venue.client.placeOrder(limitOrder('buy', String(59_990 + i), '0.001'));
      await sleep(40);
    }
    await expect.poll(() => received.at(-1)?.ticker.bestBidPrice, { timeout: 2_000 }).toBe('60019');
    await sleep(400);
    expect(received.at(-1)?.ticker).toMatchObject({ bestBidPrice: '60019', bestAskPrice: '60020' });
    const intervals = received.slice(1).map((r, i) => r.at - (received[i]?.at ?? Number.NaN));
    expect(Math.min(...intervals)).toBeGreaterThanOrEqual(295);
    expect(received.length).toBeGreaterThanOrEqual(3);
    for (const { ticker } of received) {
      TickerNotification.parse(subscriptionNotification('ticker.BTC-PERP', ticker));
    }
    subscription.unsubscribe();
    await expect.poll(() => relay.upstreamChannels()).toEqual([]);
    await relay.stop();
  });

  it('after the venue restarts, subscribers get a fresh snapshot and contiguous updates again', async () => {
    const relay = await startRelay();
    const messages: BookChannelData[] = [];
    const trades: PublicTrade[] = [];
    relay.subscribe(BOOK, (data) => messages.push(data));
    relay.subscribe('trades.BTC-PERP', (trade) => trades.push(trade));
    await expect.poll(() => messages.length).toBe(1);

    await venue.kill();
    await expect.poll(() => relay.connected).toBe(false);
    await venue.restart();
    await expect.poll(() => relay.connected, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toMatchObject({ snapshot: true });
    await caughtUp(messages);

    await venue.client.placeOrder(limitOrder('sell', '60040', '0.3'));
    await venue.client.placeOrder(
      limitOrder('buy', '60040', '0.1', { accountId: 'taker', timeInForce: 'ioc' }),
    );
    await caughtUp(messages);
    await expect.poll(() => trades.at(-1)).toMatchObject({ quantity: '0.1', takerSide: 'buy' });
    expect(relay.upstreamChannels().sort()).toEqual([BOOK, 'trades.BTC-PERP']);
  });
});
