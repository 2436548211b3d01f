import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  QUEUES,
  deadLetterAttributes,
  queueAttributes,
  queueName,
  redrivePolicy,
  type QueueDefinition,
} from './queues.ts';
import { findQueueUrl } from './queue-url.ts';
import { TABLES, createTableInput, tableName, type TableDefinition } from './tables.ts';

/** `updated`: the table existed without some of its declared indexes, which were added. */
export type ProvisionAction = 'created' | 'exists' | 'updated';

export interface ProvisionedQueue {
  readonly name: string;
  readonly url: string;
  readonly action: ProvisionAction;
  readonly deadLetter?: {
    readonly name: string;
    readonly url: string;
    readonly action: ProvisionAction;
  };
}

async function ensureQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; action: ProvisionAction }> {
  const existing = await findQueueUrl(sqs, name);
  if (existing) return { url: existing, action: 'exists' };
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  if (!created.QueueUrl) throw new Error(`CreateQueue for ${name} returned no QueueUrl`);
  return { url: created.QueueUrl, action: 'created' };
}

/** Creates the queue (and its dead-letter queue first) unless it exists; an existing queue is left as it is. */
export async function ensureQueueWithDeadLetter(
  sqs: SQSClient,
  definition: QueueDefinition,
  prefix = '',
): Promise<ProvisionedQueue> {
  const name = queueName(definition.name, prefix);
  if (!definition.deadLetter)
    return { name, ...(await ensureQueue(sqs, name, queueAttributes(definition))) };
  const dlqName = queueName(definition.deadLetter.name, prefix);
  const dlq = await ensureQueue(sqs, dlqName, deadLetterAttributes(definition));
  const dlqArn = (
    await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.url, AttributeNames: ['QueueArn'] }),
    )
  ).Attributes?.['QueueArn'];
  if (!dlqArn) throw new Error(`GetQueueAttributes for ${dlqName} returned no QueueArn`);
  const main = await ensureQueue(sqs, name, {
    ...queueAttributes(definition),
    RedrivePolicy: redrivePolicy(dlqArn, definition.deadLetter.maxReceiveCount),
  });
  return { name, ...main, deadLetter: { name: dlqName, ...dlq } };
}

export async function ensureQueues(
  sqs: SQSClient,
  prefix = '',
): Promise<Record<keyof typeof QUEUES, ProvisionedQueue>> {
  return { orders: await ensureQueueWithDeadLetter(sqs, QUEUES.orders, prefix) };
}

export interface ProvisionedTable {
  readonly name: string;
  readonly action: ProvisionAction;
}

/** The names of the table's indexes, or undefined when there is no such table. */
async function tableIndexes(dynamodb: DynamoDBClient, name: string): Promise<string[] | undefined> {
  try {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    return (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? '');
  } catch (error) {
    if (
      error instanceof ResourceNotFoundException ||
      (error as { name?: string }).name === 'ResourceNotFoundException'
    ) {
      return undefined;
    }
    throw error;
  }
}

/** Adds the declared indexes a table lacks (one per UpdateTable: DynamoDB's rule) and waits for each. */
async function addMissingIndexes(
  dynamodb: DynamoDBClient,
  definition: TableDefinition,
  name: string,
  existing: readonly string[],
): Promise<boolean> {
  const full = createTableInput(definition);
  const missing = (full.GlobalSecondaryIndexes ?? []).filter(
    (index) => !existing.includes(index.IndexName),
  );
  for (const index of missing) {
    await dynamodb.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: full.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    for (let attempt = 0; ; attempt += 1) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
      const status = Table?.GlobalSecondaryIndexes?.find(
        (i) => i.IndexName === index.IndexName,
      )?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (attempt >= 600) throw new Error(`index ${index.IndexName} of ${name} is still ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  return missing.length > 0;
}

export async function ensureTable(
  dynamodb: DynamoDBClient,
  definition: TableDefinition,
  prefix = '',
): Promise<ProvisionedTable> {
  const name = tableName(definition.name, prefix);
  let action: ProvisionAction = 'exists';
  const indexes = await tableIndexes(dynamodb, name);
  if (indexes !== undefined) {
    if (await addMissingIndexes(dynamodb, definition, name, indexes)) action = 'updated';
  } else {
    await dynamodb.send(new CreateTableCommand(createTableInput(definition, prefix)));
    await waitUntilTableExists(
      { client: dynamodb, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: name },
    );
    action = 'created';
  }
  if (definition.ttlAttribute) {
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
        }),
      );
    }
  }
  return { name, action };
}

export async function ensureTables(
  dynamodb: DynamoDBClient,
  prefix = '',
): Promise<Record<keyof typeof TABLES, ProvisionedTable>> {
  const [config, trading] = await Promise.all([
    ensureTable(dynamodb, TABLES.config, prefix),
    ensureTable(dynamodb, TABLES.trading, prefix),
  ]);
  return { config, trading };
}
