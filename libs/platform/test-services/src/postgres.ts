import { detectContainerRuntime } from './container-runtime.ts';
import { createContainerDatabase } from './postgres-container.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import { createPgliteDatabase } from './postgres-pglite.ts';
import { createServerDatabase, LOCAL_POSTGRES_URL, postgresAnswers } from './postgres-server.ts';

export interface PostgresOptions {
  /**
   * `auto` (default): DATABASE_URL, else the local server, else a container if an engine runs,
   * else PGlite. Forcing a backend is for proving that path works (or for speed: PGlite).
   */
  readonly backend?: 'auto' | 'server' | 'container' | 'pglite';
  /** Admin connection used to create and drop the database. Defaults to DATABASE_URL. */
  readonly url?: string;
}

/** Creates an isolated, empty database for one test file. Call `dispose()` in afterAll. */
export async function createPostgresDatabase(
  options: PostgresOptions = {},
): Promise<PostgresDatabase> {
  const backend = options.backend ?? 'auto';
  const configuredUrl = options.url ?? process.env['DATABASE_URL'];
  switch (backend) {
    case 'pglite':
      return createPgliteDatabase();
    case 'container':
      return createContainerDatabase();
    case 'server':
      return createServerDatabase(configuredUrl ?? LOCAL_POSTGRES_URL);
    case 'auto':
      // A URL someone configured is used as is: failing loudly beats silently testing elsewhere.
      if (configuredUrl) return createServerDatabase(configuredUrl);
      if (await postgresAnswers(LOCAL_POSTGRES_URL))
        return createServerDatabase(LOCAL_POSTGRES_URL);
      if (await detectContainerRuntime()) return createContainerDatabase();
      return createPgliteDatabase();
  }
}
