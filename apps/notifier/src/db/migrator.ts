import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { NotifierError, NotifierErrorCodes } from '../notifier-errors.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** The one-off command that brings a database up to date (`npm run -s notifier:migrate`). */
export const MIGRATE_COMMAND = 'npm run -s notifier:migrate';

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
}

/** Runs every pending migration (in one transaction, under kysely's migration lock); names what ran. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<readonly string[]> {
  const { error, results }: MigrationResultSet = await migrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined)
    throw new NotifierError(
      NotifierErrorCodes.MigrationFailed,
      failed ? `migration ${failed.migrationName} failed` : 'migrations failed',
      { cause: error },
    );
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface SchemaStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

export async function schemaStatus(db: Kysely<unknown>): Promise<SchemaStatus> {
  const migrations = await migrator(db).getMigrations();
  return {
    applied: migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: migrations.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

/** The service never migrates by itself: it refuses a schema that is behind, naming the command. */
export async function assertSchemaCurrent(db: Kysely<unknown>): Promise<void> {
  const { pending } = await schemaStatus(db);
  if (pending.length > 0)
    throw new NotifierError(
      NotifierErrorCodes.SchemaBehind,
      `the database schema is behind (pending: ${pending.join(', ')}): run \`${MIGRATE_COMMAND}\` ` +
        'with the same DATABASE_URL first',
    );
}
