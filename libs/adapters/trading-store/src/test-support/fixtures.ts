import type { ExecutionReport } from '@perp/contracts';
import { Decimal } from '@perp/decimal';
import { ensureTables } from '@perp/resources';
import { connectDynamoDb, type DynamoDbTestInstance } from '@perp/test-services';
import {
  DEFAULT_VENUE_ROUTE,
  createOrder,
  type AccountId,
  type ClientOrderId,
  type CommandId,
  type InstrumentSymbol,
  type Order,
  type OrderId,
} from '@perp/trading-domain';
import { ConfigStore, TradingStore, documentClient, type CommandRecord } from '../index.ts';

export async function storesOnFreshTables(): Promise<{
  dynamo: DynamoDbTestInstance;
  trading: TradingStore;
  config: ConfigStore;
}> {
  const dynamo = await connectDynamoDb();
  const client = dynamo.createClient();
  await ensureTables(client, dynamo.tablePrefix);
  const db = documentClient(client);
  return {
    dynamo,
    trading: new TradingStore({ db, tablePrefix: dynamo.tablePrefix }),
    config: new ConfigStore({ db, tablePrefix: dynamo.tablePrefix }),
  };
}

export const d = (text: string) => Decimal.parse(text);
export const alice = 'alice' as AccountId;
export const btc = 'BTC-PERP' as InstrumentSymbol;
export const eth = 'ETH-PERP' as InstrumentSymbol;

let commands = 0;
export function command(
  accountId: AccountId = alice,
  reports: ExecutionReport[] = [],
): CommandRecord {
  commands += 1;
  return {
    commandId: `cmd-${commands}` as CommandId,
    accountId,
    commandType: 'order.place',
    reports,
    processedAt: 1_795_000_000_000,
  };
}

export function limitOrder(
  orderId: string,
  clientOrderId: string,
  overrides: Partial<Order> = {},
): Order {
  return {
    ...createOrder({
      orderId: orderId as OrderId,
      clientOrderId: clientOrderId as ClientOrderId,
      accountId: alice,
      symbol: btc,
      side: 'buy',
      type: 'limit',
      timeInForce: 'gtc',
      price: d('61234.5'),
      quantity: d('0.125'),
      postOnly: false,
      reduceOnly: false,
      route: DEFAULT_VENUE_ROUTE,
      createdAt: Number(orderId.slice(0, 13)),
    }),
    ...overrides,
  };
}
