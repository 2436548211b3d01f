import { FifoQueueProducer } from '@perp/sqs-adapter';
import type { AccountId, CommandId } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelCommand, depositCommand, placeCommand } from './test-support/commands.ts';
import { startOmsHarness, type OmsHarness } from './test-support/oms-harness.ts';

let h: OmsHarness;
let raw: FifoQueueProducer;

beforeAll(async () => {
  h = await startOmsHarness();
  raw = new FifoQueueProducer({ sqs: h.sqsClient, queueUrl: h.queueUrl });
  await h.startOms();
  await h.fundAccounts('100000', 'frank', 'gina');
}, 60_000);
afterAll(() => h?.dispose());

let poisonCount = 0;
async function sendRaw(groupId: string, body: string): Promise<void> {
  poisonCount += 1;
  await raw.send({ body, groupId, deduplicationId: `poison-${poisonCount}` });
}

const processed = (accountId: string, commandId: string) => () =>
  h.store.getCommand(accountId as AccountId, commandId as CommandId);

describe('bad messages go to the dead-letter queue and lose nothing else', () => {
  it('moves each kind of poison to the DLQ while other accounts go on, then the account resumes in order', async () => {
    const valid = depositCommand('frank', '5');
    const poison = [
      'not json {',
      JSON.stringify({ hello: 'world' }),
      JSON.stringify({ ...valid, version: 2, commandId: 'v2-command' }),
      JSON.stringify({ ...valid, commandId: 'wrong-group-command', accountId: 'gina' }),
      JSON.stringify({ ...valid, commandId: 'bad-amount', payload: { amount: '1e3' } }),
    ];
    for (const body of poison) await sendRaw('frank', body);
    // queued behind the poison in frank's group: must wait, then run exactly once
    await h.send(valid);
    // gina's group is not held up meanwhile
    const gina = placeCommand('gina', { side: 'buy', price: '59000', quantity: '0.01' });
    await h.send(gina);
    await h.waitForReports('gina', 1);

    await h.waitFor(
      'frank’s command after the poison',
      processed('frank', valid.commandId),
      30_000,
    );
    const balance = await h.store.getBalance('frank' as AccountId);
    expect(balance?.value.collateral.toString()).toBe('100005');

    const dead: string[] = [];
    await h.waitFor(
      'every poison message in the DLQ',
      async () => {
        dead.push(...(await h.deadLetters()));
        return dead.length >= poison.length ? true : undefined;
      },
      30_000,
    );
    expect(dead.sort()).toEqual([...poison].sort());
  });

  it('a command about unknown things is answered by doing nothing, and is not poison', async () => {
    const cancelUnknown = cancelCommand('gina', { orderId: '1795000000000abcdefghij' });
    const orderForUnknownAccount = placeCommand('nobody', {
      side: 'buy',
      price: '59000',
      quantity: '0.01',
    });
    const reportsBefore = (await h.reports('gina')).length;
    await h.send(cancelUnknown, orderForUnknownAccount);
    await h.drained();
    expect(await h.reports('gina')).toHaveLength(reportsBefore);
    expect(await h.store.getBalance('nobody' as AccountId)).toBeUndefined();
    expect(await h.reports('nobody')).toEqual([]);
  });
});
