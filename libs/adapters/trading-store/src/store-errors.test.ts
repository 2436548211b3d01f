import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { isRetryable } from '@perp/retry';
import { describe, expect, it } from 'vitest';
import { RetryableStoreError, retryableStoreClient } from './store-errors.ts';

const failingWith = (error: unknown) =>
  ({ send: async () => Promise.reject(error) }) as unknown as DynamoDBDocumentClient;

const get = new GetCommand({ TableName: 't', Key: { pk: 'p', sk: 's' } });

describe('retryableStoreClient', () => {
  it('turns a throttled or unreachable request into a RetryableStoreError', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    for (const cause of [throttled, refused]) {
      const error = await retryableStoreClient(failingWith(cause))
        .send(get)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableStoreError);
      expect(isRetryable(error)).toBe(true);
      expect((error as Error).cause).toBe(cause);
    }
  });

  it('passes other failures unchanged', async () => {
    const failed = Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' });
    await expect(retryableStoreClient(failingWith(failed)).send(get)).rejects.toBe(failed);
  });

  it('answers what the client answers', async () => {
    const db = { send: async () => ({ Item: { pk: 'p' } }) } as unknown as DynamoDBDocumentClient;
    await expect(retryableStoreClient(db).send(get)).resolves.toEqual({ Item: { pk: 'p' } });
  });
});
