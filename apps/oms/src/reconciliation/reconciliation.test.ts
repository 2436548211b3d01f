import { defined } from '@perp/test-services';
import {
  newOrderId,
  type AccountId,
  type InstrumentSymbol,
  type OrderId,
  type VenueOrderId,
} from '@perp/trading-domain';
import {
  VenueOutcomeUnknownError,
  VenueUnavailableError,
  type VenueClient,
  type VenueOpenOrder,
  type VenueOrderRef,
  type VenueOrderRequest,
} from '@perp/venue-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Oms } from '../app.ts';
import { Reconciler } from './reconciler.ts';
import { VenueFillsPoll } from './venue-fills-poll.ts';
import { cancelCommand, orderIdOf, placeCommand } from '../test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from '../test-support/oms-harness.ts';

// Orders left awaiting the venue (an answer lost after the venue got the request, a request that
// never arrived, a cancel never confirmed) are settled by the sweep asking the venue, never
// guessed. This OMS has no venue connector: nothing the venue streams reaches it, so only the
// sweep can settle them; a second OMS with a connector then shows the stream's copies change
// nothing.

/** The real sim-venue client, with faults on demand. */
class FaultyVenue implements VenueClient {
  readonly venue;
  readonly contractType;
  readonly #inner: VenueClient;
  /** The venue gets the next N places, and their answers are lost. */
  loseAnswers = 0;
  /** The next N places never reach the venue. */
  dropPlaces = 0;
  /** Cancels never reach the venue until an order lookup (reconciliation's) for this order. */
  cancelsDownUntilLookupOf: OrderId | undefined;
  /** Order lookups fail while set. */
  lookupsDown = false;
  lookups = 0;
  readonly lookedUp = new Set<OrderId>();

  constructor(inner: VenueClient) {
    this.#inner = inner;
    this.venue = inner.venue;
    this.contractType = inner.contractType;
  }

  async placeOrder(request: VenueOrderRequest) {
    if (this.dropPlaces > 0) {
      this.dropPlaces -= 1;
      throw new VenueUnavailableError('connection refused (test)');
    }
    const answer = await this.#inner.placeOrder(request);
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new VenueOutcomeUnknownError(
        'lost',
        `the answer to ${request.orderId} was lost (test)`,
      );
    }
    return answer;
  }

  cancelOrder(ref: VenueOrderRef) {
    if (this.cancelsDownUntilLookupOf !== undefined) {
      return Promise.reject(new VenueUnavailableError('connection refused (test)'));
    }
    return this.#inner.cancelOrder(ref);
  }

  getOrder(ref: VenueOrderRef) {
    this.lookups += 1;
    this.lookedUp.add(ref.orderId);
    if (this.cancelsDownUntilLookupOf === ref.orderId) this.cancelsDownUntilLookupOf = undefined;
    if (this.lookupsDown) return Promise.reject(new VenueUnavailableError('timeout (test)'));
    return this.#inner.getOrder(ref);
  }

  /** Listed with the venue's own, as orders another client of the venue account placed. */
  readonly foreign: VenueOpenOrder[] = [];

  orderFills(ref: VenueOrderRef) {
    return this.#inner.orderFills(ref);
  }

  fillsSince(since: number, limit: number) {
    return this.#inner.fillsSince(since, limit);
  }

  cancelAllOrders(symbol?: InstrumentSymbol) {
    return this.#inner.cancelAllOrders(symbol);
  }

  positions() {
    return this.#inner.positions();
  }

  async openOrders() {
    return [...(await this.#inner.openOrders()), ...this.foreign];
  }

  market(symbol: Parameters<VenueClient['market']>[0]) {
    return this.#inner.market(symbol);
  }
}

const GRACE_MS = 1_500;
let h: OmsHarness;
let venue: FaultyVenue;
let oms: Oms;

beforeAll(async () => {
  h = await startOmsHarness();
  oms = await h.startOms({
    venueStream: false,
    venue: (inner) => (venue = new FaultyVenue(inner)),
    reconcile: { graceMs: GRACE_MS, intervalMs: 250 },
  });
  await h.fundAccounts('100000', 'lena', 'mona', 'nina', 'olga', 'pia', 'quinn');
}, 60_000);
afterAll(() => h?.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function atVenue(accountId: string, orderId: OrderId) {
  const response = await fetch(`${h.simVenue.url}/v1/orders/${accountId}/${orderId}`);
  return response.status === 404 ? undefined : ((await response.json()) as { status: string });
}

describe('reconciliation', () => {
  it('settles a place whose answer was lost by asking the venue, and not before the venue answers a lookup', async () => {
    venue.loseAnswers = 1;
    venue.lookupsDown = true;
    const place = placeCommand('lena', { side: 'buy', price: '59000', quantity: '0.01' });
    const orderId = orderIdOf(place);
    await h.send(place);
    await h.waitFor('the order stored', () => h.store.getOrder('lena' as AccountId, orderId));
    // Past the grace, with every lookup failing: still submitted, nothing reported.
    await h.waitFor('a lookup tried', async () => (venue.lookups >= 2 ? true : undefined), 10_000);
    expect((await h.store.getOrder('lena' as AccountId, orderId))?.value.status).toBe('submitted');
    expect(await h.reports('lena')).toEqual([]);

    venue.lookupsDown = false;
    const [accepted] = await h.waitForReports('lena', 1);
    expect(accepted).toMatchObject({ execType: 'accepted', status: 'accepted', orderId });
    const stored = await h.store.getOrder('lena' as AccountId, orderId);
    expect(stored?.value.venueOrderId).toMatch(/.+/);
    expect((await atVenue('lena', orderId))?.status).toBe('open');
  }, 60_000);

  it('rejects a place the venue never got (VENUE_UNAVAILABLE) once the grace has passed; the venue never sees it', async () => {
    // Every try fails, the first and the re-sends within half the grace.
    venue.dropPlaces = 100;
    const place = placeCommand('mona', { side: 'buy', price: '58000', quantity: '0.01' });
    const orderId = orderIdOf(place);
    await h.send(place);
    const [rejected] = await h.waitForReports('mona', 1, 20_000);
    venue.dropPlaces = 0;
    expect(rejected).toMatchObject({
      execType: 'rejected',
      status: 'rejected',
      reason: 'VENUE_UNAVAILABLE',
      orderId,
    });
    const stored = defined(await h.store.getOrder('mona' as AccountId, orderId), 'the order');
    expect(stored.value.status).toBe('rejected');
    expect(stored.value.updatedAt - stored.value.createdAt).toBeGreaterThanOrEqual(GRACE_MS);
    // The command's later redeliveries find it settled and send nothing.
    await sleep(2_500);
    expect(await atVenue('mona', orderId)).toBeUndefined();
    expect(await h.reports('mona')).toHaveLength(1);
  }, 60_000);

  it('asks the venue again for a cancel it never confirmed, and completes it with the reason asked for', async () => {
    const place = placeCommand('nina', { side: 'sell', price: '61500', quantity: '0.02' });
    const orderId = orderIdOf(place);
    await h.send(place);
    await h.waitForReports('nina', 1);
    // Down until the sweep asks about the order: the cancel command's own retries meanwhile
    // (redelivered after 1 s, then 2 s more) all fail.
    venue.cancelsDownUntilLookupOf = orderId;
    await h.send(cancelCommand('nina', { orderId }));
    const reports = await h.waitForReports('nina', 2, 20_000);
    expect(reports.map((r) => r.execType)).toEqual(['accepted', 'canceled']);
    expect(reports[1]).toMatchObject({
      execType: 'canceled',
      status: 'canceled',
      reason: 'USER_CANCELED',
      orderId,
    });
    expect((await atVenue('nina', orderId))?.status).toBe('canceled');
    expect(venue.lookedUp.has(orderId)).toBe(true);
  }, 60_000);

  it('books the fills of an order whose answer was lost from the venue’s fill history, by trade id', async () => {
    const resting = placeCommand('olga', { side: 'sell', price: '60500', quantity: '0.01' });
    await h.send(resting);
    await h.waitForReports('olga', 1);
    venue.loseAnswers = 1;
    const crossing = placeCommand('lena', { side: 'buy', price: '60500', quantity: '0.01' });
    const orderId = orderIdOf(crossing);
    const before = (await h.reports('lena')).length;
    await h.send(crossing);
    const reports = await h.waitForReports('lena', before + 2, 20_000);
    expect(reports.slice(before).map((r) => [r.execType, r.status])).toEqual([
      ['accepted', 'accepted'],
      ['trade', 'filled'],
    ]);
    const fill = reports[before + 1];
    expect(fill).toMatchObject({ orderId, lastFillPrice: '60500', lastFillQuantity: '0.01' });
    const [venueFill] = await venue.orderFills({
      accountId: 'lena' as AccountId,
      orderId,
      symbol: 'BTC-PERP' as InstrumentSymbol,
    });
    expect(fill?.tradeId).toBe(venueFill?.tradeId);
    const position = await h.store.getPosition('lena' as AccountId, 'BTC-PERP' as InstrumentSymbol);
    expect(position?.value.quantity.toString()).toBe('0.01');
  }, 30_000);

  it('reports the orders of ours the venue works that the OMS does not hold, once, and cancels them only when configured', async () => {
    // Placed at the venue under an order id of ours, never stored (a place lost before its commit).
    const orderId = newOrderId(Date.now() - 10 * GRACE_MS);
    const body = {
      accountId: 'lena',
      orderId,
      symbol: 'BTC-PERP',
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: '57000',
      quantity: '0.01',
      postOnly: false,
      reduceOnly: false,
    };
    const placed = await fetch(`${h.simVenue.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(placed.status).toBe(202);
    venue.foreign.push({
      accountId: null,
      orderId: null,
      venueOrderId: 'foreign-1' as VenueOrderId,
      symbol: 'BTC-PERP' as InstrumentSymbol,
      createdAt: Date.now() - 10 * GRACE_MS,
    });
    // Too young to judge: its place may not be committed yet.
    const young = new Reconciler({ context: oms.context, intervalMs: 60_000 });
    expect(await young.sweep()).toEqual({ foreign_reported: 1 });
    await sleep(GRACE_MS);
    const reporting = new Reconciler({ context: oms.context, intervalMs: 60_000 });
    expect(await reporting.sweep()).toEqual({ unknown_reported: 1, foreign_reported: 1 });
    expect(await reporting.sweep()).toEqual({});
    expect((await atVenue('lena', orderId))?.status).toBe('open');
    // The orders the OMS does hold open are looked up once, then remembered.
    const canceling = new Reconciler({
      context: oms.context,
      intervalMs: 60_000,
      cancelUnknown: true,
    });
    expect(await canceling.sweep()).toEqual({ unknown_canceled: 1, foreign_reported: 1 });
    expect((await atVenue('lena', orderId))?.status).toBe('canceled');
    expect(await canceling.sweep()).toEqual({});
    venue.foreign.length = 0;
  }, 30_000);

  it('books from the venue’s fill history the fills its feed never delivered: once, and only when older than the grace', async () => {
    // No stream reaches this OMS: each side of a cross is answered `accepted`, its fill never.
    const polling = new Reconciler({
      context: oms.context,
      intervalMs: 60_000,
      pollFillsLookbackMs: 0,
    });
    const replica = new Reconciler({
      context: oms.context,
      intervalMs: 60_000,
      pollFillsLookbackMs: 0,
    });
    // A page of one: both sides of the trade share one trade id and one millisecond.
    const [sim] = oms.context.venues.accounts();
    const paged = new VenueFillsPoll(oms.context, defined(sim, 'the sim account'), {
      lookbackMs: 0,
      pageSize: 1,
      maxPages: 10,
    });
    await h.send(placeCommand('pia', { side: 'sell', price: '62000', quantity: '0.01' }));
    await h.waitForReports('pia', 1);
    const crossing = placeCommand('quinn', { side: 'buy', price: '62000', quantity: '0.01' });
    await h.send(crossing);
    await h.waitForReports('quinn', 1);
    expect((await polling.sweep()).fill_booked).toBeUndefined(); // too young: may be on its way
    await sleep(GRACE_MS);
    expect((await polling.sweep()).fill_booked).toBe(2);
    const [pia, quinn] = [await h.reports('pia'), await h.reports('quinn')];
    expect(pia.map((r) => [r.execType, r.status])).toEqual([
      ['accepted', 'accepted'],
      ['trade', 'filled'],
    ]);
    expect(quinn.map((r) => [r.execType, r.status])).toEqual([
      ['accepted', 'accepted'],
      ['trade', 'filled'],
    ]);
    expect(quinn[1]).toMatchObject({ orderId: orderIdOf(crossing), lastFillPrice: '62000' });
    expect(quinn[1]?.tradeId).toBe(pia[1]?.tradeId);
    // Polled again, or by another replica from the same time: nothing is booked twice.
    expect((await polling.sweep()).fill_booked).toBeUndefined();
    expect((await replica.sweep()).fill_booked).toBeUndefined();
    expect(await paged.poll()).toEqual([]);
    expect(paged.cursor).toBeGreaterThan(defined(quinn[1], 'the fill').ts);
    await sleep(300);
    expect(await h.reports('quinn')).toHaveLength(2);
    const position = await h.store.getPosition(
      'quinn' as AccountId,
      'BTC-PERP' as InstrumentSymbol,
    );
    expect(position?.value.quantity.toString()).toBe('0.01');
  }, 30_000);

  it('counts what it settled on /metrics', async () => {
    const metrics = (await oms.http.inject({ method: 'GET', url: '/metrics' })).body;
    const count = (outcome: string) =>
      Number(
        new RegExp(`oms_reconciled_orders_total\\{outcome="${outcome}"[^}]*\\} (\\d+)`).exec(
          metrics,
        )?.[1] ?? 0,
      );
    // The lost answer and the unconfirmed cancel (its command's retry may be first through once
    // the sweep asked: then the sweep finds the cancel requested); the place never sent; lookups
    // while down.
    expect(count('applied') + count('cancel_resent')).toBe(2);
    expect(count('fills_booked')).toBe(1);
    expect(count('not_at_venue')).toBe(1);
    expect(count('venue_unavailable')).toBeGreaterThanOrEqual(2);
  });

  it('a replica that then reads the venue stream finds every event it carries already applied', async () => {
    const olga = (await h.reports('olga')).length;
    const before = {
      lena: await h.reports('lena'),
      mona: await h.reports('mona'),
      nina: await h.reports('nina'),
    };
    const second = await h.startOms();
    await h.waitFor('the connector forwarding', async () => second.connector?.forwarded);
    await h.drained(20_000);
    await sleep(500);
    for (const accountId of ['lena', 'mona', 'nina'] as const)
      expect(await h.reports(accountId)).toEqual(before[accountId]);
    // What the sweep could not know (olga's resting order was not awaiting the venue) the
    // stream delivers: olga's side of the trade.
    const olgaReports = await h.waitForReports('olga', olga + 1);
    expect(olgaReports.at(-1)).toMatchObject({ execType: 'trade', status: 'filled' });
  }, 60_000);
});
