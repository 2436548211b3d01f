// `npm start`: the whole platform on one machine with embedded defaults. One terminal, prefixed
// logs, Ctrl-C stops everything in reverse order.
import { join } from 'node:path';
import { ensureQueues, ensureTables } from '@perp/resources';
import { localDynamoDbClient, startDynamoDbLocal } from './dynamodb-local.ts';
import { requireFreePort } from './ports.ts';
import { ensurePostgres } from './postgres-local.ts';
import { PrerequisiteError, requireJava, requireNode24, requireRedis } from './prerequisites.ts';
import { prefixedOutput } from './prefixed-output.ts';
import { localSqsClient, startSqs } from './sqs-local.ts';
import { readStackConfig } from './stack-config.ts';

const output = prefixedOutput();
const log = (text: string) => output.line('stack', text);
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const { name, stop } of stops.reverse()) {
      log(`stopping ${name}`);
      await stop().catch((error: unknown) => log(`${name} did not stop cleanly: ${String(error)}`));
    }
    log('stopped');
  }
  process.exit(code);
}

async function start(): Promise<void> {
  const config = readStackConfig();
  requireNode24();
  requireJava();
  await requireRedis(config.REDIS_URL);
  await requireFreePort('0.0.0.0', config.SQS_PORT, 'SQS_PORT', 'SQS (fauxqs)');
  await requireFreePort(config.STACK_HOST, config.DYNAMODB_PORT, 'DYNAMODB_PORT', 'DynamoDB Local');

  const sqs = await startSqs({
    port: config.SQS_PORT,
    host: config.STACK_HOST,
    dataDir: join(config.STACK_DATA_DIR, 'sqs'),
  });
  stops.push({ name: 'sqs', stop: sqs.stop });
  log(`SQS (fauxqs) on ${sqs.endpoint}`);

  const dynamodb = await startDynamoDbLocal({
    port: config.DYNAMODB_PORT,
    host: config.STACK_HOST,
    dataDir: join(config.STACK_DATA_DIR, 'dynamodb'),
    region: config.AWS_REGION,
    output,
  });
  stops.push({ name: 'dynamodb', stop: dynamodb.stop });
  log(`DynamoDB Local on ${dynamodb.endpoint}`);

  const postgres = await ensurePostgres({
    url: config.DATABASE_URL,
    host: config.STACK_HOST,
    pglitePort: config.PGLITE_PORT,
    dataDir: join(config.STACK_DATA_DIR, 'pglite'),
  });
  stops.push({ name: 'postgres', stop: postgres.stop });
  log(
    `PostgreSQL (${postgres.kind === 'server' ? 'local server' : 'embedded PGlite'}) on ${postgres.url}`,
  );
  log(`Redis on ${config.REDIS_URL}`);

  const sqsClient = localSqsClient(sqs.endpoint, config.AWS_REGION);
  const queues = await ensureQueues(sqsClient, config.RESOURCE_PREFIX ?? '');
  sqsClient.destroy();
  for (const queue of Object.values(queues)) {
    log(`queue ${queue.name} ${queue.action}: ${queue.url}`);
    if (queue.deadLetter)
      log(`queue ${queue.deadLetter.name} ${queue.deadLetter.action}: ${queue.deadLetter.url}`);
  }
  const dynamoClient = localDynamoDbClient(dynamodb.endpoint, config.AWS_REGION);
  const tables = await ensureTables(dynamoClient, config.RESOURCE_PREFIX ?? '');
  dynamoClient.destroy();
  for (const table of Object.values(tables)) log(`table ${table.name} ${table.action}`);

  log('ready. Press Ctrl-C to stop.');
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

start().catch((error: unknown) => {
  log(
    error instanceof PrerequisiteError
      ? error.message
      : `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  void stopAll(1);
});
