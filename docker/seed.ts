// docker-compose's seed one-shots: the demo instruments and accounts `npm start` seeds
// (tools/stack/src/seed.ts, which this mirrors without its test-only imports).
//   node --conditions=@perp/source docker/seed.ts instruments   (before the OMS starts)
//   node --conditions=@perp/source docker/seed.ts accounts      (through the queue: the OMS runs)
// Idempotent: what exists is left alone, so every `docker compose up` may run both.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfigOrExit, str, url } from '@perp/config';
import { parseCommandEnvelope } from '@perp/contracts';
import { ensureQueues } from '@perp/resources';
import { FifoQueueProducer } from '@perp/sqs-adapter';
import { identifierOf } from '@perp/trading-domain';
import { ConfigStore, TradingStore, documentClient } from '@perp/trading-store';
import {
  MARKET_MAKER_ACCOUNT,
  SEED_ACCOUNTS,
  SEED_INSTRUMENTS,
  SEED_OPERATOR,
  listedInstrument,
} from '../libs/platform/local-stack/src/seed-data.ts';

const mode = process.argv[2];
if (mode !== 'instruments' && mode !== 'accounts') {
  console.error('usage: seed.ts instruments|accounts');
  process.exit(64);
}
const config = loadConfigOrExit({
  SQS_ENDPOINT: url(['http', 'https']),
  DYNAMODB_ENDPOINT: url(['http', 'https']),
  AWS_REGION: str().default('us-east-1'),
  RESOURCE_PREFIX: str().default(''),
});
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const dynamodb = new DynamoDBClient({
  endpoint: config.DYNAMODB_ENDPOINT,
  region: config.AWS_REGION,
  credentials,
});
const db = documentClient(dynamodb);
const prefix = config.RESOURCE_PREFIX;

if (mode === 'instruments') {
  const store = new ConfigStore({ db, tablePrefix: prefix });
  for (const seed of SEED_INSTRUMENTS) {
    const created = await store.putInstrument(listedInstrument(seed));
    console.log(`instrument ${seed.symbol} ${created ? 'created' : 'exists'}`);
  }
} else {
  const sqs = new SQSClient({
    endpoint: config.SQS_ENDPOINT,
    region: config.AWS_REGION,
    credentials,
  });
  const queues = await ensureQueues(sqs, prefix);
  const trading = new TradingStore({ db, tablePrefix: prefix });
  const producer = new FifoQueueProducer({ sqs, queueUrl: queues.orders.url });
  const accounts = [...SEED_ACCOUNTS, MARKET_MAKER_ACCOUNT];
  const balance = (accountId: string) => trading.getBalance(identifierOf('AccountId', accountId));
  for (const { accountId, deposit } of accounts) {
    if (await balance(accountId)) {
      console.log(`account ${accountId} exists`);
      continue;
    }
    const commands = [
      ['admin.account.create', {}],
      ['admin.deposit', { amount: deposit }],
    ] as const;
    await producer.sendMany(
      commands.map(([type, payload]) => {
        const command = parseCommandEnvelope({
          version: 1,
          // Deterministic ids: a second seed inside SQS's deduplication window is dropped.
          commandId: `seed:${type}:${accountId}`,
          accountId,
          actorAccountId: SEED_OPERATOR,
          receivedAt: Date.now(),
          traceId: randomUUID(),
          source: 'admin',
          type,
          payload,
        });
        return {
          body: JSON.stringify(command),
          groupId: accountId,
          deduplicationId: command.commandId,
        };
      }),
    );
    console.log(`account ${accountId} queued`);
  }
  const deadline = Date.now() + 60_000;
  for (const { accountId } of accounts) {
    while (!((await balance(accountId))?.value.collateral.isPositive() ?? false)) {
      if (Date.now() > deadline) {
        console.error(`account ${accountId} was not funded within 60 s (is the OMS running?)`);
        process.exit(1);
      }
      await sleep(200);
    }
    console.log(`account ${accountId} funded`);
  }
  sqs.destroy();
}
dynamodb.destroy();
