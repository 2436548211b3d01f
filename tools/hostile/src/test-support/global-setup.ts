// One stack for the whole suite, as `npm start` runs it (with the notifier), its logs at debug
// level kept to a file. At the end: the ledger's counts, and every secret the run knew of looked
// for in those logs. The run fails if anything was let in or any secret was logged.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_AUDIENCE, startLocalStack } from '@perp/local-stack';
import { createPostgresDatabase } from '@perp/test-services';
import type { TestProject } from 'vitest/node';
import { formatSummary, readLedger, summarise } from './ledger-summary.ts';

/** The short form (CI): enough cases to find a crash; `npm run hostile` sets 1000. */
const DEFAULT_RUNS = 100;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'perp-hostile-'));
  const logPath = join(runDir, 'stack.log');
  const ledgerPath = join(runDir, 'ledger.jsonl');
  await writeFile(ledgerPath, '');
  const log = createWriteStream(logPath);
  const database = await createPostgresDatabase();
  const stack = await startLocalStack({
    notifier: true,
    logLevel: 'debug',
    readyTimeoutMs: 120_000,
    // A short upgrade timeout, so the slow-upgrade attack is cut within the test's patience.
    env: { DATABASE_URL: database.url, UPGRADE_TIMEOUT_MS: '2000' },
    onLine: (line) => log.write(`${line}\n`),
  });
  const runs = Number(process.env['HOSTILE_RUNS'] ?? DEFAULT_RUNS);
  project.provide('hostile', {
    wsUrl: stack.wsUrl,
    gatewayHttpUrl: stack.httpUrl('GATEWAY_PORT'),
    notifierUrl: stack.httpUrl('NOTIFIER_PORT'),
    issuerUrl: stack.httpUrl('IDENTITY_PORT'),
    identityEnv: stack.identityEnv,
    audience: LOCAL_AUDIENCE,
    ledgerPath,
    runs: Number.isInteger(runs) && runs > 0 ? runs : DEFAULT_RUNS,
  });

  return async () => {
    const stackSecrets = await knownStackSecrets(
      stack.dataDir,
      stack.identityEnv.IDENTITY_DATA_DIR,
    );
    await stack.stop();
    await new Promise((resolve) => log.end(resolve));
    await database.dispose();
    const summary = summarise(
      readLedger(ledgerPath),
      await readFile(logPath, 'utf8'),
      stackSecrets,
    );
    process.stdout.write(`\n${formatSummary(summary)}\n`);
    if (summary.letIn > 0 || summary.leaked.length > 0) {
      process.stdout.write(`stack log kept at ${logPath}\n`);
      throw new Error(
        `hostile suite: ${summary.letIn} let in, secrets in the logs: ${summary.leaked.join(', ') || 'none'}`,
      );
    }
    await rm(runDir, { recursive: true, force: true });
  };
}

/** The stack's own secrets, read from its data folder: the notifier API token and the issuer's key. */
async function knownStackSecrets(
  dataDir: string,
  identityDir: string,
): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  const apiToken = (await read(join(dataDir, 'notifier-api-token'))).trim();
  if (apiToken) secrets.set('notifier API token', apiToken);
  const key = await read(join(identityDir, 'signing-key.json'));
  if (key) {
    const jwk = JSON.parse(key) as Record<string, unknown>;
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
      if (typeof jwk[member] === 'string')
        secrets.set(`issuer private key (${member})`, jwk[member]);
  }
  return secrets;
}
