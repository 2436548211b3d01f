import type { DynamoDbTestInstance } from '@perp/test-services';
import { newOrderId, type AccountId } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { backfillInFlightOrders, documentClient, type TradingStore } from './index.ts';
import { orderToItem } from './item-codec.ts';
import { command, limitOrder, storesOnFreshTables } from './test-support/fixtures.ts';

let dynamo: DynamoDbTestInstance;
let store: TradingStore;
beforeAll(async () => {
  ({ dynamo, trading: store } = await storesOnFreshTables());
});
afterAll(() => dynamo.dispose());

const T = 1_795_100_000_000;

describe('TradingStore.listInFlightOrders', () => {
  it('lists orders awaiting the venue that last changed before the bound, across shards, and drops them once answered', async () => {
    // Twenty accounts: enough to land in several shards of the index.
    const accounts = Array.from({ length: 20 }, (_, i) => `acct-${i}` as AccountId);
    const orders = accounts.map((accountId, i) =>
      limitOrder(newOrderId(T + i), `c-${i}`, { accountId, updatedAt: T + i * 1_000 }),
    );
    for (const order of orders)
      await store.commit({
        accountId: order.accountId,
        command: command(order.accountId),
        orders: [{ value: order, expectedVersion: null }],
      });
    const [first, , , fourth] = orders;
    if (!first || !fourth) throw new Error('twenty orders expected');
    const pendingCancel = { ...fourth, status: 'pending_cancel' as const, updatedAt: T + 500 };
    await store.commit({
      accountId: pendingCancel.accountId,
      command: command(pendingCancel.accountId),
      orders: [{ value: pendingCancel, expectedVersion: 1 }],
    });
    const accepted = { ...first, status: 'accepted' as const, updatedAt: T + 1 };
    await store.commit({
      accountId: accepted.accountId,
      command: command(accepted.accountId),
      orders: [{ value: accepted, expectedVersion: 1 }],
    });

    const waiting = async (updatedBefore: number) =>
      (await store.listInFlightOrders({ updatedBefore }))
        .map((o) => `${o.value.clientOrderId}:${o.value.status}:${o.version}`)
        .sort();
    // Changed before T + 5 s: orders 1..4 (0 was answered), 3 pending its cancel at T + 0.5 s.
    await expect
      .poll(() => waiting(T + 5_000))
      .toEqual(['c-1:submitted:1', 'c-2:submitted:1', 'c-3:pending_cancel:2', 'c-4:submitted:1']);
    // The bound is exclusive: an order changed exactly then is not yet waiting too long.
    expect(await waiting(T + 1_000)).toEqual(['c-3:pending_cancel:2']);
    expect((await waiting(T + 60_000)).length).toBe(19);
  });

  it('bounds what one call reads per shard', async () => {
    const listed = await store.listInFlightOrders({ updatedBefore: T + 60_000, limitPerShard: 1 });
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.length).toBeLessThanOrEqual(16);
    expect(new Set(listed.map((o) => o.value.accountId)).size).toBe(listed.length);
  });
});

describe('backfillInFlightOrders', () => {
  it('stamps orders awaiting the venue that were written before the index, and only those', async () => {
    const db = documentClient(dynamo.createClient());
    const old = 'acct-old' as AccountId;
    const asOlderOmsWrote = (status: 'submitted' | 'pending_cancel' | 'accepted', i: number) => {
      const order = limitOrder(newOrderId(T - 10_000 + i), `c-old-${i}`, {
        accountId: old,
        status,
        updatedAt: T - 10_000,
      });
      const { inFlightPk: _pk, inFlightSk: _sk, ...item } = orderToItem(order, 1);
      return item;
    };
    for (const [i, status] of (['submitted', 'pending_cancel', 'accepted'] as const).entries())
      await db.send(
        new PutCommand({
          TableName: `${dynamo.tablePrefix}trading`,
          Item: asOlderOmsWrote(status, i),
        }),
      );
    const oldOnes = async () =>
      (await store.listInFlightOrders({ updatedBefore: T }))
        .filter((o) => o.value.accountId === old)
        .map((o) => o.value.status)
        .sort();
    expect(await oldOnes()).toEqual([]);
    expect(await backfillInFlightOrders(db, dynamo.tablePrefix)).toBe(2);
    await expect.poll(oldOnes).toEqual(['pending_cancel', 'submitted']);
    expect(await backfillInFlightOrders(db, dynamo.tablePrefix)).toBe(0);
  });
});
