import { Client } from 'pg';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import { redactUrl } from './redact-url.ts';
import type { PostgresBackend, PostgresDatabase } from './postgres-database.ts';
import { uniqueName } from './unique-name.ts';

/** The machine's own server (trust auth), tried when DATABASE_URL is not set. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** True if a Postgres server accepts `adminUrl` within `timeoutMs`. */
export async function postgresAnswers(adminUrl: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates a uniquely named database on the server behind `adminUrl` (whose user needs CREATEDB)
 * and returns a URL to it. The server is shared with other test runs, so the name is the isolation.
 */
export async function createServerDatabase(
  adminUrl: string,
  backend: PostgresBackend = 'server',
  onDisposed: () => Promise<void> = async () => undefined,
): Promise<PostgresDatabase> {
  const databaseName = uniqueName('perp_test');
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  let disposed: Promise<void> | undefined;
  return {
    url: url.toString(),
    databaseName,
    backend,
    dispose() {
      disposed ??= (async () => {
        // FORCE: a pool the test forgot to close must not keep the database alive.
        await withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
        );
        await onDisposed();
      })();
      return disposed;
    },
  };
}

async function withClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new TestServiceError(
      TestServiceErrorCode.PostgresUnavailable,
      `Postgres is not reachable at ${redactUrl(adminUrl)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
