import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { NotifierDatabase } from './schema.ts';

export interface DatabaseOptions {
  readonly url: string;
  readonly maxConnections?: number;
}

// The error reaches whoever uses the connection next; the listener only keeps the process alive.
const ignore = (): void => undefined;

/**
 * The notifier's pool. A lost connection must not crash the process: idle clients' errors are the
 * pool's to recover (it drops them), and a client in use also emits `error` when its socket dies
 * between queries, which the query that uses it next sees anyway.
 */
export function connectDatabase(options: DatabaseOptions): Kysely<NotifierDatabase> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return new Kysely<NotifierDatabase>({ dialect: new PostgresDialect({ pool }) });
}
