import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ExecutionReport } from '@perp/contracts';
import { TABLES } from '@perp/resources';
import type {
  AccountBalance,
  AccountId,
  ClientOrderClaim,
  ClientOrderId,
  CommandId,
  Fill,
  InstrumentSymbol,
  Order,
  OrderId,
  Position,
} from '@perp/trading-domain';
import { commandToItem, itemToCommand } from './command-codec.ts';
import {
  balanceToItem,
  claimToItem,
  fillToItem,
  itemToBalance,
  itemToClaim,
  itemToFill,
  itemToOrder,
  itemToPosition,
  orderToItem,
  positionToItem,
  type Item,
} from './item-codec.ts';
import { IN_FLIGHT_SHARDS, tradingKeys } from './keys.ts';
import type { CommandRecord, Versioned } from './records.ts';
import { RetryableStoreError, retryableStoreClient, type StoreClient } from './store-errors.ts';

/** What one command changes, written as one transaction (one DynamoDB write request). */
export interface TradingChange {
  readonly accountId: AccountId;
  /** Recorded with what the command produced; a second commit of the same command is refused. */
  readonly command: CommandRecord;
  readonly balance?: { readonly value: AccountBalance; readonly expectedVersion: number | null };
  readonly orders?: readonly { readonly value: Order; readonly expectedVersion: number | null }[];
  readonly claim?: ClientOrderClaim;
  readonly fill?: Fill;
  readonly position?: { readonly value: Position; readonly expectedVersion: number | null };
}

/**
 * Why a commit was refused. `duplicate_command`, `duplicate_fill` and `client_order_id_taken` mean
 * the work was done before (redelivery, retry); `stale` means another writer changed an item first.
 */
export type CommitConflict =
  'duplicate_command' | 'duplicate_fill' | 'client_order_id_taken' | 'stale';
export type CommitOutcome =
  { readonly committed: true } | { readonly committed: false; readonly conflict: CommitConflict };

export interface PageOptions {
  readonly symbol?: InstrumentSymbol;
  readonly limit?: number;
  /** Only entries strictly older than this time (ms). */
  readonly before?: number;
}

const COMMAND_TTL_SECONDS = 7 * 24 * 3600;

export class TradingStore {
  readonly #db: StoreClient;
  readonly #table: string;

  constructor(options: { db: DynamoDBDocumentClient; tablePrefix?: string }) {
    this.#db = retryableStoreClient(options.db);
    this.#table = `${options.tablePrefix ?? ''}${TABLES.trading.name}`;
  }

  async getBalance(accountId: AccountId): Promise<Versioned<AccountBalance> | undefined> {
    const item = await this.#get(tradingKeys.accountPk(accountId), tradingKeys.balanceSk);
    return item && { value: itemToBalance(item), version: Number(item['version']) };
  }

  async getOrder(accountId: AccountId, orderId: OrderId): Promise<Versioned<Order> | undefined> {
    const item = await this.#get(tradingKeys.accountPk(accountId), tradingKeys.orderSk(orderId));
    return item && { value: itemToOrder(item), version: Number(item['version']) };
  }

  async getClaim(
    accountId: AccountId,
    clientOrderId: ClientOrderId,
  ): Promise<ClientOrderClaim | undefined> {
    const item = await this.#get(
      tradingKeys.accountPk(accountId),
      tradingKeys.clientOrderSk(clientOrderId),
    );
    return item && itemToClaim(item);
  }

  async getOrderByClientOrderId(
    accountId: AccountId,
    clientOrderId: ClientOrderId,
  ): Promise<Versioned<Order> | undefined> {
    const claim = await this.getClaim(accountId, clientOrderId);
    return claim && this.getOrder(accountId, claim.orderId);
  }

  async getPosition(
    accountId: AccountId,
    symbol: InstrumentSymbol,
  ): Promise<Versioned<Position> | undefined> {
    const item = await this.#get(tradingKeys.accountPk(accountId), tradingKeys.positionSk(symbol));
    return item && { value: itemToPosition(item), version: Number(item['version']) };
  }

  async getCommand(accountId: AccountId, commandId: CommandId): Promise<CommandRecord | undefined> {
    const item = await this.#get(
      tradingKeys.accountPk(accountId),
      tradingKeys.commandSk(commandId),
    );
    return item && itemToCommand(item);
  }

  /**
   * The execution reports a processed command published, in order (none while it is not
   * processed): how a retried request learns the outcome of the first, without reading the record.
   */
  async publishedReports(
    accountId: AccountId,
    commandId: CommandId,
  ): Promise<readonly ExecutionReport[]> {
    return (await this.getCommand(accountId, commandId))?.reports ?? [];
  }

  async listPositions(accountId: AccountId): Promise<Versioned<Position>[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': tradingKeys.accountPk(accountId),
        ':prefix': tradingKeys.positionSkPrefix,
      },
      ConsistentRead: true,
    });
    return items.map((item) => ({ value: itemToPosition(item), version: Number(item['version']) }));
  }

  /** Open orders from the sparse index (eventually consistent, as every GSI read). */
  async listOpenOrders(
    accountId: AccountId,
    symbol?: InstrumentSymbol,
  ): Promise<Versioned<Order>[]> {
    const items = await this.#queryAll({
      IndexName: TABLES.trading.indexes[0].indexName,
      KeyConditionExpression: symbol
        ? 'openPk = :pk AND begins_with(openSk, :symbol)'
        : 'openPk = :pk',
      ExpressionAttributeValues: {
        ':pk': tradingKeys.openPk(accountId),
        ...(symbol ? { ':symbol': `${symbol}#` } : {}),
      },
    });
    return items.map((item) => ({ value: itemToOrder(item), version: Number(item['version']) }));
  }

  /**
   * Orders awaiting the venue's answer (`submitted`, `pending_cancel`) that last changed before
   * `updatedBefore`, oldest first within each shard, up to `limitPerShard` from each (a sweep
   * takes the rest next time). Eventually consistent (a GSI read): re-read an order before acting.
   */
  async listInFlightOrders(options: {
    readonly updatedBefore: number;
    readonly limitPerShard?: number;
  }): Promise<Versioned<Order>[]> {
    const limit = options.limitPerShard ?? 100;
    const shards = Array.from({ length: IN_FLIGHT_SHARDS }, (_, shard) =>
      this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: TABLES.trading.indexes[2].indexName,
          KeyConditionExpression: 'inFlightPk = :pk AND inFlightSk < :before',
          ExpressionAttributeValues: {
            ':pk': tradingKeys.inFlightShardPk(shard),
            ':before': tradingKeys.inFlightSkBefore(options.updatedBefore),
          },
          Limit: limit,
        }),
      ),
    );
    const pages = await Promise.all(shards);
    return pages.flatMap((page) =>
      (page.Items ?? []).map((item) => ({
        value: itemToOrder(item),
        version: Number(item['version']),
      })),
    );
  }

  /** Orders newest first: order ids start with their creation time (see `newOrderId`). */
  async listOrders(accountId: AccountId, options: PageOptions = {}): Promise<Order[]> {
    return this.#page(accountId, tradingKeys.orderSkPrefix, options, itemToOrder);
  }

  /** Fills newest first. */
  async listFills(accountId: AccountId, options: PageOptions = {}): Promise<Fill[]> {
    return this.#page(accountId, tradingKeys.fillSkPrefix, options, itemToFill);
  }

  async commit(change: TradingChange): Promise<CommitOutcome> {
    const kinds: CommitConflict[] = [];
    const items: NonNullable<
      ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
    > = [];
    const put = (item: Item, conflict: CommitConflict, expectedVersion: number | null | 'new') => {
      kinds.push(conflict);
      items.push({
        Put: {
          TableName: this.#table,
          Item: item,
          ...(expectedVersion === null || expectedVersion === 'new'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        },
      });
    };
    const now = Math.floor(change.command.processedAt / 1000);
    put(commandToItem(change.command, now + COMMAND_TTL_SECONDS), 'duplicate_command', 'new');
    if (change.claim)
      put(claimToItem(change.accountId, change.claim), 'client_order_id_taken', 'new');
    if (change.fill) put(fillToItem(change.fill), 'duplicate_fill', 'new');
    if (change.balance) {
      const { value, expectedVersion } = change.balance;
      put(balanceToItem(value, (expectedVersion ?? 0) + 1), 'stale', expectedVersion);
    }
    for (const { value, expectedVersion } of change.orders ?? []) {
      put(orderToItem(value, (expectedVersion ?? 0) + 1), 'stale', expectedVersion);
    }
    if (change.position) {
      const { value, expectedVersion } = change.position;
      put(positionToItem(value, (expectedVersion ?? 0) + 1), 'stale', expectedVersion);
    }
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
      return { committed: true };
    } catch (error) {
      if (
        error instanceof TransactionCanceledException ||
        (error as { name?: string }).name === 'TransactionCanceledException'
      ) {
        const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed >= 0) return { committed: false, conflict: kinds[failed] ?? 'stale' };
        if (
          reasons.some(
            (reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError',
          )
        ) {
          throw new RetryableStoreError('transaction conflicted with another; retry', {
            cause: error,
          });
        }
      }
      throw error;
    }
  }

  async #get(pk: string, sk: string): Promise<Item | undefined> {
    const result = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk, sk }, ConsistentRead: true }),
    );
    return result.Item;
  }

  async #queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.#db.send(
        new QueryCommand({ TableName: this.#table, ...input, ExclusiveStartKey: start }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Newest first, between the kind's prefix and `before`, filtered by symbol, up to `limit`. */
  async #page<T>(
    accountId: AccountId,
    prefix: string,
    options: PageOptions,
    decode: (item: Item) => T,
  ): Promise<T[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1_000);
    const upper =
      options.before === undefined
        ? `${prefix}\uffff`
        : `${prefix}${String(options.before).padStart(13, '0')}`;
    const found: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
          ExpressionAttributeValues: {
            ':pk': tradingKeys.accountPk(accountId),
            ':lower': prefix,
            ':upper': upper,
            ...(options.symbol ? { ':symbol': options.symbol } : {}),
          },
          ...(options.symbol ? { FilterExpression: 'symbol = :symbol' } : {}),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of result.Items ?? []) if (found.length < limit) found.push(decode(item));
      start = result.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found;
  }
}
