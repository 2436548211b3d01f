// One-shot provisioning of queues and tables against any SQS/DynamoDB endpoint (docker-compose's
// `provision` service, or a shared dev account). Idempotent: existing resources are left alone.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfigOrExit, str, url } from '@perp/config';
import { ensureQueues, ensureTables } from '@perp/resources';

const config = loadConfigOrExit({
  SQS_ENDPOINT: url(['http', 'https']),
  DYNAMODB_ENDPOINT: url(['http', 'https']),
  AWS_REGION: str().default('us-east-1'),
  RESOURCE_PREFIX: str().optional(),
});
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sqs = new SQSClient({
  endpoint: config.SQS_ENDPOINT,
  region: config.AWS_REGION,
  credentials,
});
const dynamodb = new DynamoDBClient({
  endpoint: config.DYNAMODB_ENDPOINT,
  region: config.AWS_REGION,
  credentials,
});
const prefix = config.RESOURCE_PREFIX ?? '';

for (const queue of Object.values(await ensureQueues(sqs, prefix))) {
  console.log(`queue ${queue.name} ${queue.action}`);
  if (queue.deadLetter) console.log(`queue ${queue.deadLetter.name} ${queue.deadLetter.action}`);
}
for (const table of Object.values(await ensureTables(dynamodb, prefix)))
  console.log(`table ${table.name} ${table.action}`);
sqs.destroy();
dynamodb.destroy();
