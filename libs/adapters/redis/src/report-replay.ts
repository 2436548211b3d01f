import type { Redis } from 'ioredis';
import type { RedisKeyspace } from './redis-keys.ts';

/** One account's reports with a sequence number greater than `afterSeq`, oldest first. */
export async function replayReports(
  redis: Redis,
  keys: RedisKeyspace,
  accountId: string,
  afterSeq: number,
  limit = 1_000,
): Promise<unknown[]> {
  const entries = await redis.xrange(
    keys.accountReports(accountId),
    `(${afterSeq}-0`,
    '+',
    'COUNT',
    limit,
  );
  return entries.map(([, fields]) => JSON.parse(fields[1] ?? 'null') as unknown);
}

/** The sequence number of the account's newest published report (0 when none). */
export async function lastPublishedSeq(
  redis: Redis,
  keys: RedisKeyspace,
  accountId: string,
): Promise<number> {
  const [newest] = await redis.xrevrange(keys.accountReports(accountId), '+', '-', 'COUNT', 1);
  return newest ? Number(newest[0].split('-')[0]) : 0;
}
