import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import {
  connectDynamoDb,
  startSqs,
  type DynamoDbTestInstance,
  type SqsTestInstance,
} from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUEUES,
  QueueNotProvisionedError,
  TABLES,
  ensureQueues,
  ensureTable,
  ensureTables,
  queueName,
  requireQueueUrl,
} from './index.ts';

let sqsService: SqsTestInstance;
let dynamo: DynamoDbTestInstance;
beforeAll(async () => {
  [sqsService, dynamo] = await Promise.all([startSqs(), connectDynamoDb()]);
});
afterAll(async () => {
  await Promise.all([sqsService.stop(), dynamo.dispose()]);
});

describe('ensureQueues', () => {
  it('creates the FIFO queue with a dead-letter queue and redrive policy, then leaves them alone', async () => {
    const sqs = sqsService.createClient();
    const prefix = sqsService.queuePrefix;
    const first = await ensureQueues(sqs, prefix);
    expect(first.orders.action).toBe('created');
    expect(first.orders.deadLetter?.action).toBe('created');

    const attributes = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: first.orders.url, AttributeNames: ['All'] }),
      )
    ).Attributes;
    expect(attributes?.['FifoQueue']).toBe('true');
    expect(attributes?.['ContentBasedDeduplication']).toBe('false');
    const redrive = JSON.parse(attributes?.['RedrivePolicy'] ?? '{}');
    expect(redrive.maxReceiveCount).toBe(QUEUES.orders.deadLetter.maxReceiveCount);
    expect(redrive.deadLetterTargetArn).toMatch(new RegExp(`${prefix}orders-dlq\\.fifo$`));

    const second = await ensureQueues(sqs, prefix);
    expect(second.orders).toMatchObject({ action: 'exists', url: first.orders.url });
    expect(second.orders.deadLetter?.action).toBe('exists');
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    expect(listed.QueueUrls).toHaveLength(2);
  });
});

describe('ensureTables', () => {
  it('creates both tables with their indexes and TTL, then leaves them alone', async () => {
    const client = dynamo.createClient();
    const prefix = dynamo.tablePrefix;
    const first = await ensureTables(client, prefix);
    expect(first.trading.action).toBe('created');
    expect(first.config.action).toBe('created');

    const trading = (await client.send(new DescribeTableCommand({ TableName: `${prefix}trading` })))
      .Table;
    expect(trading?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      TABLES.trading.indexes.map((i) => i.indexName).sort(),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: `${prefix}trading` }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });

    const second = await ensureTables(client, prefix);
    expect(second.trading.action).toBe('exists');
    expect(second.config.action).toBe('exists');
  });

  it('adds a declared index an older table lacks', async () => {
    const client = dynamo.createClient();
    const prefix = `${dynamo.tablePrefix}old-`;
    const [first, ...later] = TABLES.trading.indexes;
    const older = { ...TABLES.trading, indexes: first ? [first] : [] };
    expect((await ensureTable(client, older, prefix)).action).toBe('created');
    expect(later.length).toBeGreaterThan(0);

    expect((await ensureTable(client, TABLES.trading, prefix)).action).toBe('updated');
    const table = (await client.send(new DescribeTableCommand({ TableName: `${prefix}trading` })))
      .Table;
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      TABLES.trading.indexes.map((i) => i.indexName).sort(),
    );
    expect((await ensureTable(client, TABLES.trading, prefix)).action).toBe('exists');
  });
});

describe('requireQueueUrl', () => {
  it('finds a provisioned queue and names one that is missing', async () => {
    const sqs = sqsService.createClient();
    const prefix = `${sqsService.queuePrefix}url-`;
    const missing = queueName(QUEUES.orders.name, prefix);
    await expect(requireQueueUrl(sqs, missing)).rejects.toThrow(QueueNotProvisionedError);
    await expect(requireQueueUrl(sqs, missing)).rejects.toThrow(missing);
    const { orders } = await ensureQueues(sqs, prefix);
    expect(await requireQueueUrl(sqs, missing)).toBe(orders.url);
  });
});
