import {
  CreateTableCommand,
  GetItemCommand,
  ListTablesCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDynamoDb, type DynamoDbTestInstance } from './index.ts';
import { DYNAMODB_ENDPOINT_KEY } from './provided-context.ts';

describe('connectDynamoDb (DynamoDB Local from the global setup)', () => {
  let dynamo: DynamoDbTestInstance;
  let client: DynamoDBClient;
  let table: string;

  beforeAll(async () => {
    dynamo = await connectDynamoDb();
    client = dynamo.createClient();
    table = `${dynamo.tablePrefix}accounts`;
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  });
  afterAll(() => dynamo?.dispose());

  it('uses the server the global setup provided, not one of its own', () => {
    const expected =
      process.env['DYNAMODB_ENDPOINT'] ||
      (inject as (key: string) => unknown)(DYNAMODB_ENDPOINT_KEY);
    expect(expected).toMatch(/^https?:\/\/.+:\d+$/);
    expect(dynamo.endpoint).toBe(expected);
  });

  it('cancels a whole TransactWriteItems when one ConditionExpression fails', async () => {
    const transaction = new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: { S: 'order#1' }, status: { S: 'OPEN' } } } },
        {
          // The account does not exist, so this condition fails and must take the Put with it.
          Update: {
            TableName: table,
            Key: { pk: { S: 'account#1' } },
            UpdateExpression: 'SET reserved = :amount',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':amount': { N: '100' } },
          },
        },
      ],
    });

    const error = await client.send(transaction).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(TransactionCanceledException);
    const reasons = (error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code);
    expect(reasons).toEqual(['None', 'ConditionalCheckFailed']);
    const order = await client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'order#1' } }, ConsistentRead: true }),
    );
    expect(order.Item).toBeUndefined();
  });

  it('deletes only its own tables on dispose', async () => {
    const other = await connectDynamoDb();
    const otherClient = other.createClient();
    await otherClient.send(
      new CreateTableCommand({
        TableName: `${other.tablePrefix}scratch`,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await other.dispose();

    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toContain(table);
    expect(TableNames.filter((name) => name.startsWith(other.tablePrefix))).toEqual([]);
  });
});
