import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTables } from '@perp/resources';
import { connectDynamoDb, type DynamoDbTestInstance } from '@perp/test-services';
import type { AccountId, InstrumentSymbol, Position } from '@perp/trading-domain';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backfillHeldPositions,
  bulkWriteAccounts,
  CorruptItemError,
  HELD_POSITION_SHARDS,
  HeldPositionsReader,
  TradingStore,
  documentClient,
  type HeldAccount,
} from './index.ts';
import { balanceToItem, positionToItem } from './item-codec.ts';
import { tradingKeys } from './keys.ts';
import { btc, command, d, eth } from './test-support/fixtures.ts';

const sol = 'SOL-PERP' as InstrumentSymbol;
// One scan is 32 queries: on a loaded machine it alone outlasts expect.poll's default second.
const POLL = { timeout: 15_000, interval: 100 };
const symbols = [btc, eth, sol];

const instances: DynamoDbTestInstance[] = [];
afterAll(() => Promise.all(instances.map((instance) => instance.dispose())));

/** Tables of its own for each test, so a scan sees only what the test wrote. */
async function freshTables() {
  const dynamo = await connectDynamoDb();
  instances.push(dynamo);
  const client = dynamo.createClient();
  await ensureTables(client, dynamo.tablePrefix);
  const db = documentClient(client);
  const tablePrefix = dynamo.tablePrefix;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  // Counts the requests the reader sends: the margin sweep's budget is in requests.
  const counted = {
    send: async (...args: Parameters<DynamoDBDocumentClient['send']>) => {
      requests += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await (db.send as (...a: typeof args) => Promise<unknown>)(...args);
      } finally {
        inFlight -= 1;
      }
    },
  } as unknown as DynamoDBDocumentClient;
  return {
    db,
    tablePrefix,
    store: new TradingStore({ db, tablePrefix }),
    reader: new HeldPositionsReader({ db: counted, tablePrefix }),
    requests: () => requests,
    /** The most requests in flight at once since the last call. */
    takeMaxInFlight: () => {
      const max = maxInFlight;
      maxInFlight = inFlight;
      return max;
    },
  };
}

const position = (accountId: AccountId, symbol: InstrumentSymbol, quantity: string): Position => ({
  accountId,
  symbol,
  quantity: d(quantity),
  costBasis: d(quantity).mul(d('100')),
  realizedPnl: d('0'),
  fees: d('0.01'),
});

async function inBatches<T>(
  values: readonly T[],
  size: number,
  run: (value: T) => Promise<unknown>,
) {
  for (let i = 0; i < values.length; i += size)
    await Promise.all(values.slice(i, i + size).map(run));
}

async function commitPositions(store: TradingStore, positions: readonly Position[]) {
  await inBatches(positions, 25, async (value) => {
    const outcome = await store.commit({
      accountId: value.accountId,
      command: command(value.accountId),
      position: { value, expectedVersion: null },
    });
    expect(outcome).toEqual({ committed: true });
  });
}

async function collect(iterable: AsyncIterable<HeldAccount>): Promise<HeldAccount[]> {
  const found: HeldAccount[] = [];
  for await (const account of iterable) found.push(account);
  return found;
}

/** accountId -> its symbols and quantities, sorted, for comparing scans whatever their order. */
function summary(accounts: readonly HeldAccount[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const { accountId, positions } of accounts) {
    expect(result[accountId], `account ${accountId} came out twice`).toBeUndefined();
    result[accountId] = positions.map((p) => `${p.symbol}=${p.quantity.toString()}`).sort();
  }
  return result;
}

const shardOf = (accountId: string) => Number(tradingKeys.heldPk(accountId).slice('HELD#'.length));

describe('tradingKeys.heldPk', () => {
  it('puts an account in a stable shard of two digits, and spreads accounts over all shards', () => {
    expect(HELD_POSITION_SHARDS).toBe(32);
    // Fixed values: a change of the hash would move every account and must be a migration.
    expect(tradingKeys.heldPk('alice')).toBe('HELD#09');
    expect(tradingKeys.heldPk('bob')).toBe('HELD#24');
    expect(tradingKeys.heldPk('acct-0001')).toBe('HELD#31');
    const used = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) {
      const pk = tradingKeys.heldPk(`acct-${i}`);
      expect(pk).toMatch(/^HELD#\d\d$/);
      expect(shardOf(`acct-${i}`)).toBeLessThan(HELD_POSITION_SHARDS);
      expect(tradingKeys.heldPk(`acct-${i}`)).toBe(pk);
      used.add(pk);
    }
    expect(used.size).toBe(HELD_POSITION_SHARDS);
    expect(tradingKeys.heldShardPk(5)).toBe('HELD#05');
    expect(() => tradingKeys.heldShardPk(32)).toThrow(RangeError);
    expect(() => tradingKeys.heldShardPk(-1)).toThrow(RangeError);
    expect(tradingKeys.heldSk('alice', btc)).toBe('alice#BTC-PERP');
  });

  it('indexes a position only while it is not flat', () => {
    const held = positionToItem(position('alice' as AccountId, btc, '-0.5'), 1);
    expect(held).toMatchObject({ heldPk: 'HELD#09', heldSk: 'alice#BTC-PERP' });
    const flat = positionToItem(position('alice' as AccountId, btc, '0'), 2);
    expect(flat).not.toHaveProperty('heldPk');
    expect(flat).not.toHaveProperty('heldSk');
  });
});

describe('HeldPositionsReader.accounts', () => {
  it('yields each account holding positions once, with all its symbols; a flat position drops out', async () => {
    const { store, reader } = await freshTables();
    const a = 'held-a' as AccountId;
    const b = 'held-b' as AccountId;
    await commitPositions(store, [
      position(a, btc, '0.125'),
      position(a, eth, '-2'),
      position(b, sol, '10'),
      position(b, btc, '0'),
    ]);
    await expect
      .poll(async () => summary(await collect(reader.accounts())), POLL)
      .toEqual({ [a]: ['BTC-PERP=0.125', 'ETH-PERP=-2'], [b]: ['SOL-PERP=10'] });
    const [scanned] = (await collect(reader.accounts())).filter((x) => x.accountId === a);
    expect(scanned?.positions.find((p) => p.symbol === btc)).toEqual(position(a, btc, '0.125'));

    // a's BTC position closes; b's only position closes, so b is no longer held at all.
    for (const closed of [position(a, btc, '0'), position(b, sol, '0')]) {
      const outcome = await store.commit({
        accountId: closed.accountId,
        command: command(closed.accountId),
        position: { value: closed, expectedVersion: 1 },
      });
      expect(outcome).toEqual({ committed: true });
    }
    await expect
      .poll(async () => summary(await collect(reader.accounts())), POLL)
      .toEqual({ [a]: ['ETH-PERP=-2'] });
  });

  it('groups an account whose positions straddle pages, next to ids that share its prefix', async () => {
    const { store, reader, takeMaxInFlight } = await freshTables();
    // Ids in one shard where one is a prefix of the others: '#' must keep each account contiguous.
    const base = 'acct';
    const neighbours = ['-', '_', '0', 'A', 'z'].map((suffix) => {
      for (let n = 0; ; n += 1) {
        const id = `${base}${suffix}${n}`;
        if (shardOf(id) === shardOf(base)) return id;
      }
    });
    const ids = [base, ...neighbours, 'other-1', 'other-2'] as AccountId[];
    const positions = ids.flatMap((id, i) =>
      symbols.slice(0, 1 + (i % 3)).map((symbol, j) => position(id, symbol, `${i + 1}.${j}`)),
    );
    await commitPositions(store, positions);
    const expected = summary(
      ids.map((id) => ({ accountId: id, positions: positions.filter((p) => p.accountId === id) })),
    );
    await expect
      .poll(async () => summary(await collect(reader.accounts())), POLL)
      .toEqual(expected);
    for (const pageLimit of [1, 2]) {
      for (const concurrency of [1, 3]) {
        takeMaxInFlight();
        const scanned = await collect(reader.accounts({ pageLimit, concurrency }));
        expect(takeMaxInFlight()).toBe(concurrency);
        expect(scanned).toHaveLength(ids.length);
        expect(summary(scanned)).toEqual(expected);
      }
    }
  });

  it('reads 300 accounts over the shards exactly once, one request per shard', async () => {
    const { store, reader, requests } = await freshTables();
    const ids = Array.from({ length: 300 }, (_, i) => `many-${i}` as AccountId);
    const positions = ids.flatMap((id, i) =>
      i % 2 === 0 ? [position(id, btc, '1')] : [position(id, btc, '-1'), position(id, eth, '3')],
    );
    await commitPositions(store, positions);
    expect(new Set(ids.map(shardOf)).size).toBeGreaterThan(28);
    const expected = summary(
      ids.map((id) => ({ accountId: id, positions: positions.filter((p) => p.accountId === id) })),
    );
    await expect
      .poll(async () => summary(await collect(reader.accounts())), POLL)
      .toEqual(expected);
    const before = requests();
    const scanned = await collect(reader.accounts());
    expect(scanned).toHaveLength(300);
    expect(summary(scanned)).toEqual(expected);
    expect(requests() - before).toBe(HELD_POSITION_SHARDS);
  });

  it('stops reading when the consumer breaks out early', async () => {
    const { store, reader, requests } = await freshTables();
    const ids = Array.from({ length: 60 }, (_, i) => `stop-${i}` as AccountId);
    await commitPositions(
      store,
      ids.map((id) => position(id, btc, '1')),
    );
    await expect.poll(async () => (await collect(reader.accounts())).length, POLL).toBe(60);
    const before = requests();
    let seen = 0;
    for await (const account of reader.accounts({ pageLimit: 1, concurrency: 2 })) {
      expect(account.positions).toHaveLength(1);
      seen += 1;
      if (seen === 3) break;
    }
    const atBreak = requests() - before;
    // A full scan at one item per page would take more than 60 requests.
    expect(atBreak).toBeLessThan(20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests() - before).toBe(atBreak);
  });

  it('fails with CorruptItemError on an indexed item it cannot decode', async () => {
    const { db, tablePrefix, reader } = await freshTables();
    const item = { ...positionToItem(position('bad' as AccountId, btc, '1'), 1), quantity: '1,5' };
    await db.send(new PutCommand({ TableName: `${tablePrefix}trading`, Item: item }));
    await expect
      .poll(async () => collect(reader.accounts()).catch((error: unknown) => error), POLL)
      .toBeInstanceOf(CorruptItemError);
  });
});

describe('HeldPositionsReader.balances', () => {
  it('reads more than 100 balances in batches; accounts without one are absent', async () => {
    const { store, reader, requests } = await freshTables();
    const ids = Array.from({ length: 250 }, (_, i) => `bal-${i}` as AccountId);
    const funded = ids.filter((_, i) => i % 5 !== 0);
    const collateral = (id: string) => `${id.slice('bal-'.length)}.000000000000000001`;
    await inBatches(funded, 25, async (accountId) => {
      const outcome = await store.commit({
        accountId,
        command: command(accountId),
        balance: {
          value: {
            accountId,
            collateral: d(collateral(accountId)),
            seq: 1,
            createdAt: 1,
            updatedAt: 2,
          },
          expectedVersion: null,
        },
      });
      expect(outcome).toEqual({ committed: true });
    });
    const before = requests();
    // A repeated id must not break the batch (BatchGetItem refuses duplicate keys).
    const found = await reader.balances([ids[1] as AccountId, ...ids]);
    expect(requests() - before).toBe(3);
    expect([...found.keys()].sort()).toEqual([...funded].sort());
    for (const id of funded) {
      expect(found.get(id)?.collateral.toString()).toBe(collateral(id));
      expect(found.get(id)?.accountId).toBe(id);
    }
    expect(found.has(ids[0] as AccountId)).toBe(false);
    expect((await reader.balances([])).size).toBe(0);
  });

  it('retries the keys DynamoDB leaves unprocessed', async () => {
    const table = 'p-trading';
    const item = (id: string) =>
      balanceToItem(
        { accountId: id as AccountId, collateral: d('7.5'), seq: 1, createdAt: 1, updatedAt: 1 },
        1,
      );
    const asked: string[][] = [];
    const db = {
      send: async (request: {
        input: { RequestItems: Record<string, { Keys: { pk: string }[] }> };
      }) => {
        const keys = request.input.RequestItems[table]?.Keys ?? [];
        asked.push(keys.map((key) => key.pk));
        const [first, ...rest] = keys;
        return {
          Responses: { [table]: first ? [item(first.pk.slice('ACCOUNT#'.length))] : [] },
          UnprocessedKeys: rest.length > 0 ? { [table]: { Keys: rest } } : {},
        };
      },
    } as unknown as DynamoDBDocumentClient;
    const reader = new HeldPositionsReader({ db, tablePrefix: 'p-' });
    const found = await reader.balances(['x', 'y', 'z'] as AccountId[]);
    expect([...found.keys()].sort()).toEqual(['x', 'y', 'z']);
    expect(found.get('z' as AccountId)?.collateral.toString()).toBe('7.5');
    expect(asked).toEqual([
      ['ACCOUNT#x', 'ACCOUNT#y', 'ACCOUNT#z'],
      ['ACCOUNT#y', 'ACCOUNT#z'],
      ['ACCOUNT#z'],
    ]);
  });
});

describe('backfillHeldPositions', () => {
  it('stamps position items written before the index, so the scan sees them', async () => {
    const { db, tablePrefix, reader } = await freshTables();
    const old = 'acct-old' as AccountId;
    // As an older OMS wrote them: no heldPk/heldSk; one of them flat.
    for (const [symbol, quantity] of [
      [btc, '1.5'],
      [eth, '0'],
    ] as const) {
      const {
        heldPk: _pk,
        heldSk: _sk,
        ...item
      } = positionToItem(position(old, symbol, quantity), 1);
      await db.send(new PutCommand({ TableName: `${tablePrefix}trading`, Item: item }));
    }
    expect(summary(await collect(reader.accounts()))).toEqual({});
    expect(await backfillHeldPositions(db, tablePrefix)).toBe(1);
    expect(summary(await collect(reader.accounts()))).toEqual({ 'acct-old': ['BTC-PERP=1.5'] });
    expect(await backfillHeldPositions(db, tablePrefix)).toBe(0);
  });
});

describe('bulkWriteAccounts', () => {
  it('writes balances and positions as the OMS commits them, 25 items to a request', async () => {
    const { db, tablePrefix, store, reader } = await freshTables();
    const ids = Array.from({ length: 40 }, (_, i) => `seed-${i}` as AccountId);
    const accounts = ids.map((accountId, i) => ({
      balance: { accountId, collateral: d(`${i}.5`), seq: 1, createdAt: 1, updatedAt: 1 },
      // Every third account also holds a flat ETH-PERP: stored, but not in the held index.
      positions:
        i % 3 === 0
          ? [position(accountId, btc, `${i + 1}`), position(accountId, eth, '0')]
          : [position(accountId, btc, `-${i + 1}`)],
    }));
    const items = 40 + 40 + 14;
    expect(await bulkWriteAccounts(db, tablePrefix, accounts, { concurrency: 3 })).toEqual({
      items,
      requests: Math.ceil(items / 25),
    });
    const expected = Object.fromEntries(
      ids.map((id, i) => [id, [`BTC-PERP=${i % 3 === 0 ? '' : '-'}${i + 1}`]]),
    );
    await expect
      .poll(async () => summary(await collect(reader.accounts())), POLL)
      .toEqual(expected);
    const balance = await store.getBalance(ids[7] as AccountId);
    if (!balance) throw new Error('the seeded balance of seed-7 is missing');
    expect(balance.value.collateral.toString()).toBe('7.5');
    expect(
      (await store.listPositions(ids[3] as AccountId)).map((p) => p.value.symbol).sort(),
    ).toEqual([btc, eth]);
    // Version 1, as a first commit leaves it: the OMS's next conditional write applies.
    const outcome = await store.commit({
      accountId: ids[7] as AccountId,
      command: command(ids[7] as AccountId),
      balance: {
        value: { ...balance.value, seq: 2 },
        expectedVersion: 1,
      },
    });
    expect(outcome).toEqual({ committed: true });
  });
});
