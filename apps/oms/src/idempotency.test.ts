import { defined } from '@perp/test-services';
import { randomUUID } from 'node:crypto';
import { parseCommandEnvelope, type CommandEnvelope } from '@perp/contracts';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import type { AccountId, CommandId, InstrumentSymbol } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositCommand, placeCommand, toMessage } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

let h: OmsHarness;
let producer: FifoQueueProducer;

beforeAll(async () => {
  h = await startOmsHarness();
  producer = new FifoQueueProducer({ sqs: h.sqsClient, queueUrl: h.queueUrl });
  await h.startOms();
  await h.fundAccounts('100000', 'dave', 'erin');
}, 60_000);
afterAll(() => h?.dispose());

/** Sends a command again past SQS's own deduplication, as a redelivery or a replay would. */
async function redeliver(command: CommandEnvelope): Promise<void> {
  await producer.send({ ...toMessage(command), deduplicationId: randomUUID() });
}

/** A command that follows and proves the ones before it were processed (one group, in order). */
async function barrier(accountId: string): Promise<void> {
  const deposit = depositCommand(accountId, '1');
  await h.send(deposit);
  await h.waitFor(`barrier for ${accountId}`, () =>
    h.store.getCommand(accountId as AccountId, deposit.commandId as CommandId),
  );
}

const clientOrderIdOf = (command: CommandEnvelope) =>
  command.type === 'order.place' ? command.payload.clientOrderId : '';

describe('duplicates change nothing', () => {
  it('the same command delivered twice credits a deposit once', async () => {
    const deposit = depositCommand('dave', '250');
    await h.send(deposit);
    await redeliver(deposit);
    await barrier('dave');
    const balance = await h.store.getBalance('dave' as AccountId);
    expect(balance?.value.collateral.toString()).toBe('100251'); // 250 once, plus the barrier's 1;
  });

  it('the same order.place delivered twice makes one order and one accepted report', async () => {
    const place = placeCommand('dave', { side: 'buy', price: '59000', quantity: '0.01' });
    await h.send(place);
    await redeliver(place);
    await barrier('dave');
    const reports = await h.waitForReports('dave', 1);
    expect(reports.filter((r) => r.clientOrderId === clientOrderIdOf(place))).toHaveLength(1);
    const open = await h.store.listOpenOrders('dave' as AccountId);
    expect(open.filter((o) => o.value.clientOrderId === clientOrderIdOf(place))).toHaveLength(1);
  });

  it('a trader’s retry (new command id, same client order id and parameters) makes one order', async () => {
    const place = placeCommand('erin', { side: 'sell', price: '61000', quantity: '0.02' });
    const retry = parseCommandEnvelope({ ...place, commandId: `${place.commandId}-retry` });
    await h.send(place);
    await redeliver(retry);
    await barrier('erin');
    await h.waitForReports('erin', 1);
    await barrier('erin'); // any second venue event would be processed by now
    const open = await h.store.listOpenOrders('erin' as AccountId);
    expect(open).toHaveLength(1);
    expect((await h.reports('erin')).map((r) => r.execType)).toEqual(['accepted']);
  });

  it('a client order id reused with other parameters is refused: the first order stands', async () => {
    const first = placeCommand('erin', { side: 'sell', price: '61500', quantity: '0.03' });
    await h.send(first);
    await barrier('erin');
    const conflicting = placeCommand('erin', {
      side: 'sell',
      price: '62000',
      quantity: '0.03',
      clientOrderId: clientOrderIdOf(first),
    });
    await redeliver(conflicting);
    await barrier('erin');
    const orders = (await h.store.listOpenOrders('erin' as AccountId)).filter(
      (o) => o.value.clientOrderId === clientOrderIdOf(first),
    );
    expect(orders).toHaveLength(1);
    expect(orders[0]?.value.price?.toString()).toBe('61500');
  });

  it('a venue fill delivered twice fills once (position, balance and fills unchanged)', async () => {
    const rest = placeCommand('dave', { side: 'sell', price: '60000', quantity: '0.01' });
    await h.send(rest);
    await h.waitFor('dave resting', async () =>
      (await h.reports('dave')).some(
        (r) => r.clientOrderId === clientOrderIdOf(rest) && r.execType === 'accepted',
      )
        ? true
        : undefined,
    );
    await h.send(placeCommand('erin', { side: 'buy', price: '60000', quantity: '0.01' }));
    const fill = await h.waitFor('dave filled', async () =>
      (await h.reports('dave')).find(
        (r) => r.clientOrderId === clientOrderIdOf(rest) && r.execType === 'trade',
      ),
    );
    const btc = 'BTC-PERP' as InstrumentSymbol;
    const before = {
      position: (await h.store.getPosition('dave' as AccountId, btc))?.value.quantity.toString(),
      fills: (await h.store.listFills('dave' as AccountId)).length,
    };
    // The connector's command for this fill, as it would send it again after a crash.
    await redeliver(
      parseCommandEnvelope({
        version: 1,
        commandId: `sim:fill:${fill.tradeId}:${fill.orderId}`,
        accountId: 'dave',
        receivedAt: Date.now(),
        traceId: randomUUID(),
        source: 'venue',
        type: 'venue.orderFilled',
        payload: {
          venue: 'sim',
          orderId: fill.orderId,
          symbol: 'BTC-PERP',
          ts: fill.ts,
          venueOrderId: 'ignored',
          tradeId: fill.tradeId,
          price: fill.lastFillPrice,
          quantity: fill.lastFillQuantity,
          fee: fill.fee,
          liquidity: 'maker',
        },
      }),
    );
    const balanceBefore = defined(
      (await h.store.getBalance('dave' as AccountId))?.value,
      'dave’s balance',
    );
    await barrier('dave');
    const balanceAfter = (await h.store.getBalance('dave' as AccountId))?.value;
    expect(balanceAfter?.collateral.sub(balanceBefore.collateral).toString()).toBe('1');
    expect((await h.store.getPosition('dave' as AccountId, btc))?.value.quantity.toString()).toBe(
      before.position,
    );
    expect((await h.store.listFills('dave' as AccountId)).length).toBe(before.fills);
    expect((await h.reports('dave')).filter((r) => r.tradeId === fill.tradeId)).toHaveLength(1);
  });
});
