import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { parseCommandEnvelope, type CommandEnvelope } from '@perp/contracts';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { waitUntil } from '@perp/retry';
import { identifierOf } from '@perp/trading-domain';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import {
  MARKET_MAKER_ACCOUNT,
  SEED_ACCOUNTS,
  SEED_INSTRUMENTS,
  SEED_OPERATOR,
  listedInstrument,
} from './seed-data.ts';

/** Every account the stack creates and funds: the demo accounts and the market maker's. */
export const SEEDED_ACCOUNTS: readonly { readonly accountId: string; readonly deposit: string }[] =
  [...SEED_ACCOUNTS, MARKET_MAKER_ACCOUNT];

export interface SeedTargets {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly ordersQueueUrl: string;
  readonly prefix: string;
}

/** Lists the demo instruments (unless listed) and writes them straight to the config table. */
export async function seedInstruments(
  targets: SeedTargets,
): Promise<{ symbol: string; action: 'created' | 'exists' }[]> {
  const config = new ConfigStore({
    db: documentClient(targets.dynamodb),
    tablePrefix: targets.prefix,
  });
  return Promise.all(
    SEED_INSTRUMENTS.map(async (seed) => {
      const instrument = listedInstrument(seed);
      const created = await config.putInstrument(instrument);
      return { symbol: seed.symbol, action: created ? ('created' as const) : ('exists' as const) };
    }),
  );
}

function adminCommand(
  accountId: string,
  type: 'admin.account.create' | 'admin.deposit',
  payload: object,
): CommandEnvelope {
  return parseCommandEnvelope({
    version: 1,
    // Deterministic ids: a second seed inside SQS's deduplication window is dropped by the queue.
    commandId: `seed:${type}:${accountId}`,
    accountId,
    actorAccountId: SEED_OPERATOR,
    receivedAt: Date.now(),
    traceId: randomUUID(),
    source: 'admin',
    type,
    payload,
  });
}

/**
 * Creates and funds the seeded accounts through the queue, like an operator would, so the OMS does
 * the work. An account that exists is left alone: seeding never deposits twice.
 */
export async function seedAccounts(
  targets: SeedTargets,
): Promise<{ accountId: string; action: 'queued' | 'exists' }[]> {
  const trading = new TradingStore({
    db: documentClient(targets.dynamodb),
    tablePrefix: targets.prefix,
  });
  const producer = new FifoQueueProducer({ sqs: targets.sqs, queueUrl: targets.ordersQueueUrl });
  const results: { accountId: string; action: 'queued' | 'exists' }[] = [];
  for (const { accountId, deposit } of SEEDED_ACCOUNTS) {
    if (await trading.getBalance(identifierOf('AccountId', accountId))) {
      results.push({ accountId, action: 'exists' });
      continue;
    }
    const commands = [
      adminCommand(accountId, 'admin.account.create', {}),
      adminCommand(accountId, 'admin.deposit', { amount: deposit }),
    ];
    await producer.sendMany(
      commands.map((c) => ({
        body: JSON.stringify(c),
        groupId: accountId,
        deduplicationId: c.commandId,
      })),
    );
    results.push({ accountId, action: 'queued' });
  }
  return results;
}

/** Resolves once every seeded account exists with at least its deposit (the OMS processed the seed). */
export async function waitForSeededAccounts(
  targets: SeedTargets,
  timeoutMs = 30_000,
): Promise<void> {
  const trading = new TradingStore({
    db: documentClient(targets.dynamodb),
    tablePrefix: targets.prefix,
  });
  const deadline = Date.now() + timeoutMs;
  for (const { accountId } of SEEDED_ACCOUNTS) {
    const funded = async () =>
      (
        await trading.getBalance(identifierOf('AccountId', accountId))
      )?.value.collateral.isPositive() ?? false;
    await waitUntil(funded, {
      timeoutMs: Math.max(0, deadline - Date.now()),
      intervalMs: 200,
    }).catch(() => {
      throw new Error(`account ${accountId} was not funded within ${timeoutMs / 1000} s`);
    });
  }
}
