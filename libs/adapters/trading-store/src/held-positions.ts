// Reads for a sweep over every account that holds a position (the margin-call job): the sparse,
// sharded held-positions index instead of a scan of the whole trading table, and balances in
// batches, so a sweep costs about one request per hundred accounts.
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@perp/resources';
import { backoff } from '@perp/retry';
import type { AccountBalance, AccountId, Position } from '@perp/trading-domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { itemToBalance, itemToPosition, type Item } from './item-codec.ts';
import { HELD_POSITION_SHARDS, tradingKeys } from './keys.ts';
import { RetryableStoreError, retryableStoreClient, type StoreClient } from './store-errors.ts';

/** An account with every position it holds that is not flat. */
export interface HeldAccount {
  readonly accountId: AccountId;
  readonly positions: readonly Position[];
}

export interface HeldAccountsOptions {
  /** Shards queried at once (default 8). */
  readonly concurrency?: number;
  /** Limit per Query page; only tests need it, to force accounts across page boundaries. */
  readonly pageLimit?: number;
}

/** BatchGetItem's maximum number of keys per request. */
const BATCH_GET_KEYS = 100;
const BATCH_GET_CONCURRENCY = 8;
/** UnprocessedKeys means throttled; after this many rounds the caller should retry later. */
const BATCH_GET_ATTEMPTS = 8;
const unprocessedBackoff = backoff({ initialMs: 20, maxMs: 1_000 });

export class HeldPositionsReader {
  readonly #db: StoreClient;
  readonly #table: string;

  constructor(options: { db: DynamoDBDocumentClient; tablePrefix?: string }) {
    this.#db = retryableStoreClient(options.db);
    this.#table = `${options.tablePrefix ?? ''}${TABLES.trading.name}`;
  }

  /**
   * Every account with a non-flat position, once each with all its positions, in no particular
   * order. Eventually consistent (a GSI read): a position changed a moment ago may show its
   * previous state. Each shard has at most one page request in flight, so a slow consumer holds
   * back the reads instead of buffering the table in memory.
   */
  async *accounts(options: HeldAccountsOptions = {}): AsyncGenerator<HeldAccount, void, undefined> {
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
    const stop = new AbortController();
    type Next = { shard: AsyncGenerator<HeldAccount[]>; result: IteratorResult<HeldAccount[]> };
    const pending = new Map<AsyncGenerator<HeldAccount[]>, Promise<Next>>();
    const pull = (shard: AsyncGenerator<HeldAccount[]>) => {
      const next = shard.next().then((result) => ({ shard, result }));
      // A page that fails after the consumer stopped has nobody to report to.
      next.catch(() => undefined);
      pending.set(shard, next);
    };
    let started = 0;
    try {
      for (;;) {
        while (pending.size < concurrency && started < HELD_POSITION_SHARDS) {
          pull(this.#shard(started, options.pageLimit, stop.signal));
          started += 1;
        }
        if (pending.size === 0) return;
        const { shard, result } = await Promise.race(pending.values());
        if (result.done) {
          pending.delete(shard);
          continue;
        }
        // Fetch the shard's next page while the consumer works through this one.
        pull(shard);
        yield* result.value;
      }
    } finally {
      // The consumer broke out or a shard failed: cancel the requests in flight and let them end.
      stop.abort();
      await Promise.allSettled(pending.values());
    }
  }

  /** The balances of the accounts that have one; accounts without a balance are absent. */
  async balances(accountIds: readonly AccountId[]): Promise<Map<AccountId, AccountBalance>> {
    // BatchGetItem refuses a request that names the same key twice.
    const unique = [...new Set(accountIds)];
    const chunks: AccountId[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_KEYS)
      chunks.push(unique.slice(i, i + BATCH_GET_KEYS));
    const found = new Map<AccountId, AccountBalance>();
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] ?? [];
        for (const item of await this.#batchGet(chunk)) {
          const balance = itemToBalance(item);
          found.set(balance.accountId, balance);
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(BATCH_GET_CONCURRENCY, chunks.length) }, worker),
    );
    return found;
  }

  /**
   * One shard's held positions, as the accounts each page completes. Items sort by
   * `<accountId>#<symbol>`, so an account is complete when the next one starts or the shard ends,
   * even if its positions straddle pages.
   */
  async *#shard(
    shard: number,
    pageLimit: number | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<HeldAccount[]> {
    let current: { accountId: AccountId; positions: Position[] } | undefined;
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: TABLES.trading.indexes[1].indexName,
          KeyConditionExpression: 'heldPk = :shard',
          ExpressionAttributeValues: { ':shard': tradingKeys.heldShardPk(shard) },
          ...(pageLimit === undefined ? {} : { Limit: pageLimit }),
          ExclusiveStartKey: start,
        }),
        { abortSignal: signal },
      );
      const complete: HeldAccount[] = [];
      for (const item of result.Items ?? []) {
        const position = itemToPosition(item);
        if (current?.accountId === position.accountId) {
          current.positions.push(position);
        } else {
          if (current) complete.push(current);
          current = { accountId: position.accountId, positions: [position] };
        }
      }
      if (complete.length > 0) yield complete;
      start = result.LastEvaluatedKey;
    } while (start);
    if (current) yield [current];
  }

  /** The BALANCE items of up to 100 accounts, retrying the keys DynamoDB left unprocessed. */
  async #batchGet(accountIds: readonly AccountId[]): Promise<Item[]> {
    const items: Item[] = [];
    let keys: Record<string, unknown>[] = accountIds.map((accountId) => ({
      pk: tradingKeys.accountPk(accountId),
      sk: tradingKeys.balanceSk,
    }));
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt >= BATCH_GET_ATTEMPTS)
        throw new RetryableStoreError(
          `DynamoDB left ${keys.length} balance keys unprocessed after ${attempt} attempts`,
        );
      if (attempt > 0) await sleep(unprocessedBackoff(attempt - 1));
      const result = await this.#db.send(
        new BatchGetCommand({
          // Strongly consistent, as TradingStore reads balances: a deposit just made must count.
          RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true } },
        }),
      );
      items.push(...(result.Responses?.[this.#table] ?? []));
      keys = result.UnprocessedKeys?.[this.#table]?.Keys ?? [];
    }
    return items;
  }
}
