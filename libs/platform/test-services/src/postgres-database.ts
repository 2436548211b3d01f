/** Where the isolated database lives; tests may assert on it, e.g. to skip server-only features. */
export type PostgresBackend = 'server' | 'container' | 'pglite';

/** A database that exists only for one test file (or one `beforeAll`). */
export interface PostgresDatabase {
  /** Connection string for `pg`, Kysely or the service under test. */
  readonly url: string;
  readonly databaseName: string;
  readonly backend: PostgresBackend;
  /** Drops the database (or stops the PGlite instance / container). Safe to call twice. */
  dispose(): Promise<void>;
}
