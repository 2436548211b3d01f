import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqs, type SqsTestInstance } from './index.ts';

describe('startSqs (fauxqs)', () => {
  let sqs: SqsTestInstance;
  let client: SQSClient;

  beforeAll(async () => {
    sqs = await startSqs();
    client = sqs.createClient();
  });
  afterAll(() => sqs?.stop());

  async function createFifoWithDlq(name: string): Promise<{ queueUrl: string; dlqUrl: string }> {
    const dlq = await client.send(
      new CreateQueueCommand({
        QueueName: `${sqs.queuePrefix}${name}-dlq.fifo`,
        Attributes: { FifoQueue: 'true' },
      }),
    );
    const dlqUrl = dlq.QueueUrl ?? '';
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: `${sqs.queuePrefix}${name}.fifo`,
        Attributes: {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.['QueueArn'],
            maxReceiveCount: 2,
          }),
        },
      }),
    );
    return { queueUrl: queue.QueueUrl ?? '', dlqUrl };
  }

  const receive = (QueueUrl: string) =>
    client
      .send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))
      .then((r) => r.Messages ?? []);

  it('delivers a FIFO message once even when sent twice with the same deduplication id', async () => {
    const { queueUrl } = await createFifoWithDlq('dedup');
    const send = (body: string) =>
      client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageGroupId: 'BTC-PERP',
          MessageDeduplicationId: 'order-1',
        }),
      );
    const first = await send('{"orderId":1}');
    const duplicate = await send('{"orderId":1,"retry":true}');
    // SQS acknowledges a duplicate with the original message id instead of enqueueing it again.
    expect(duplicate.MessageId).toBe(first.MessageId);

    const [message, ...rest] = await receive(queueUrl);
    expect(rest).toEqual([]);
    expect(message?.Body).toBe('{"orderId":1}');
    await client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );
    expect(await receive(queueUrl)).toEqual([]);
  });

  it('moves a message received maxReceiveCount times without being deleted to the DLQ', async () => {
    const { queueUrl, dlqUrl } = await createFifoWithDlq('redrive');
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'poison',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'p-1',
      }),
    );

    for (let receiveCount = 1; receiveCount <= 2; receiveCount++) {
      const messages = await receive(queueUrl);
      expect(messages.map((m) => m.Body)).toEqual(['poison']);
      await sleep(1_100); // not deleted: visible again once the 1 s visibility timeout has passed
    }
    // As in SQS, the move happens on the receive that would exceed maxReceiveCount: that receive
    // gets nothing, and the message is in the DLQ.
    expect(await receive(queueUrl)).toEqual([]);
    expect((await receive(dlqUrl)).map((m) => m.Body)).toEqual(['poison']);
  });
});
