// One-shot provisioning of queues and tables against any SQS/DynamoDB endpoint (docker-compose's
// `provision` service, or a shared dev account). Idempotent: existing resources are left alone.
import { ensureQueues, ensureTables } from '@perp/resources';
import { oneShotClients } from './one-shot-clients.ts';

const { sqs, dynamodb, prefix, destroy } = oneShotClients();
try {
  for (const queue of Object.values(await ensureQueues(sqs, prefix))) {
    console.log(`queue ${queue.name} ${queue.action}`);
    if (queue.deadLetter) console.log(`queue ${queue.deadLetter.name} ${queue.deadLetter.action}`);
  }
  for (const table of Object.values(await ensureTables(dynamodb, prefix)))
    console.log(`table ${table.name} ${table.action}`);
} finally {
  destroy();
}
