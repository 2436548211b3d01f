import { SimBook, SimInstrument, SimMarket, SimPublicMessage } from '@perp/venue-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, limitOrder, place } from '../test-support/http-calls.ts';
import {
  newDataDir,
  removeDataDir,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';
import { StreamClient } from '../test-support/stream-client.ts';

let venue: RunningSimVenue;
let dataDir: string;

beforeAll(async () => {
  dataDir = await newDataDir();
  venue = await startSimVenue({ dataDir, tickerIntervalMs: 100 });
  await place(venue.url, limitOrder({ orderId: 'b-1', price: '59990', quantity: '0.5' }));
  await place(venue.url, limitOrder({ orderId: 'b-2', price: '59980', quantity: '0.25' }));
  await place(venue.url, limitOrder({ orderId: 'b-3', price: '59990', quantity: '0.1' }));
  await place(venue.url, limitOrder({ orderId: 'a-1', side: 'sell', price: '60010' }));
});
afterAll(async () => {
  await venue.close();
  await removeDataDir(dataDir);
});

describe('market data over HTTP', () => {
  it('GET /v1/markets/:symbol: mark = index (the walk, on the tick) and top of book', async () => {
    const { status, body } = await call(venue.url, 'GET', '/v1/markets/BTC-PERP');
    expect(status).toBe(200);
    const market = SimMarket.parse(body);
    expect(market).toMatchObject({
      symbol: 'BTC-PERP',
      markPrice: '60000',
      indexPrice: '60000',
      bestBid: '59990',
      bestAsk: '60010',
    });
    venue.app.index.step();
    const moved = SimMarket.parse((await call(venue.url, 'GET', '/v1/markets/BTC-PERP')).body);
    expect(moved.markPrice).toBe(moved.indexPrice);
    expect(moved.markPrice).not.toBe('60000');
    expect(Number(moved.markPrice) % 0.5).toBe(0);
    expect((await call(venue.url, 'GET', '/v1/markets/DOGE-PERP')).body).toMatchObject({
      code: 'UNKNOWN_SYMBOL',
    });
  });

  it('POST /v1/admin/index-price moves the index (on the tick), and the walk goes on from there', async () => {
    const moved = await call(venue.url, 'POST', '/v1/admin/index-price', {
      symbol: 'BTC-PERP',
      price: '30000.3',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ symbol: 'BTC-PERP', indexPrice: '30000.5' });
    const market = SimMarket.parse((await call(venue.url, 'GET', '/v1/markets/BTC-PERP')).body);
    expect(market).toMatchObject({ markPrice: '30000.5', indexPrice: '30000.5' });
    venue.app.index.step();
    const next = SimMarket.parse((await call(venue.url, 'GET', '/v1/markets/BTC-PERP')).body);
    // One step moves at most the volatility (0.02 % by default) from the new price.
    expect(Math.abs(Number(next.markPrice) - 30000.5)).toBeLessThan(30);
    const bad = [
      [{ symbol: 'BTC-PERP', price: '-1' }, 400, 'INVALID_BODY'],
      [{ symbol: 'BTC-PERP', price: '0' }, 400, 'INVALID_BODY'],
      [{ symbol: 'BTC-PERP', price: 30000 }, 400, 'INVALID_BODY'],
      [{ symbol: 'BTC-PERP', price: '1e5' }, 400, 'INVALID_BODY'],
      [{ symbol: 'BTC-PERP' }, 400, 'INVALID_BODY'],
      [{ symbol: 'DOGE-PERP', price: '1' }, 404, 'UNKNOWN_SYMBOL'],
    ] as const;
    for (const [body, status, code] of bad) {
      const answer = await call(venue.url, 'POST', '/v1/admin/index-price', body);
      expect([answer.status, (answer.body as { code: string }).code]).toEqual([status, code]);
    }
    // Put it back for the tests after this one.
    await call(venue.url, 'POST', '/v1/admin/index-price', { symbol: 'BTC-PERP', price: '60000' });
  });

  it('GET /v1/book/:symbol?depth=N: levels best first with the book seq', async () => {
    const full = SimBook.parse((await call(venue.url, 'GET', '/v1/book/BTC-PERP')).body);
    expect(full.bids).toEqual([
      ['59990', '0.6'],
      ['59980', '0.25'],
    ]);
    expect(full.asks).toEqual([['60010', '0.01']]);
    expect(full.seq).toBe(4);
    const top = SimBook.parse((await call(venue.url, 'GET', '/v1/book/BTC-PERP?depth=1')).body);
    expect(top.bids).toEqual([['59990', '0.6']]);
    expect((await call(venue.url, 'GET', '/v1/book/BTC-PERP?depth=0')).status).toBe(400);
    expect((await call(venue.url, 'GET', '/v1/book/BTC-PERP?depth=x')).body).toMatchObject({
      code: 'INVALID_DEPTH',
    });
    expect((await call(venue.url, 'GET', '/v1/book/NOPE-PERP')).status).toBe(404);
  });

  it('GET /v1/instruments: tick, lot and fee rates', async () => {
    const body = (await call(venue.url, 'GET', '/v1/instruments')).body as unknown[];
    expect(body.map((i) => SimInstrument.parse(i))).toEqual([
      {
        symbol: 'BTC-PERP',
        tickSize: '0.5',
        lotSize: '0.001',
        makerFeeRate: '0.0002',
        takerFeeRate: '0.0005',
      },
      {
        symbol: 'ETH-PERP',
        tickSize: '0.05',
        lotSize: '0.01',
        makerFeeRate: '0.0002',
        takerFeeRate: '0.0005',
      },
    ]);
  });

  it('serves /health, /ready and /metrics', async () => {
    expect((await call(venue.url, 'GET', '/health')).status).toBe(200);
    expect((await call(venue.url, 'GET', '/ready')).body).toMatchObject({ status: 'ready' });
    const metrics = await fetch(`${venue.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('sim_venue_last_event_seq');
  });
});

describe('public market data over WebSocket (/v1/market)', () => {
  it('sends a book snapshot, then updates with the next seq, trades and throttled tickers', async () => {
    const client = await StreamClient.open(venue.url, '/v1/market');
    client.send({
      op: 'subscribe',
      channels: ['book.BTC-PERP', 'trades.BTC-PERP', 'ticker.BTC-PERP'],
    });
    const [snapshot] = await client.waitFor((m) => m['type'] === 'book');
    const book = SimPublicMessage.parse(snapshot);
    expect(book).toMatchObject({ type: 'book', channel: 'book.BTC-PERP', snapshot: true });
    const startSeq = (book.data as { seq: number }).seq;
    expect(client.messages[0]).toEqual({
      type: 'subscribed',
      channels: ['book.BTC-PERP', 'trades.BTC-PERP', 'ticker.BTC-PERP'],
    });

    // Takes the best bid partly: one trade, one book update.
    await place(
      venue.url,
      limitOrder({
        accountId: 'seller',
        orderId: 's-1',
        side: 'sell',
        price: '59990',
        quantity: '0.2',
      }),
    );
    const [update] = await client.waitFor((m) => m['type'] === 'book' && m['snapshot'] === false);
    expect(SimPublicMessage.parse(update)).toMatchObject({
      data: { symbol: 'BTC-PERP', seq: startSeq + 1, bids: [['59990', '0.4']], asks: [] },
    });
    const [trade] = await client.waitFor((m) => m['type'] === 'trade');
    expect(SimPublicMessage.parse(trade).data).toMatchObject({
      symbol: 'BTC-PERP',
      price: '59990',
      quantity: '0.2',
      takerSide: 'sell',
    });
    const tickers = await client.waitFor(
      (m) => m['type'] === 'ticker' && (m['data'] as { lastPrice: unknown }).lastPrice === '59990',
    );
    expect(SimPublicMessage.parse(tickers[0]).data).toMatchObject({
      bestBidPrice: '59990',
      bestBidQuantity: '0.4',
      bestAskPrice: '60010',
    });

    // A burst of ten best-bid changes yields at most one ticker per 100 ms.
    const before = client.messages.filter((m) => m['type'] === 'ticker').length;
    const started = Date.now();
    for (let i = 1; i <= 10; i += 1) {
      const price = String(59990 + i / 2);
      await place(venue.url, limitOrder({ orderId: `burst-${i}`, price, quantity: '0.001' }));
    }
    await new Promise((resolve) => setTimeout(resolve, 350));
    const burst = client.messages.filter((m) => m['type'] === 'ticker').length - before;
    expect(burst).toBeGreaterThanOrEqual(1);
    expect(burst).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 100) + 1);
    // No private events on the public path.
    expect(client.messages.some((m) => m['type'] === 'order' || m['type'] === 'welcome')).toBe(
      false,
    );
    await client.close();
  });

  it('refuses unknown channels and malformed requests, and answers ping', async () => {
    const client = await StreamClient.open(venue.url, '/v1/market');
    client.send({ op: 'subscribe', channels: ['book.NOPE-PERP', 'candles.BTC-PERP'] });
    client.send({ op: 'dance' });
    client.send({ op: 'ping' });
    await client.waitFor((m) => m['type'] === 'pong');
    expect(client.messages.filter((m) => m['type'] === 'error').map((m) => m['code'])).toEqual([
      'UNKNOWN_CHANNEL',
      'UNKNOWN_CHANNEL',
      'INVALID_REQUEST',
    ]);
    expect(client.messages).toContainEqual({ type: 'subscribed', channels: [] });
    await client.close();
  });

  it('refuses upgrades on other paths and a malformed since', async () => {
    await expect(StreamClient.open(venue.url, '/v1/nope')).rejects.toThrow();
    await expect(StreamClient.open(venue.url, '/v1/stream?since=-1')).rejects.toThrow();
    expect((await call(venue.url, 'GET', '/v1/stream')).status).toBe(426);
  });
});
