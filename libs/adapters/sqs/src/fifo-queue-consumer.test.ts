import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { ensureQueueWithDeadLetter, type QueueDefinition } from '@perp/resources';
import { startSqs, waitUntil, type SqsTestInstance } from '@perp/test-services';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FifoQueueConsumer,
  FifoQueueProducer,
  PoisonMessageError,
  type ConsumerLogger,
  type ConsumerObserver,
  type MessageHandler,
  type QueueMessage,
} from './index.ts';

let sqsService: SqsTestInstance;
let sqs: SQSClient;
let calls: string[] = [];
let queueCounter = 0;
const consumers: FifoQueueConsumer[] = [];

beforeAll(async () => {
  sqsService = await startSqs();
  sqs = sqsService.createClient();
  sqs.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize' },
  );
});
afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
});
afterAll(() => sqsService.stop());

const logs: { level: string; msg: string; obj: object }[] = [];
const logger: ConsumerLogger = {
  debug: (obj, msg) => logs.push({ level: 'debug', obj, msg }),
  info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
};

async function newQueue(overrides: Partial<QueueDefinition> = {}) {
  queueCounter += 1;
  const definition: QueueDefinition = {
    name: `consumer-${queueCounter}.fifo`,
    fifo: true,
    contentBasedDeduplication: false,
    visibilityTimeoutSeconds: 5,
    receiveWaitTimeSeconds: 1,
    retentionSeconds: 3600,
    deadLetter: {
      name: `consumer-${queueCounter}-dlq.fifo`,
      maxReceiveCount: 3,
      retentionSeconds: 3600,
    },
    ...overrides,
  };
  const queue = await ensureQueueWithDeadLetter(sqs, definition, sqsService.queuePrefix);
  return {
    url: queue.url,
    dlqUrl: queue.deadLetter?.url ?? '',
    producer: new FifoQueueProducer({ sqs, queueUrl: queue.url }),
  };
}

function consume(
  queueUrl: string,
  handler: MessageHandler,
  options: {
    visibilityTimeoutSeconds?: number;
    deadLetterQueueUrl?: string;
    inProcessRetryDelaysMs?: number[];
    observer?: ConsumerObserver;
  } = {},
) {
  const consumer = new FifoQueueConsumer({
    sqs,
    queueUrl,
    handler,
    logger,
    waitTimeSeconds: 1,
    receiveLoops: 2,
    retryDelaySeconds: () => 0,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5,
    inProcessRetryDelaysMs: options.inProcessRetryDelaysMs ?? [],
    ...(options.deadLetterQueueUrl ? { deadLetterQueueUrl: options.deadLetterQueueUrl } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
  consumers.push(consumer);
  consumer.start();
  return consumer;
}

const until = (condition: () => boolean, timeoutMs = 15_000) =>
  waitUntil(async () => condition(), { timeoutMs, intervalMs: 20 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const send = (producer: FifoQueueProducer, groupId: string, body: string) =>
  producer.send({ body, groupId, deduplicationId: `${groupId}-${body}` });

describe('FifoQueueConsumer', () => {
  it('processes each group strictly in order and different groups in parallel', async () => {
    const { url, producer } = await newQueue();
    const groups = ['alice', 'bob', 'carol'];
    for (let n = 1; n <= 5; n += 1) for (const group of groups) await send(producer, group, `${n}`);
    const seen = new Map<string, number[]>();
    let active = 0;
    let maxActive = 0;
    consume(url, async (message) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(15);
      seen.set(message.groupId, [...(seen.get(message.groupId) ?? []), Number(message.body)]);
      active -= 1;
    });
    await until(() => [...seen.values()].flat().length === 15);
    for (const group of groups) expect(seen.get(group)).toEqual([1, 2, 3, 4, 5]);
    expect(maxActive).toBeGreaterThan(1);
  });

  it('reports what it received (with the send time) and each handler run with its outcome', async () => {
    const { url, producer } = await newQueue();
    const sentAfter = Date.now() - 1_000; // SQS timestamps have the queue's clock
    await send(producer, 'dora', 'ok');
    await send(producer, 'dora', 'fails-once');
    const received: { body: string; sentAt: number; receivedAt: number }[] = [];
    const handled: { body: string; outcome: string; seconds: number }[] = [];
    let failed = false;
    consume(
      url,
      async (message) => {
        await sleep(20);
        if (message.body === 'fails-once' && !failed) {
          failed = true;
          throw new Error('not yet');
        }
      },
      {
        observer: {
          received: (messages, receivedAt) =>
            received.push(...messages.map((m) => ({ body: m.body, sentAt: m.sentAt, receivedAt }))),
          handled: (message, seconds, outcome) =>
            handled.push({ body: message.body, outcome, seconds }),
        },
      },
    );
    await until(() => handled.filter((h) => h.outcome === 'done').length === 2);
    expect(handled.map((h) => [h.body, h.outcome])).toEqual([
      ['ok', 'done'],
      ['fails-once', 'retry'],
      ['fails-once', 'done'],
    ]);
    for (const h of handled) expect(h.seconds).toBeGreaterThanOrEqual(0.015);
    const first = received.find((r) => r.body === 'ok');
    expect(first?.sentAt).toBeGreaterThan(sentAfter);
    expect(first?.receivedAt).toBeGreaterThanOrEqual(first?.sentAt ?? Infinity);
  });

  it('deletes in batches: fewer delete calls than messages', async () => {
    const { url, producer } = await newQueue();
    await producer.sendMany(
      Array.from({ length: 10 }, (_, n) => ({
        body: 'x',
        groupId: `g${n}`,
        deduplicationId: `d${n}`,
      })),
    );
    let handled = 0;
    calls = [];
    consume(url, async () => {
      handled += 1;
    });
    await until(() => handled === 10);
    await until(() => calls.filter((c) => c === 'DeleteMessageBatchCommand').length > 0);
    await sleep(200);
    const deletes = calls.filter((c) => c === 'DeleteMessageBatchCommand').length;
    expect(deletes).toBeGreaterThan(0);
    expect(deletes).toBeLessThan(10);
    expect(calls).not.toContain('DeleteMessageCommand');
  });

  it('retries a failed message before any later message of its group, and loses nothing', async () => {
    const { url, producer } = await newQueue();
    for (const body of ['1', '2', '3']) await send(producer, 'alice', body);
    await send(producer, 'bob', '1');
    const processed: string[] = [];
    let failuresLeft = 2;
    consume(url, async (message) => {
      if (message.groupId === 'alice' && message.body === '2' && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('dynamodb timed out');
      }
      processed.push(`${message.groupId}:${message.body}`);
    });
    await until(() => processed.length === 4);
    expect(processed.filter((p) => p.startsWith('alice'))).toEqual([
      'alice:1',
      'alice:2',
      'alice:3',
    ]);
    expect(processed).toContain('bob:1');
    expect(
      logs.some((l) => l.level === 'warn' && l.msg === 'message failed; it will be retried'),
    ).toBe(true);
  });

  it('retries a retryable failure in process first: later messages of the group are not received again', async () => {
    const { url, producer } = await newQueue();
    for (const body of ['1', '2', '3']) await send(producer, 'carol', body);
    const seen: QueueMessage[] = [];
    let failuresLeft = 2;
    consume(
      url,
      async (message) => {
        if (message.body === '1' && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('dynamodb throttled');
        }
        seen.push(message);
      },
      { inProcessRetryDelaysMs: [10, 10] },
    );
    await until(() => seen.length === 3);
    expect(seen.map((m) => m.body)).toEqual(['1', '2', '3']);
    // each message was received once: the retries cost no receive count
    expect(seen.map((m) => m.receiveCount)).toEqual([1, 1, 1]);
  });

  it('moves poison to the dead-letter queue at once, with its reason, and the group goes on in order', async () => {
    const { url, dlqUrl, producer } = await newQueue();
    // more poison ahead of a valid message than the queue's maxReceiveCount (3)
    for (const body of ['poison-1', 'poison-2', 'poison-3', 'poison-4', 'valid']) {
      await send(producer, 'dora', body);
    }
    const processed: QueueMessage[] = [];
    let poisonAttempts = 0;
    consume(
      url,
      async (message) => {
        if (message.body.startsWith('poison')) {
          poisonAttempts += 1;
          throw new PoisonMessageError('INVALID_JSON', `${message.body} is not JSON`);
        }
        processed.push(message);
      },
      { deadLetterQueueUrl: dlqUrl },
    );
    await until(() => processed.length === 1);
    expect(processed[0]?.body).toBe('valid');
    expect(poisonAttempts).toBe(4); // each poison handled once
    const dead: Message[] = [];
    // FIFO: a group's next message is handed out only after the previous one is deleted
    while (dead.length < 4) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      for (const m of received.Messages ?? []) {
        dead.push(m);
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: m.ReceiptHandle }),
        );
      }
    }
    expect(dead.map((m) => m.Body)).toEqual(['poison-1', 'poison-2', 'poison-3', 'poison-4']);
    expect(dead[0]?.MessageAttributes?.['poison-code']?.StringValue).toBe('INVALID_JSON');
    expect(dead[0]?.MessageAttributes?.['poison-reason']?.StringValue).toBe('poison-1 is not JSON');
  });

  it('leaves a poison message to the dead-letter queue and goes on with the rest', async () => {
    const { url, dlqUrl, producer } = await newQueue();
    await send(producer, 'alice', 'poison');
    await send(producer, 'alice', 'after');
    await send(producer, 'bob', 'fine');
    const processed: string[] = [];
    const attempts: QueueMessage[] = [];
    consume(url, async (message) => {
      if (message.body === 'poison') {
        attempts.push(message);
        throw new PoisonMessageError(
          'INVALID_MESSAGE',
          'payload.quantity: expected a decimal string',
        );
      }
      processed.push(`${message.groupId}:${message.body}`);
    });
    await until(() => processed.length === 2);
    expect(processed.sort()).toEqual(['alice:after', 'bob:fine']);
    expect(attempts.length).toBe(3);
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
    const logged = logs.find((l) => l.msg === 'poison message: left for the dead-letter queue');
    expect(logged?.obj).toMatchObject({
      code: 'INVALID_MESSAGE',
      reason: 'payload.quantity: expected a decimal string',
    });
  });

  it('extends visibility while a handler is slow, so the message is not delivered twice', async () => {
    const { url, producer } = await newQueue({ visibilityTimeoutSeconds: 1 });
    await send(producer, 'alice', 'slow');
    let invocations = 0;
    consume(
      url,
      async () => {
        invocations += 1;
        await sleep(2_500);
      },
      { visibilityTimeoutSeconds: 1 },
    );
    await until(() => invocations === 1);
    await sleep(3_500);
    expect(invocations).toBe(1);
  });

  it('stop() waits for the batch in flight and deletes it', async () => {
    const { url, producer } = await newQueue();
    await send(producer, 'alice', 'one');
    let finished = false;
    let started = false;
    const consumer = consume(url, async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    await until(() => started);
    await consumer.stop();
    expect(finished).toBe(true);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }));
    expect(again.Messages ?? []).toEqual([]);
  });
});
