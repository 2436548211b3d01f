import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, cancel, limitOrder, place } from '../test-support/http-calls.ts';
import {
  newDataDir,
  removeDataDir,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';
import { StreamClient } from '../test-support/stream-client.ts';
import { JOURNAL_FILE } from './journal.ts';

let dataDir: string;
const running: RunningSimVenue[] = [];

beforeEach(async () => {
  dataDir = await newDataDir();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((venue) => venue.close()));
  await removeDataDir(dataDir);
});

async function start(options: { makerFeeRate?: string } = {}): Promise<RunningSimVenue> {
  const venue = await startSimVenue({ dataDir, ...options });
  running.push(venue);
  return venue;
}

async function stop(venue: RunningSimVenue): Promise<void> {
  running.splice(running.indexOf(venue), 1);
  await venue.close();
}

async function allEvents(venue: RunningSimVenue): Promise<Record<string, unknown>[]> {
  const client = await StreamClient.open(venue.url, '/v1/stream?since=0');
  const events = await client.eventsUntil(venue.app.venue.lastEventSeq);
  await client.close();
  return events;
}

describe('restarting from the journal', () => {
  it('keeps resting orders, order states, ids and event numbers; new events continue the count', async () => {
    const first = await start();
    await place(first.url, limitOrder({ accountId: 'a', orderId: 'rest-1', price: '59000' }));
    await place(
      first.url,
      limitOrder({ accountId: 'a', orderId: 'rest-2', side: 'sell', price: '61000' }),
    );
    await place(
      first.url,
      limitOrder({
        accountId: 'b',
        orderId: 'take-1',
        side: 'sell',
        price: '59000',
        quantity: '0.004',
      }),
    );
    await place(first.url, limitOrder({ accountId: 'a', orderId: 'gone-1', price: '58000' }));
    await cancel(first.url, 'a', 'gone-1');
    await place(first.url, limitOrder({ accountId: 'a', orderId: 'bad-1', price: '1.25' }));
    const eventsBefore = await allEvents(first);
    const bookBefore = (await call(first.url, 'GET', '/v1/book/BTC-PERP')).body;
    const orderBefore = (await call(first.url, 'GET', '/v1/orders/a/rest-1')).body;
    const journalId = first.app.venue.journalId;
    await stop(first);

    const second = await start();
    expect(second.app.venue.journalId).toBe(journalId);
    expect(second.app.venue.lastEventSeq).toBe(eventsBefore.length);
    expect(await allEvents(second)).toEqual(eventsBefore);
    const bookAfter = (await call(second.url, 'GET', '/v1/book/BTC-PERP')).body as { ts: number };
    expect({ ...bookAfter, ts: 0 }).toEqual({ ...(bookBefore as object), ts: 0 });
    expect((await call(second.url, 'GET', '/v1/orders/a/rest-1')).body).toEqual(orderBefore);
    expect((await call(second.url, 'GET', '/v1/orders/a/gone-1')).body).toMatchObject({
      status: 'canceled',
    });

    // A repeat of a journaled order is still a no-op; the resting order still trades.
    await place(second.url, limitOrder({ accountId: 'a', orderId: 'rest-1', price: '59000' }));
    expect(second.app.venue.lastEventSeq).toBe(eventsBefore.length);
    await place(
      second.url,
      limitOrder({
        accountId: 'c',
        orderId: 'take-2',
        side: 'sell',
        price: '59000',
        quantity: '0.006',
      }),
    );
    const after = await allEvents(second);
    const fills = after.slice(eventsBefore.length).filter((e) => e['kind'] === 'fill');
    expect(fills[0]).toMatchObject({
      orderId: 'rest-1',
      eventSeq: eventsBefore.length + 2,
      filledQuantity: '0.01',
      remainingQuantity: '0',
      venueOrderId: eventsBefore[0]?.['venueOrderId'],
    });
    // Trade ids continue too: no id is minted twice within a journal.
    const tradeIds = after.filter((e) => e['kind'] === 'fill').map((e) => e['tradeId']);
    expect(new Set(tradeIds).size).toBe(tradeIds.length / 2);
  });

  it('drops a last line cut short by a crash and goes on from the entry before', async () => {
    const first = await start();
    await place(first.url, limitOrder({ orderId: 'kept' }));
    await stop(first);
    await appendFile(join(dataDir, JOURNAL_FILE), '{"kind":"place","ts":1,"order":{"acc');

    const second = await start();
    expect(second.app.venue.lastEventSeq).toBe(1);
    await place(second.url, limitOrder({ orderId: 'next', price: '59000' }));
    await stop(second);
    const third = await start();
    expect(third.app.venue.lastEventSeq).toBe(2);
    expect((await call(third.url, 'GET', '/v1/orders/acc-1/next')).body).toMatchObject({
      status: 'open',
    });
  });

  it('journals changed fee rates for new fills; refuses a changed tick size', async () => {
    const first = await start();
    await place(
      first.url,
      limitOrder({ accountId: 'a', orderId: 'm', side: 'sell', price: '60000' }),
    );
    await stop(first);
    const second = await start({ makerFeeRate: '-0.0001' });
    await place(second.url, limitOrder({ accountId: 'b', orderId: 't', quantity: '0.001' }));
    const events = await allEvents(second);
    expect(events.find((e) => e['kind'] === 'fill' && e['orderId'] === 'm')).toMatchObject({
      fee: '-0.006',
    });
    await stop(second);

    await expect(
      startSimVenue({
        dataDir,
        instruments: [{ symbol: 'BTC-PERP', tickSize: '1', lotSize: '0.001', startPrice: '60000' }],
      }),
    ).rejects.toMatchObject({ code: 'JOURNAL_SETTINGS_CONFLICT' });
  });

  it('refuses a journal whose lines are not entries', async () => {
    const first = await start();
    await stop(first);
    const path = join(dataDir, JOURNAL_FILE);
    await writeFile(path, `${await readFile(path, 'utf8')}{"kind":"nonsense"}\n`);
    await expect(startSimVenue({ dataDir })).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' });
  });
});
