// docker-compose's seed one-shots: the demo instruments and accounts `npm start` seeds, by the
// same code (@perp/demo-seed, which carries no test-only dependency, so it runs in an app image).
//   node --conditions=@perp/source tools/stack/src/seed-cli.ts instruments   (before the OMS)
//   node --conditions=@perp/source tools/stack/src/seed-cli.ts accounts      (the OMS runs)
// Idempotent: what exists is left alone, so every `docker compose up` may run both.
import {
  seedAccounts,
  seedInstruments,
  waitForSeededAccounts,
  type SeedTargets,
} from '@perp/demo-seed';
import { ensureQueues } from '@perp/resources';
import { oneShotClients } from './one-shot-clients.ts';

const mode = process.argv[2];
if (mode !== 'instruments' && mode !== 'accounts') {
  console.error('usage: seed-cli.ts instruments|accounts');
  process.exit(64);
}
const { sqs, dynamodb, prefix, destroy } = oneShotClients();
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
  destroy();
}
