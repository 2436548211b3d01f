import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitOrder, place } from '../test-support/http-calls.ts';
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
  // Three events in memory: resuming from further back rebuilds them from the journal.
  venue = await startSimVenue({ dataDir, eventBufferSize: 3, heartbeatMs: 200 });
  for (let i = 1; i <= 6; i += 1) {
    await place(venue.url, limitOrder({ orderId: `o-${i}`, price: String(50000 + i) }));
  }
});
afterAll(async () => {
  await venue.close();
  await removeDataDir(dataDir);
});

function seqs(events: Record<string, unknown>[]): unknown[] {
  return events.map((e) => e['eventSeq']);
}

describe('the private stream (/v1/stream)', () => {
  it('welcomes with the journal id and sends every event after since, then live ones', async () => {
    const client = await StreamClient.open(venue.url, '/v1/stream?since=4');
    const [welcome] = await client.waitFor((m) => m['type'] === 'welcome');
    expect(welcome).toEqual({
      type: 'welcome',
      journalId: venue.app.venue.journalId,
      lastEventSeq: 6,
      since: 4,
      heartbeatMs: 200,
    });
    expect(seqs(await client.eventsUntil(6))).toEqual([5, 6]);
    await place(venue.url, limitOrder({ orderId: 'live-1', price: '40000' }));
    expect(seqs(await client.eventsUntil(7))).toEqual([5, 6, 7]);
    expect(client.orderEvents[2]).toMatchObject({ orderId: 'live-1' });
    await client.waitFor((m) => m['type'] === 'heartbeat');
    await client.close();
  });

  it('rebuilds events older than its memory from the journal, in order, without duplicates', async () => {
    const client = await StreamClient.open(venue.url, '/v1/stream?since=0');
    const last = venue.app.venue.lastEventSeq;
    const events = await client.eventsUntil(last);
    expect(seqs(events)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(events[0]).toMatchObject({ kind: 'accepted', orderId: 'o-1', price: '50001' });
    await client.close();
  });

  it('starts from the first event when the client names another journal', async () => {
    const client = await StreamClient.open(venue.url, '/v1/stream?since=6&journalId=other');
    const [welcome] = await client.waitFor((m) => m['type'] === 'welcome');
    expect(welcome).toMatchObject({ since: 0 });
    expect(seqs(await client.eventsUntil(3)).slice(0, 3)).toEqual([1, 2, 3]);
    await client.close();
  });
});
