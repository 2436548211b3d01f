import { SimVenueEventStream, type SimOrderEvent } from '@perp/venue-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import { limitOrder, place } from '../test-support/http-calls.ts';
import {
  newDataDir,
  removeDataDir,
  startSimVenue,
  type RunningSimVenue,
} from '../test-support/sim-venue-server.ts';

// @perp/venue-adapter's resuming stream against the real sim-venue, across venue restarts.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function venueIn(dataDir: string, port?: number): Promise<RunningSimVenue> {
  const venue = await startSimVenue({ dataDir, ...(port === undefined ? {} : { port }) });
  cleanup.push(() => venue.close());
  return venue;
}

async function dataDir(): Promise<string> {
  const dir = await newDataDir();
  cleanup.unshift(() => removeDataDir(dir));
  return dir;
}

function collect(baseUrl: string, from?: { journalId: string | null; eventSeq: number }) {
  const events: SimOrderEvent[] = [];
  const journals: string[] = [];
  const stream = new SimVenueEventStream({
    baseUrl,
    ...(from === undefined ? {} : { from }),
    onEvent: (event) => events.push(event),
    onJournalChanged: (_previous, current) => journals.push(current),
    reconnectDelayMs: 20,
    maxReconnectDelayMs: 100,
  });
  cleanup.push(() => stream.stop());
  stream.start();
  return { stream, events, journals };
}

const seqs = (events: SimOrderEvent[]) => events.map((e) => e.eventSeq);

describe('SimVenueEventStream', () => {
  it('resumes after the venue restarts: no event lost, none twice, in order', async () => {
    const dir = await dataDir();
    const first = await venueIn(dir);
    await place(first.url, limitOrder({ orderId: 'before-1', price: '50000' }));
    const { stream, events } = collect(first.url);
    await expect.poll(() => seqs(events)).toEqual([1]);
    await place(first.url, limitOrder({ orderId: 'before-2', price: '50001' }));
    await expect.poll(() => seqs(events)).toEqual([1, 2]);
    expect(stream.connected).toBe(true);

    await first.close();
    await expect.poll(() => stream.connected).toBe(false);
    // Same port, same journal: events made before the stream is back must still arrive.
    const second = await venueIn(dir, first.port);
    await place(second.url, limitOrder({ orderId: 'while-away', price: '50002' }));
    await place(second.url, limitOrder({ orderId: 'after', price: '50003' }));
    await expect.poll(() => seqs(events), { timeout: 5_000 }).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.orderId)).toEqual(['before-1', 'before-2', 'while-away', 'after']);
    expect(stream.position).toEqual({ journalId: second.app.venue.journalId, eventSeq: 4 });
  });

  it('starts after the position it is given', async () => {
    const venue = await venueIn(await dataDir());
    for (let i = 1; i <= 3; i += 1) {
      await place(venue.url, limitOrder({ orderId: `o-${i}`, price: String(50000 + i) }));
    }
    const { events } = collect(venue.url, { journalId: venue.app.venue.journalId, eventSeq: 2 });
    await expect.poll(() => seqs(events)).toEqual([3]);
  });

  it('reads a new journal from its start when the venue data was reset', async () => {
    const first = await venueIn(await dataDir());
    await place(first.url, limitOrder({ orderId: 'old-1', price: '50000' }));
    await place(first.url, limitOrder({ orderId: 'old-2', price: '50001' }));
    const { events, journals } = collect(first.url);
    await expect.poll(() => seqs(events)).toEqual([1, 2]);
    await first.close();

    const reset = await venueIn(await dataDir(), first.port);
    await place(reset.url, limitOrder({ orderId: 'new-1', price: '50000' }));
    await expect
      .poll(() => events.map((e) => e.orderId), { timeout: 5_000 })
      .toEqual(['old-1', 'old-2', 'new-1']);
    expect(journals).toEqual([reset.app.venue.journalId]);
  });

  it('delivers nothing after stop()', async () => {
    const venue = await venueIn(await dataDir());
    const { stream, events } = collect(venue.url);
    await expect.poll(() => stream.connected).toBe(true);
    await stream.stop();
    await place(venue.url, limitOrder({ orderId: 'late', price: '50000' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
  });
});
