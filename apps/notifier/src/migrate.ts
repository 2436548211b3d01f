// `npm run -s notifier:migrate`: brings the notifier's PostgreSQL schema up to date, then exits. A
// one-off task (an ECS task in AWS), run before a release that needs it; the service never migrates.
import { loadConfigOrExit, url } from '@perp/config';
import { scrubSecrets } from '@perp/logger';
import type { Kysely } from 'kysely';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrator.ts';

const config = loadConfigOrExit({ DATABASE_URL: url(['postgres', 'postgresql']) });
const db = connectDatabase({ url: config.DATABASE_URL, maxConnections: 1 });
try {
  const applied = await migrateToLatest(db as Kysely<unknown>);
  process.stdout.write(
    applied.length === 0
      ? 'notifier schema up to date\n'
      : `notifier schema migrated: ${applied.join(', ')}\n`,
  );
} catch (error) {
  const cause =
    error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  process.stderr.write(
    scrubSecrets(`${error instanceof Error ? error.message : String(error)}${cause}\n`),
  );
  process.exitCode = 1;
} finally {
  await db.destroy();
}
