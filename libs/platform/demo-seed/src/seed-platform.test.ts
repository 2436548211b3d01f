import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { parseCommandEnvelope } from '@perp/contracts';
import { ensureQueues, ensureTables } from '@perp/resources';
import { connectDynamoDb, startSqs } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEEDED_ACCOUNTS,
  SEED_INSTRUMENTS,
  seedAccounts,
  seedInstruments,
  waitForSeededAccounts,
  type SeedTargets,
} from './index.ts';

describe('the demo seed against DynamoDB Local and fauxqs', () => {
  let targets: SeedTargets;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const dynamo = await connectDynamoDb();
    const sqs = await startSqs();
    const dynamodb = dynamo.createClient();
    await ensureTables(dynamodb, dynamo.tablePrefix);
    const sqsClient = sqs.createClient();
    const queues = await ensureQueues(sqsClient, sqs.queuePrefix);
    targets = {
      dynamodb,
      sqs: sqsClient,
      ordersQueueUrl: queues.orders.url,
      prefix: dynamo.tablePrefix,
    };
    dispose = async () => {
      await sqs.stop();
      await dynamo.dispose();
    };
  });
  afterAll(() => dispose());

  it('lists each instrument once and leaves a listed one alone', async () => {
    const first = await seedInstruments(targets);
    expect(first.map((r) => [r.symbol, r.action])).toEqual(
      SEED_INSTRUMENTS.map((i) => [i.symbol, 'created']),
    );
    const second = await seedInstruments(targets);
    expect(second.every((r) => r.action === 'exists')).toBe(true);
  });

  it('queues create and deposit per account, in the account group, with stable ids', async () => {
    const results = await seedAccounts(targets);
    expect(results.map((r) => r.action)).toEqual(SEEDED_ACCOUNTS.map(() => 'queued'));
    // FIFO hands out one group's next message only once the one before it is deleted.
    const messages: Message[] = [];
    for (let round = 0; round < 10 && messages.length < SEEDED_ACCOUNTS.length * 2; round++) {
      const received = await targets.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: targets.ordersQueueUrl,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
        }),
      );
      for (const message of received.Messages ?? []) {
        messages.push(message);
        await targets.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: targets.ordersQueueUrl,
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
      }
    }
    expect(messages).toHaveLength(SEEDED_ACCOUNTS.length * 2);
    for (const message of messages) {
      const command = parseCommandEnvelope(JSON.parse(message.Body ?? ''));
      expect(message.Attributes?.MessageGroupId).toBe(command.accountId);
      // Deterministic: a second seed inside the deduplication window is dropped by the queue.
      expect(message.Attributes?.MessageDeduplicationId).toBe(
        `seed:${command.type}:${command.accountId}`,
      );
    }
    const deposits = messages
      .map((m) => parseCommandEnvelope(JSON.parse(m.Body ?? '')))
      .filter((c) => c.type === 'admin.deposit')
      .map((c) => [c.accountId, (c.payload as { amount: string }).amount]);
    expect(deposits.sort()).toEqual(SEEDED_ACCOUNTS.map((a) => [a.accountId, a.deposit]).sort());
  });

  it('says which account was not funded when no OMS processes the seed', async () => {
    await expect(waitForSeededAccounts(targets, 300)).rejects.toThrow(
      `account ${SEEDED_ACCOUNTS[0]?.accountId} was not funded within 0.3 s`,
    );
  });
});
