import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PostgresDatabase } from './postgres-database.ts';

// PGlite is one session; pglite-socket multiplexes connections onto it (and keeps a transaction
// on the connection that opened it), so a small pool works. Beyond that, clients get refused.
const MAX_CONNECTIONS = 16;

/** A fresh in-memory PGlite served over the Postgres wire protocol on a random port. */
export async function createPgliteDatabase(): Promise<PostgresDatabase> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  let disposed: Promise<void> | undefined;
  return {
    // PGlite accepts any user and exposes a single database, `postgres`.
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    databaseName: 'postgres',
    backend: 'pglite',
    dispose() {
      disposed ??= (async () => {
        await server.stop();
        await db.close();
      })();
      return disposed;
    },
  };
}
