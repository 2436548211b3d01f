import type { DynamoDbTestInstance } from '@perp/test-services';
import type { TradeId, VenueAccountName, VenueName } from '@perp/trading-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@perp/resources';
import { newOrderId } from '@perp/trading-domain';
import { CorruptItemError, documentClient, type ConfigStore, type TradingStore } from './index.ts';
import {
  alice,
  btc,
  command,
  d,
  eth,
  limitOrder,
  storesOnFreshTables,
} from './test-support/fixtures.ts';

let dynamo: DynamoDbTestInstance;
let store: TradingStore;
let config: ConfigStore;
beforeAll(async () => {
  ({ dynamo, trading: store, config } = await storesOnFreshTables());
});
afterAll(() => dynamo.dispose());

const balance = (collateral: string, seq: number) => ({
  accountId: alice,
  collateral: d(collateral),
  seq,
  createdAt: 1,
  updatedAt: 2,
});

describe('TradingStore', () => {
  it('stores a balance exactly and refuses the same command twice without writing anything', async () => {
    const created = command();
    expect(
      await store.commit({
        accountId: alice,
        command: created,
        balance: { value: balance('100000.000000000000000001', 0), expectedVersion: null },
      }),
    ).toEqual({ committed: true });
    const read = await store.getBalance(alice);
    expect(read?.value.collateral.toString()).toBe('100000.000000000000000001');
    expect(read?.version).toBe(1);

    const again = await store.commit({
      accountId: alice,
      command: created,
      balance: { value: balance('5', 9), expectedVersion: 1 },
    });
    expect(again).toEqual({ committed: false, conflict: 'duplicate_command' });
    expect((await store.getBalance(alice))?.value.seq).toBe(0);
    expect((await store.getCommand(alice, created.commandId))?.commandType).toBe('order.place');
  });

  it('detects a stale version', async () => {
    const outcome = await store.commit({
      accountId: alice,
      command: command(),
      balance: { value: balance('1', 1), expectedVersion: 7 },
    });
    expect(outcome).toEqual({ committed: false, conflict: 'stale' });
  });

  it('claims a client order id once; the order is found by either id; open orders come from the index', async () => {
    const order = limitOrder(newOrderId(1_795_000_000_001), 'c-open');
    const claim = {
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      requestDigest: 'sha-1',
    };
    expect(
      await store.commit({
        accountId: alice,
        command: command(),
        claim,
        orders: [{ value: order, expectedVersion: null }],
      }),
    ).toEqual({ committed: true });
    expect((await store.getOrderByClientOrderId(alice, order.clientOrderId))?.value).toEqual(order);
    expect((await store.getClaim(alice, order.clientOrderId))?.requestDigest).toBe('sha-1');

    const reused = limitOrder(newOrderId(1_795_000_000_002), 'c-open');
    const outcome = await store.commit({
      accountId: alice,
      command: command(),
      claim: { ...claim, orderId: reused.orderId },
      orders: [{ value: reused, expectedVersion: null }],
    });
    expect(outcome).toEqual({ committed: false, conflict: 'client_order_id_taken' });
    expect(await store.getOrder(alice, reused.orderId)).toBeUndefined();

    await expect
      .poll(async () => (await store.listOpenOrders(alice, btc)).map((o) => o.value.orderId))
      .toEqual([order.orderId]);
    expect(await store.listOpenOrders(alice, eth)).toEqual([]);

    const filled = {
      ...order,
      status: 'filled' as const,
      filledQuantity: order.quantity,
      remainingQuantity: d('0'),
    };
    expect(
      await store.commit({
        accountId: alice,
        command: command(),
        orders: [{ value: filled, expectedVersion: 1 }],
      }),
    ).toEqual({ committed: true });
    await expect.poll(async () => store.listOpenOrders(alice)).toEqual([]);
    expect((await store.getOrder(alice, order.orderId))?.version).toBe(2);
  });

  it('lists orders newest first, by symbol, with a limit and a time bound', async () => {
    const times = [1_795_000_010_000, 1_795_000_020_000, 1_795_000_030_000];
    for (const [index, time] of times.entries()) {
      const order = limitOrder(newOrderId(time), `c-hist-${index}`, {
        symbol: index === 1 ? eth : btc,
      });
      await store.commit({
        accountId: alice,
        command: command(),
        orders: [{ value: order, expectedVersion: null }],
      });
    }
    const newest = await store.listOrders(alice, { limit: 2 });
    expect(newest.map((o) => o.clientOrderId)).toEqual(['c-hist-2', 'c-hist-1']);
    expect((await store.listOrders(alice, { symbol: eth })).map((o) => o.clientOrderId)).toEqual([
      'c-hist-1',
    ]);
    expect(
      (await store.listOrders(alice, { before: times[1], limit: 1 })).map((o) => o.clientOrderId),
    ).toEqual(['c-hist-0']);
  });

  it('books a fill once: a duplicate trade id cancels the whole transaction', async () => {
    const order = limitOrder(newOrderId(1_795_000_040_000), 'c-fill');
    await store.commit({
      accountId: alice,
      command: command(),
      orders: [{ value: order, expectedVersion: null }],
    });
    const fill = {
      accountId: alice,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      symbol: btc,
      side: 'buy' as const,
      tradeId: 'T-1' as TradeId,
      price: d('61234.5'),
      quantity: d('0.125'),
      fee: d('3.82715625'),
      liquidity: 'taker' as const,
      realizedPnl: d('0'),
      ts: 1_795_000_041_000,
    };
    const position = {
      accountId: alice,
      symbol: btc,
      quantity: d('0.125'),
      costBasis: d('7654.3125'),
      realizedPnl: d('0'),
      fees: d('3.82715625'),
    };
    expect(
      await store.commit({
        accountId: alice,
        command: command(),
        fill,
        position: { value: position, expectedVersion: null },
      }),
    ).toEqual({ committed: true });
    const duplicate = await store.commit({
      accountId: alice,
      command: command(),
      fill,
      position: { value: { ...position, quantity: d('0.25') }, expectedVersion: 1 },
    });
    expect(duplicate).toEqual({ committed: false, conflict: 'duplicate_fill' });
    expect((await store.getPosition(alice, btc))?.value.quantity.toString()).toBe('0.125');
    expect(await store.listFills(alice)).toEqual([fill]);
    expect((await store.listPositions(alice)).map((p) => p.value)).toEqual([position]);
  });
});

describe('ConfigStore', () => {
  it('adds instruments once unless asked to replace', async () => {
    const instrument = {
      symbol: btc,
      baseAsset: 'BTC',
      quoteAsset: 'USD',
      tickSize: d('0.5'),
      lotSize: d('0.001'),
      minQuantity: d('0.001'),
      maxQuantity: d('100'),
      maxNotional: d('5000000'),
      initialMarginRate: d('0.1'),
      maintenanceMarginRate: d('0.05'),
      priceBandRate: d('0.05'),
      status: 'trading',
    } as const;
    expect(await config.putInstrument(instrument as never)).toBe(true);
    expect(await config.putInstrument({ ...instrument, tickSize: d('1') } as never)).toBe(false);
    expect((await config.listInstruments()).map((i) => i.tickSize.toString())).toEqual(['0.5']);
    expect(
      await config.putInstrument({ ...instrument, tickSize: d('1') } as never, { replace: true }),
    ).toBe(true);
    expect((await config.listInstruments())[0]?.tickSize.toString()).toBe('1');
  });

  it('reads trading states per scope, active unless set', async () => {
    expect(await config.getTradingStates(alice, btc)).toEqual({
      global: 'active',
      account: 'active',
      symbol: 'active',
    });
    await config.setTradingState('symbol', btc, 'halted', 1);
    await config.setTradingState('account', alice, 'reducing', 1);
    expect(await config.getTradingStates(alice, btc)).toEqual({
      global: 'active',
      account: 'reducing',
      symbol: 'halted',
    });
    expect(await config.getTradingStates(alice, eth)).toEqual({
      global: 'active',
      account: 'reducing',
      symbol: 'active',
    });
  });

  it('keeps the venue route of each routed instrument; removing one leaves the others', async () => {
    expect(await config.listRoutes()).toEqual([]);
    const binance = { venue: 'binance' as VenueName, venueAccount: 'main' as VenueAccountName };
    await config.putRoute({ symbol: btc, ...binance });
    await config.putRoute({
      symbol: eth,
      venue: 'hyperliquid' as VenueName,
      venueAccount: 'mm' as VenueAccountName,
    });
    await config.putRoute({ symbol: btc, ...binance, venueAccount: 'desk-2' as VenueAccountName });
    expect(await config.listRoutes()).toEqual([
      { symbol: btc, venue: 'binance', venueAccount: 'desk-2' },
      { symbol: eth, venue: 'hyperliquid', venueAccount: 'mm' },
    ]);
    await config.deleteRoute(btc);
    expect((await config.listRoutes()).map((r) => r.symbol)).toEqual([eth]);
    await config.deleteRoute(eth);
  });

  it('falls back to default risk limits', async () => {
    expect(await config.getRiskLimits()).toEqual({ maxOpenOrders: 200, maxOrdersPerSecond: 20 });
    await config.putRiskLimits({ maxOpenOrders: 5, maxOrdersPerSecond: null });
    expect(await config.getRiskLimits()).toEqual({ maxOpenOrders: 5, maxOrdersPerSecond: null });
  });

  it('refuses to read an item whose attributes are not what it wrote, naming the attribute', async () => {
    const order = limitOrder(newOrderId(1_795_000_050_000), 'c-corrupt');
    await store.commit({
      accountId: alice,
      command: command(),
      orders: [{ value: order, expectedVersion: null }],
    });
    const db = documentClient(dynamo.createClient());
    const read = await store.getOrder(alice, order.orderId);
    expect(read?.value).toEqual(order);
    const item = { pk: `ACCOUNT#${alice}`, sk: `ORDER#${order.orderId}`, version: 2 };
    for (const [attribute, value] of [
      ['status', 'lost'],
      ['quantity', '1e3'],
      ['clientOrderId', 'has space'],
      ['venue', 'Not A Venue'],
    ] as const) {
      await db.send(
        new PutCommand({
          TableName: `${dynamo.tablePrefix}${TABLES.trading.name}`,
          Item: { ...toStoredFields(order), ...item, [attribute]: value },
        }),
      );
      const failure = await store.getOrder(alice, order.orderId).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CorruptItemError);
      expect((failure as Error).message).toContain(attribute);
    }
  });

  it("keeps the order's route; an order stored before routing existed went to the default venue", async () => {
    const route = { venue: 'binance' as VenueName, venueAccount: 'main' as VenueAccountName };
    const order = limitOrder(newOrderId(1_795_000_060_000), 'c-routed', { route });
    await store.commit({
      accountId: alice,
      command: command(),
      orders: [{ value: order, expectedVersion: null }],
    });
    expect((await store.getOrder(alice, order.orderId))?.value.route).toEqual(route);
    const legacy = limitOrder(newOrderId(1_795_000_070_000), 'c-legacy');
    const { route: _route, ...fields } = toStoredFields(legacy);
    await documentClient(dynamo.createClient()).send(
      new PutCommand({
        TableName: `${dynamo.tablePrefix}${TABLES.trading.name}`,
        Item: { ...fields, pk: `ACCOUNT#${alice}`, sk: `ORDER#${legacy.orderId}`, version: 1 },
      }),
    );
    expect((await store.getOrder(alice, legacy.orderId))?.value.route).toEqual({
      venue: 'sim',
      venueAccount: 'default',
    });
  });
});

/** The attributes of an order as the store writes them (decimals as text). */
function toStoredFields(order: ReturnType<typeof limitOrder>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(order).map(([key, value]) => [
      key,
      value !== null && typeof value === 'object' ? String(value) : value,
    ]),
  );
}
