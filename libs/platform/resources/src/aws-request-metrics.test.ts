import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import {
  connectDynamoDb,
  startSqs,
  type DynamoDbTestInstance,
  type SqsTestInstance,
} from '@perp/test-services';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentAwsClients } from './index.ts';

let sqsService: SqsTestInstance;
let dynamo: DynamoDbTestInstance;
beforeAll(async () => {
  [sqsService, dynamo] = await Promise.all([startSqs(), connectDynamoDb()]);
});
afterAll(async () => {
  await Promise.all([sqsService.stop(), dynamo.dispose()]);
});

const value = async (registry: Registry, name: string, labels: Record<string, string>) => {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const match = metric?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return match?.value;
};

describe('instrumentAwsClients (fauxqs, DynamoDB Local)', () => {
  it('counts and times each request by client, operation and outcome', async () => {
    const registry = new Registry();
    const clients = { sqs: sqsService.createClient(), dynamodb: dynamo.createClient() };
    instrumentAwsClients(clients, registry);

    await clients.sqs.send(new ListQueuesCommand({}));
    await clients.sqs.send(new ListQueuesCommand({}));
    await expect(
      clients.dynamodb.send(new DescribeTableCommand({ TableName: 'no-such-table' })),
    ).rejects.toThrow();

    const sqsOk = { client: 'sqs', operation: 'ListQueues', outcome: 'ok' };
    expect(await value(registry, 'aws_requests_total', sqsOk)).toBe(2);
    const missing = {
      client: 'dynamodb',
      operation: 'DescribeTable',
      outcome: 'ResourceNotFoundException',
    };
    expect(await value(registry, 'aws_requests_total', missing)).toBe(1);
    const timed = await value(registry, 'aws_request_duration_seconds', {
      client: 'sqs',
      operation: 'ListQueues',
      le: '+Inf',
    });
    expect(timed).toBe(2);
  });

  it('installed again on the same clients, only the new registry counts', async () => {
    const clients = { sqs: sqsService.createClient(), dynamodb: dynamo.createClient() };
    const first = new Registry();
    const second = new Registry();
    instrumentAwsClients(clients, first);
    instrumentAwsClients(clients, second);
    await clients.sqs.send(new ListQueuesCommand({}));
    const labels = { client: 'sqs', operation: 'ListQueues', outcome: 'ok' };
    expect(await value(first, 'aws_requests_total', labels)).toBeUndefined();
    expect(await value(second, 'aws_requests_total', labels)).toBe(1);
  });
});
