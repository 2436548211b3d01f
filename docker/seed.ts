// docker-compose's seed one-shots: the demo instruments and accounts `npm start` seeds, by the
// same code (@perp/demo-seed, which carries no test-only dependency, so it runs in an app image).
//   node --conditions=@perp/source docker/seed.ts instruments   (before the OMS starts)
//   node --conditions=@perp/source docker/seed.ts accounts      (through the queue: the OMS runs)
// Idempotent: what exists is left alone, so every `docker compose up` may run both.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfigOrExit, str, url } from '@perp/config';
import {
  seedAccounts,
  seedInstruments,
  waitForSeededAccounts,
  type SeedTargets,
} from '@perp/demo-seed';
import { ensureQueues } from '@perp/resources';

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
const sqs = new SQSClient({
  endpoint: config.SQS_ENDPOINT,
  region: config.AWS_REGION,
  credentials,
});
const prefix = config.RESOURCE_PREFIX;

try {
  if (mode === 'instruments') {
    // The OMS is not up yet: the queue is not needed, only the config table.
    const targets: SeedTargets = { dynamodb, sqs, ordersQueueUrl: '', prefix };
    for (const { symbol, action } of await seedInstruments(targets))
      console.log(`instrument ${symbol} ${action}`);
  } else {
    const queues = await ensureQueues(sqs, prefix);
    const targets: SeedTargets = { dynamodb, sqs, ordersQueueUrl: queues.orders.url, prefix };
    for (const { accountId, action } of await seedAccounts(targets))
      console.log(`account ${accountId} ${action}`);
    await waitForSeededAccounts(targets, 60_000);
    console.log('accounts funded');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  dynamodb.destroy();
  sqs.destroy();
}
