// Bulk seeding of accounts for benchmarks and tests: BALANCE and POSITION items exactly as the
// OMS commits them (the same codec), but written with BatchWriteItem, unconditionally and
// without command records. Not for the OMS: it bypasses the versions that keep commits safe.
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@perp/resources';
import { backoff } from '@perp/retry';
import type { AccountBalance, Position } from '@perp/trading-domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { balanceToItem, positionToItem, type Item } from './item-codec.ts';
import { RetryableStoreError } from './store-errors.ts';

/** An account as seeded: its balance and its positions (flat ones stay out of the held index). */
export interface SeedAccount {
  readonly balance: AccountBalance;
  readonly positions: readonly Position[];
}

export interface BulkWriteOptions {
  /** BatchWriteItem requests in flight at once (default 8). */
  readonly concurrency?: number;
}

/** BatchWriteItem's maximum number of items per request. */
const BATCH_WRITE_ITEMS = 25;
/** UnprocessedItems means throttled; give up after this many rounds for one batch. */
const BATCH_WRITE_ATTEMPTS = 10;
const unprocessedBackoff = backoff({ initialMs: 20, maxMs: 1_000 });
/** What a first commit writes: version 1 (the OMS's `expectedVersion ?? 0` plus one). */
const FIRST_VERSION = 1;

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/**
 * Writes the accounts' items, 25 to a request with several requests in flight, retrying what
 * DynamoDB leaves unprocessed. Overwrites items already there. Returns the items and requests.
 */
export async function bulkWriteAccounts(
  db: DynamoDBDocumentClient,
  tablePrefix: string,
  accounts: Iterable<SeedAccount>,
  options: BulkWriteOptions = {},
): Promise<{ items: number; requests: number }> {
  const table = `${tablePrefix}${TABLES.trading.name}`;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  // Items are produced lazily, so a large seed is never all in memory as DynamoDB items.
  const items = (function* () {
    for (const account of accounts) {
      yield balanceToItem(account.balance, FIRST_VERSION);
      for (const position of account.positions) yield positionToItem(position, FIRST_VERSION);
    }
  })();
  const nextBatch = (): Item[] => {
    const batch: Item[] = [];
    for (let next = items.next(); !next.done; next = items.next()) {
      batch.push(next.value);
      if (batch.length >= BATCH_WRITE_ITEMS) break;
    }
    return batch;
  };
  let written = 0;
  let requests = 0;
  const writeBatch = async (batch: Item[]) => {
    let pending: WriteRequests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= BATCH_WRITE_ATTEMPTS)
        throw new RetryableStoreError(
          `DynamoDB left ${pending.length} items unprocessed after ${attempt} attempts`,
        );
      if (attempt > 0) await sleep(unprocessedBackoff(attempt - 1));
      requests += 1;
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] ?? [];
    }
    written += batch.length;
  };
  const worker = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) await writeBatch(batch);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { items: written, requests };
}
