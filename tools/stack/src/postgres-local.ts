import { mkdirSync } from 'node:fs';
import pg from 'pg';

export interface PostgresEndpoint {
  readonly url: string;
  readonly kind: 'server' | 'pglite';
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Uses the PostgreSQL server at `url` when it answers; otherwise serves an embedded PGlite database
 * (data under `dataDir`) over the Postgres protocol, so the platform runs with no server installed.
 */
export async function ensurePostgres(options: {
  url: string;
  host: string;
  pglitePort: number;
  dataDir: string;
}): Promise<PostgresEndpoint> {
  if (await answers(options.url))
    return { url: options.url, kind: 'server', stop: async () => undefined };
  mkdirSync(options.dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, port: options.pglitePort, host: options.host });
  await server.start();
  return {
    url: `postgres://postgres@${options.host}:${options.pglitePort}/postgres`,
    kind: 'pglite',
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
