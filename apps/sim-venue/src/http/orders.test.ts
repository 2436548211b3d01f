import { SimOrderEvent } from '@perp/venue-adapter';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, cancel, limitOrder, place } from '../test-support/http-calls.ts';
import {
  newDataDir,
  removeDataDir,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';
import { StreamClient } from '../test-support/stream-client.ts';

let venue: RunningSimVenue;
let stream: StreamClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = await newDataDir();
  venue = await startSimVenue({ dataDir, makerFeeRate: '0.0002', takerFeeRate: '0.0005' });
});
afterEach(async () => {
  await stream?.close();
});
afterAll(async () => {
  await venue.close();
  await removeDataDir(dataDir);
});

/** A stream from the venue's current end, so a test sees only its own events. */
async function streamFromNow(): Promise<StreamClient> {
  const from = venue.app.venue.lastEventSeq;
  stream = await StreamClient.open(venue.url, `/v1/stream?since=${from}`);
  await stream.waitFor((m) => m['type'] === 'welcome');
  return stream;
}

function newEvents(count: number): Promise<Record<string, unknown>[]> {
  return stream
    .waitFor((m) => m['type'] === 'order', count)
    .then((found) => {
      const events = found.map((m) => m['event'] as Record<string, unknown>);
      for (const event of events) expect(SimOrderEvent.safeParse(event).success).toBe(true);
      return events;
    });
}

describe('placing orders', () => {
  it('answers 202 accepted and streams accepted, then both fills of a cross with exact fees', async () => {
    await streamFromNow();
    const maker = limitOrder({
      accountId: 'alice',
      orderId: 'm-1',
      side: 'sell',
      price: '60000.5',
    });
    const taker = limitOrder({
      accountId: 'bob',
      orderId: 't-1',
      side: 'buy',
      price: '60001',
      quantity: '0.003',
    });
    const makerAnswer = await place(venue.url, maker);
    expect(makerAnswer).toEqual({
      status: 202,
      body: {
        accountId: 'alice',
        orderId: 'm-1',
        status: 'accepted',
        venueOrderId: expect.any(String),
        ts: expect.any(Number),
      },
    });
    // A taker that trades at once is accepted too: its fills follow on the stream.
    const takerAnswer = await place(venue.url, taker);
    expect(takerAnswer).toMatchObject({ status: 202, body: { status: 'accepted' } });

    const [accepted, takerAccepted, makerFill, takerFill] = await newEvents(4);
    // The answer is the streamed accepted event's: same venue order id, same time.
    expect(makerAnswer.body).toMatchObject({
      venueOrderId: accepted?.['venueOrderId'],
      ts: accepted?.['ts'],
    });
    expect(takerAnswer.body).toMatchObject({ venueOrderId: takerAccepted?.['venueOrderId'] });
    expect(accepted).toMatchObject({
      kind: 'accepted',
      accountId: 'alice',
      orderId: 'm-1',
      symbol: 'BTC-PERP',
      side: 'sell',
      price: '60000.5',
      quantity: '0.01',
    });
    expect(takerAccepted).toMatchObject({ kind: 'accepted', orderId: 't-1' });
    // 60000.5 x 0.003 = 180.0015; maker 0.02 % and taker 0.05 % of it, exactly.
    expect(makerFill).toMatchObject({
      kind: 'fill',
      orderId: 'm-1',
      liquidity: 'maker',
      price: '60000.5',
      quantity: '0.003',
      fee: '0.0360003',
      filledQuantity: '0.003',
      remainingQuantity: '0.007',
    });
    expect(takerFill).toMatchObject({
      kind: 'fill',
      orderId: 't-1',
      liquidity: 'taker',
      fee: '0.09000075',
      tradeId: makerFill?.['tradeId'],
      filledQuantity: '0.003',
      remainingQuantity: '0',
    });
    const seqs = [accepted, takerAccepted, makerFill, takerFill].map((e) => e?.['eventSeq']);
    const first = seqs[0] as number;
    expect(seqs).toEqual([first, first + 1, first + 2, first + 3]);

    expect((await call(venue.url, 'GET', '/v1/orders/alice/m-1')).body).toMatchObject({
      status: 'open',
      filledQuantity: '0.003',
      venueOrderId: accepted?.['venueOrderId'],
    });
    expect((await call(venue.url, 'GET', '/v1/orders/bob/t-1')).body).toMatchObject({
      status: 'filled',
      filledQuantity: '0.003',
    });
  });

  it('is idempotent on (accountId, orderId): a repeat answers received and changes nothing', async () => {
    await streamFromNow();
    const order = limitOrder({ accountId: 'carol', orderId: 'same-1', price: '50000' });
    const first = await place(venue.url, order);
    expect(first).toMatchObject({ status: 202, body: { status: 'accepted' } });
    await newEvents(1);
    const before = venue.app.venue.lastEventSeq;
    const again = await place(venue.url, order);
    const changed = await place(venue.url, { ...order, price: '50001' });
    const received = {
      status: 202,
      body: { accountId: 'carol', orderId: 'same-1', status: 'received' },
    };
    expect(again).toEqual(received);
    expect(changed).toEqual(received);
    expect(venue.app.venue.lastEventSeq).toBe(before);
    // The same order id under another account is another order.
    expect(await place(venue.url, { ...order, accountId: 'dave' })).toMatchObject({
      status: 202,
      body: { accountId: 'dave', orderId: 'same-1', status: 'accepted' },
    });
    const events = await newEvents(2);
    // The repeats streamed nothing: carol's accepted, then dave's.
    expect(events.map((e) => [e['kind'], e['accountId']])).toEqual([
      ['accepted', 'carol'],
      ['accepted', 'dave'],
    ]);
    expect(events[1]).toMatchObject({ kind: 'accepted', accountId: 'dave', orderId: 'same-1' });
    const book = (await call(venue.url, 'GET', '/v1/book/BTC-PERP?depth=50')).body as {
      bids: [string, string][];
    };
    expect(book.bids).toContainEqual(['50000', '0.02']);
  });

  it('rejects what it can identify but not accept: in its answer and on the stream', async () => {
    await streamFromNow();
    const answers = [
      await place(venue.url, limitOrder({ orderId: 'tick-1', price: '60000.25' })),
      await place(venue.url, limitOrder({ orderId: 'lot-1', quantity: '0.0005' })),
      await place(venue.url, limitOrder({ orderId: 'sym-1', symbol: 'DOGE-PERP' })),
      await place(venue.url, limitOrder({ orderId: 'price-1', price: 'abc' })),
      await place(venue.url, limitOrder({ orderId: 'price-2', price: null })),
      await place(venue.url, limitOrder({ orderId: 'qty-1', quantity: '0' })),
      await place(venue.url, limitOrder({ orderId: 'po-1', postOnly: true, timeInForce: 'ioc' })),
    ];
    const events = await newEvents(7);
    expect(answers.map((a) => a.status)).toEqual(Array(7).fill(202));
    expect(answers.map((a) => a.body)).toEqual(
      events.map((e) => ({
        accountId: 'acc-1',
        orderId: e['orderId'],
        status: 'rejected',
        reason: e['reason'],
        ts: e['ts'],
      })),
    );
    expect(events.map((e) => [e['orderId'], e['kind'], e['reason']])).toEqual([
      ['tick-1', 'rejected', 'TICK_SIZE'],
      ['lot-1', 'rejected', 'LOT_SIZE'],
      ['sym-1', 'rejected', 'UNKNOWN_SYMBOL'],
      ['price-1', 'rejected', 'INVALID_PRICE'],
      ['price-2', 'rejected', 'INVALID_PRICE'],
      ['qty-1', 'rejected', 'INVALID_QUANTITY'],
      ['po-1', 'rejected', 'INVALID_POST_ONLY'],
    ]);
    expect((await call(venue.url, 'GET', '/v1/orders/acc-1/tick-1')).body).toMatchObject({
      status: 'rejected',
      venueOrderId: null,
      reason: 'TICK_SIZE',
    });
  });

  it('rejects a post-only order that would cross, and expires an IOC remainder', async () => {
    await streamFromNow();
    const askAnswer = await place(
      venue.url,
      limitOrder({
        accountId: 'erin',
        orderId: 'ask-1',
        symbol: 'ETH-PERP',
        side: 'sell',
        price: '3000',
      }),
    );
    const postOnlyAnswer = await place(
      venue.url,
      limitOrder({
        accountId: 'frank',
        orderId: 'po-bid',
        symbol: 'ETH-PERP',
        price: '3000',
        postOnly: true,
      }),
    );
    const iocAnswer = await place(
      venue.url,
      limitOrder({
        accountId: 'frank',
        orderId: 'ioc-bid',
        symbol: 'ETH-PERP',
        price: '3000',
        quantity: '0.05',
        timeInForce: 'ioc',
      }),
    );
    const events = await newEvents(6);
    expect(events.map((e) => [e['orderId'], e['kind'], e['reason'] ?? e['liquidity']])).toEqual([
      ['ask-1', 'accepted', undefined],
      ['po-bid', 'rejected', 'POST_ONLY_WOULD_CROSS'],
      ['ioc-bid', 'accepted', undefined],
      ['ask-1', 'fill', 'maker'],
      ['ioc-bid', 'fill', 'taker'],
      ['ioc-bid', 'expired', 'IOC_REMAINDER'],
    ]);
    expect(events[5]).toMatchObject({ filledQuantity: '0.01', remainingQuantity: '0.04' });
    expect(askAnswer.body).toMatchObject({ status: 'accepted' });
    expect(postOnlyAnswer).toEqual({
      status: 202,
      body: {
        accountId: 'frank',
        orderId: 'po-bid',
        status: 'rejected',
        reason: 'POST_ONLY_WOULD_CROSS',
        ts: events[1]?.['ts'],
      },
    });
    // Accepted, then filled in part and expired: the answer is the order's first event only.
    expect(iocAnswer.body).toMatchObject({
      status: 'accepted',
      venueOrderId: events[2]?.['venueOrderId'],
    });
  });

  it('cancels by self-trade prevention when an account crosses its own order', async () => {
    await streamFromNow();
    const own = { accountId: 'gina', symbol: 'ETH-PERP' };
    await place(venue.url, limitOrder({ ...own, orderId: 'own-ask', side: 'sell', price: '3100' }));
    const bidAnswer = await place(
      venue.url,
      limitOrder({ ...own, orderId: 'own-bid', price: '3100' }),
    );
    const events = await newEvents(3);
    // The new order is accepted; the resting one it would have traded with is canceled.
    expect(bidAnswer.body).toMatchObject({
      status: 'accepted',
      venueOrderId: events[1]?.['venueOrderId'],
    });
    expect(events.map((e) => [e['orderId'], e['kind'], e['reason']])).toEqual([
      ['own-ask', 'accepted', undefined],
      ['own-bid', 'accepted', undefined],
      ['own-ask', 'canceled', 'SELF_TRADE_PREVENTION'],
    ]);
  });
});

describe('canceling orders', () => {
  it('cancels an open order, then refuses to cancel it again or one it never saw', async () => {
    await streamFromNow();
    await place(venue.url, limitOrder({ accountId: 'hank', orderId: 'c-1', price: '40000' }));
    const canceled = await cancel(venue.url, 'hank', 'c-1');
    expect(canceled).toEqual({
      status: 202,
      body: {
        accountId: 'hank',
        orderId: 'c-1',
        status: 'canceled',
        venueOrderId: expect.any(String),
        ts: expect.any(Number),
      },
    });
    // Refusals answer cancel_requested: the cancel_rejected is on the stream.
    expect(await cancel(venue.url, 'hank', 'c-1')).toEqual({
      status: 202,
      body: { accountId: 'hank', orderId: 'c-1', status: 'cancel_requested' },
    });
    expect(await cancel(venue.url, 'hank', 'never-placed', 'BTC-PERP')).toEqual({
      status: 202,
      body: { accountId: 'hank', orderId: 'never-placed', status: 'cancel_requested' },
    });
    // Another account's order is unknown to the caller.
    expect((await cancel(venue.url, 'ivy', 'c-1')).body).toMatchObject({
      status: 'cancel_requested',
    });
    const events = await newEvents(5);
    expect(canceled.body).toMatchObject({
      venueOrderId: events[0]?.['venueOrderId'],
      ts: events[1]?.['ts'],
    });
    expect(events.map((e) => [e['kind'], e['reason'], e['symbol']])).toEqual([
      ['accepted', undefined, 'BTC-PERP'],
      ['canceled', 'USER_CANCELED', 'BTC-PERP'],
      ['cancel_rejected', 'ORDER_NOT_OPEN', 'BTC-PERP'],
      ['cancel_rejected', 'UNKNOWN_ORDER', 'BTC-PERP'],
      ['cancel_rejected', 'UNKNOWN_ORDER', null],
    ]);
    expect(events[1]).toMatchObject({ filledQuantity: '0', remainingQuantity: '0.01' });
    expect(events[2]?.['venueOrderId']).toBe(events[0]?.['venueOrderId']);
    expect((await call(venue.url, 'GET', '/v1/orders/hank/c-1')).body).toMatchObject({
      status: 'canceled',
      reason: 'USER_CANCELED',
    });
  });

  it('answers cancel_requested for a filled order and streams cancel_rejected', async () => {
    await streamFromNow();
    // Above gina's bid at 3100, the only ETH order left resting: kate's buy meets jack's sell.
    const at = { symbol: 'ETH-PERP', price: '3200' };
    await place(venue.url, limitOrder({ ...at, accountId: 'jack', orderId: 'f-1', side: 'sell' }));
    await place(venue.url, limitOrder({ ...at, accountId: 'kate', orderId: 'f-2' }));
    expect(await cancel(venue.url, 'jack', 'f-1')).toEqual({
      status: 202,
      body: { accountId: 'jack', orderId: 'f-1', status: 'cancel_requested' },
    });
    const events = await newEvents(5);
    expect(
      events.map((e) => [e['orderId'], e['kind'], e['reason'] ?? e['remainingQuantity']]),
    ).toEqual([
      ['f-1', 'accepted', undefined],
      ['f-2', 'accepted', undefined],
      ['f-1', 'fill', '0'],
      ['f-2', 'fill', '0'],
      ['f-1', 'cancel_rejected', 'ORDER_NOT_OPEN'],
    ]);
  });
});

describe('malformed requests', () => {
  it('answers 400 {code, message} to what it cannot identify, and writes nothing', async () => {
    const before = venue.app.venue.lastEventSeq;
    const cases: unknown[] = [
      '{"accountId": ',
      [],
      { ...limitOrder(), orderId: undefined },
      { ...limitOrder(), accountId: 'has space' },
      { ...limitOrder(), orderId: 'x'.repeat(65) },
      { ...limitOrder(), quantity: 0.01 },
      { ...limitOrder(), side: 'long' },
      { ...limitOrder(), postOnly: 'no' },
      { ...limitOrder(), symbol: 'btc' },
    ];
    for (const body of cases) {
      const answer = await call(venue.url, 'POST', '/v1/orders', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await call(venue.url, 'POST', '/v1/orders', '{"a":')).body).toMatchObject({
      code: 'INVALID_JSON',
    });
    expect((await call(venue.url, 'DELETE', '/v1/orders/acc-1/bad%20id')).status).toBe(400);
    expect((await call(venue.url, 'GET', '/v1/orders/acc-1/unknown')).body).toEqual({
      code: 'UNKNOWN_ORDER',
      message: expect.any(String),
    });
    for (const query of [
      '',
      '?since=-1',
      '?since=abc',
      '?since=0&limit=0',
      '?since=0&limit=1001',
    ]) {
      expect((await call(venue.url, 'GET', `/v1/fills${query}`)).body, query).toMatchObject({
        code: 'INVALID_REQUEST',
      });
    }
    expect(venue.app.venue.lastEventSeq).toBe(before);
  });
});
