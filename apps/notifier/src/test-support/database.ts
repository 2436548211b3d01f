import { createPostgresDatabase, type PostgresDatabase } from '@perp/test-services';
import type { Kysely } from 'kysely';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { NotifierDatabase } from '../db/schema.ts';

export interface TestDatabase {
  readonly url: string;
  readonly db: Kysely<NotifierDatabase>;
  readonly backend: PostgresDatabase['backend'];
  dispose(): Promise<void>;
}

/** An isolated database for one test file, migrated unless told not to. */
export async function createTestDatabase(
  options: { backend?: 'server' | 'pglite'; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const database = await createPostgresDatabase({ backend: options.backend ?? 'auto' });
  const db = connectDatabase({ url: database.url, maxConnections: 4 });
  if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>);
  return {
    url: database.url,
    db,
    backend: database.backend,
    async dispose() {
      await db.destroy();
      await database.dispose();
    },
  };
}
