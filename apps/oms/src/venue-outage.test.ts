import type { CommandEnvelope } from '@perp/contracts';
import type { AccountId, ClientOrderId, OrderId } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelCommand, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

let h: OmsHarness;

beforeAll(async () => {
  h = await startOmsHarness();
  await h.startOms();
  await h.fundAccounts('100000', 'judy', 'kate');
}, 60_000);
afterAll(() => h?.dispose());

const clientOrderIdOf = (command: CommandEnvelope) =>
  (command.type === 'order.place' ? command.payload.clientOrderId : '') as ClientOrderId;

async function bids(): Promise<number> {
  const book = (await (await fetch(`${h.simVenue.url}/v1/book/BTC-PERP`)).json()) as {
    bids: unknown[];
  };
  return book.bids.length;
}

describe('the venue does not answer', () => {
  it('rejects an order it has no price for (VENUE_UNAVAILABLE): it was never sent', async () => {
    await h.killSimVenue();
    const place = placeCommand('judy', { side: 'buy', price: '59000', quantity: '0.01' });
    await h.send(place);
    const [rejected] = await h.waitForReports('judy', 1);
    expect(rejected).toMatchObject({
      execType: 'rejected',
      status: 'rejected',
      reason: 'VENUE_UNAVAILABLE',
      clientOrderId: clientOrderIdOf(place),
    });
    await h.restartSimVenue();
    expect(await bids()).toBe(0);
  }, 60_000);

  it('leaves a routed order submitted (never guessed) and places it once when the venue is back', async () => {
    // a first order while the venue answers gives the OMS a recent mark
    await h.send(placeCommand('kate', { side: 'buy', price: '58000', quantity: '0.01' }));
    await h.waitForReports('kate', 1);
    await h.killSimVenue();

    const place = placeCommand('kate', { side: 'buy', price: '59000', quantity: '0.01' });
    await h.send(place);
    const stored = await h.waitFor('the order stored', () =>
      h.store.getOrderByClientOrderId('kate' as AccountId, clientOrderIdOf(place)),
    );
    // several routing attempts fail meanwhile; the order is neither failed nor assumed placed
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const during = await h.store.getOrder('kate' as AccountId, stored.value.orderId);
    expect(during?.value.status).toBe('submitted');
    expect(await h.reports('kate')).toHaveLength(1);

    await h.restartSimVenue();
    const reports = await h.waitForReports('kate', 2, 60_000);
    expect(reports[1]).toMatchObject({
      execType: 'accepted',
      orderId: stored.value.orderId,
      clientOrderId: clientOrderIdOf(place),
    });
    expect(await bids()).toBe(2); // the first order (from the journal) and this one, once
  }, 90_000);

  it('keeps a cancel pending while the venue is down and completes it when it is back', async () => {
    const open = await h.store.listOpenOrders('kate' as AccountId);
    const target = open[0]?.value;
    expect(target?.status).toBe('accepted');
    const before = (await h.reports('kate')).length;
    await h.killSimVenue();
    await h.send(cancelCommand('kate', { orderId: target?.orderId ?? '' }));
    await h.waitFor('the cancel recorded', async () => {
      const order = await h.store.getOrder('kate' as AccountId, target?.orderId as OrderId);
      return order?.value.status === 'pending_cancel' ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await h.reports('kate')).toHaveLength(before);

    await h.restartSimVenue();
    const reports = await h.waitForReports('kate', before + 1, 60_000);
    expect(reports[before]).toMatchObject({
      execType: 'canceled',
      orderId: target?.orderId,
      reason: 'USER_CANCELED',
    });
    expect(await bids()).toBe(open.length - 1);
  }, 90_000);
});
