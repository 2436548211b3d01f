import { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix`; for a stack whose DynamoDB data is new. The OMS numbers each
 * account's reports from its balance record and the replay stream ignores numbers it has already
 * seen, so streams left from an earlier data set would silently swallow the new reports, and the
 * venue connector's cursor would point into a journal that is gone.
 */
export async function clearRedisKeyspace(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  // SCAN, not KEYS: the Redis may be shared and large.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
