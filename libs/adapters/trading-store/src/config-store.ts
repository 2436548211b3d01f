import {
  BatchGetCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@perp/resources';
import type {
  AccountId,
  Instrument,
  InstrumentRoute,
  InstrumentSymbol,
  RiskLimits,
  ScopedTradingStates,
  TradingState,
  TradingStateScope,
} from '@perp/trading-domain';
import { instrumentToItem, itemToInstrument, itemToRoute, routeToItem } from './item-codec.ts';
import { configKeys } from './keys.ts';
import { retryableStoreClient, type StoreClient } from './store-errors.ts';

export const DEFAULT_RISK_LIMITS: RiskLimits = { maxOpenOrders: 200, maxOrdersPerSecond: 20 };

const scopeKey = (scope: TradingStateScope, target?: string): string => {
  if (scope === 'global') return configKeys.globalScope;
  if (!target) throw new Error(`a ${scope} trading state needs a target`);
  return scope === 'symbol' ? configKeys.symbolScope(target) : `account#${target}`;
};

/** Every trading state that is set, by scope: what applies to one order is looked up locally. */
export class TradingStateTable {
  readonly #states: ReadonlyMap<string, TradingState>;

  constructor(states: ReadonlyMap<string, TradingState>) {
    this.#states = states;
  }

  /** The three scopes that apply to one order; a scope never set is `active`. */
  scopes(accountId: AccountId, symbol: InstrumentSymbol): ScopedTradingStates {
    return {
      global: this.#states.get(scopeKey('global')) ?? 'active',
      account: this.#states.get(scopeKey('account', accountId)) ?? 'active',
      symbol: this.#states.get(scopeKey('symbol', symbol)) ?? 'active',
    };
  }
}

/** Instruments, their venue routes, trading states and risk limits: the `config` table. */
export class ConfigStore {
  readonly #db: StoreClient;
  readonly #table: string;

  constructor(options: { db: DynamoDBDocumentClient; tablePrefix?: string }) {
    this.#db = retryableStoreClient(options.db);
    this.#table = `${options.tablePrefix ?? ''}${TABLES.config.name}`;
  }

  async listInstruments(): Promise<Instrument[]> {
    const result = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': configKeys.instrumentPk },
      }),
    );
    return (result.Items ?? []).map(itemToInstrument);
  }

  /** Adds the instrument, or replaces it when `replace` is set; resolves whether it wrote. */
  async putInstrument(
    instrument: Instrument,
    options: { replace?: boolean } = {},
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: instrumentToItem(instrument),
          ...(options.replace ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Every instrument's route that is set; an instrument without one goes to the default venue. */
  async listRoutes(): Promise<InstrumentRoute[]> {
    const result = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': configKeys.routePk },
      }),
    );
    return (result.Items ?? []).map(itemToRoute);
  }

  /** Routes the instrument's new orders to the venue account (orders placed keep theirs). */
  async putRoute(route: InstrumentRoute, now = Date.now()): Promise<void> {
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: routeToItem(route, now) }));
  }

  /** The instrument's new orders go to the default venue again. */
  async deleteRoute(symbol: InstrumentSymbol): Promise<void> {
    await this.#db.send(
      new DeleteCommand({ TableName: this.#table, Key: { pk: configKeys.routePk, sk: symbol } }),
    );
  }

  /**
   * The three scopes that apply to one order; a scope never set is `active`, and so is a scope
   * the caller has no subject for (`null`: the account of a public view, the symbol of an account's).
   */
  async getTradingStates(
    accountId: AccountId | null,
    symbol: InstrumentSymbol | null,
  ): Promise<ScopedTradingStates> {
    const keys = {
      global: scopeKey('global'),
      account: accountId === null ? null : scopeKey('account', accountId),
      symbol: symbol === null ? null : scopeKey('symbol', symbol),
    };
    const result = await this.#db.send(
      new BatchGetCommand({
        RequestItems: {
          [this.#table]: {
            Keys: Object.values(keys)
              .filter((sk) => sk !== null)
              .map((sk) => ({ pk: configKeys.tradingStatePk, sk })),
            ConsistentRead: true,
          },
        },
      }),
    );
    const found = new Map(
      (result.Responses?.[this.#table] ?? []).map((item) => [
        String(item['sk']),
        item['state'] as TradingState,
      ]),
    );
    return {
      global: found.get(keys.global) ?? 'active',
      account: (keys.account === null ? undefined : found.get(keys.account)) ?? 'active',
      symbol: (keys.symbol === null ? undefined : found.get(keys.symbol)) ?? 'active',
    };
  }

  /** Every trading state that is set (a few items): one query for callers that cache them. */
  async listTradingStates(): Promise<TradingStateTable> {
    const states = new Map<string, TradingState>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': configKeys.tradingStatePk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? [])
        states.set(String(item['sk']), item['state'] as TradingState);
      start = page.LastEvaluatedKey;
    } while (start);
    return new TradingStateTable(states);
  }

  async setTradingState(
    scope: TradingStateScope,
    target: string | undefined,
    state: TradingState,
    now: number,
  ): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          pk: configKeys.tradingStatePk,
          sk: scopeKey(scope, target),
          scope,
          target: target ?? null,
          state,
          updatedAt: now,
        },
      }),
    );
  }

  async getRiskLimits(): Promise<RiskLimits> {
    const result = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: {
          ':pk': configKeys.riskLimitsPk,
          ':sk': configKeys.defaultRiskLimits,
        },
      }),
    );
    const item = result.Items?.[0];
    if (!item) return DEFAULT_RISK_LIMITS;
    return {
      maxOpenOrders: Number(item['maxOpenOrders']),
      maxOrdersPerSecond:
        item['maxOrdersPerSecond'] === null ? null : Number(item['maxOrdersPerSecond']),
    };
  }

  async putRiskLimits(limits: RiskLimits): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { pk: configKeys.riskLimitsPk, sk: configKeys.defaultRiskLimits, ...limits },
      }),
    );
  }
}
