import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type PostgresDatabase } from './index.ts';
import { LOCAL_POSTGRES_URL } from './postgres-server.ts';

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function roundTrip(db: PostgresDatabase): Promise<unknown[]> {
  return withClient(db.url, async (client) => {
    await client.query(
      'CREATE TABLE fills (id serial PRIMARY KEY, symbol text NOT NULL, qty numeric NOT NULL)',
    );
    await client.query('INSERT INTO fills (symbol, qty) VALUES ($1, $2), ($3, $4)', [
      'BTC-PERP',
      '0.5',
      'ETH-PERP',
      '2',
    ]);
    const { rows } = await client.query('SELECT symbol, qty FROM fills ORDER BY id');
    return rows;
  });
}

const expectedRows = [
  { symbol: 'BTC-PERP', qty: '0.5' },
  { symbol: 'ETH-PERP', qty: '2' },
];

describe('createPostgresDatabase (auto: DATABASE_URL or the local server here)', () => {
  let db: PostgresDatabase;

  beforeAll(async () => {
    db = await createPostgresDatabase();
  });
  afterAll(() => db?.dispose());

  it('runs queries in an isolated, empty database', async () => {
    expect(await roundTrip(db)).toEqual(expectedRows);
  });

  it('drops the database on dispose', async (ctx) => {
    // Only a shared server outlives the database; PGlite and containers simply go away.
    if (db.backend !== 'server') return ctx.skip();
    const adminUrl = process.env['DATABASE_URL'] ?? LOCAL_POSTGRES_URL;
    const scratch = await createPostgresDatabase();
    const exists = () =>
      withClient(adminUrl, (client) =>
        client
          .query('SELECT 1 FROM pg_database WHERE datname = $1', [scratch.databaseName])
          .then((r) => r.rowCount === 1),
      );
    // A connection still open must not keep the database alive (DROP ... WITH (FORCE)).
    const lingering = new Client({ connectionString: scratch.url });
    lingering.on('error', () => undefined);
    await lingering.connect();
    expect(await exists()).toBe(true);

    await scratch.dispose();

    expect(await exists()).toBe(false);
    await lingering.end().catch(() => undefined);
  });
});

describe('createPostgresDatabase (PGlite fallback, forced)', () => {
  let db: PostgresDatabase;

  beforeAll(async () => {
    db = await createPostgresDatabase({ backend: 'pglite' });
  });
  afterAll(() => db?.dispose());

  it('serves a fresh PGlite over the Postgres protocol on a random port', async () => {
    expect(db.backend).toBe('pglite');
    expect(db.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await roundTrip(db)).toEqual(expectedRows);
  });

  it('serves several connections at once, as a pool would open them', async () => {
    const clients = [
      new Client({ connectionString: db.url }),
      new Client({ connectionString: db.url }),
    ];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const counts = await Promise.all(
        clients.map((c) => c.query('SELECT count(*)::int AS n FROM fills')),
      );
      expect(counts.map((r) => r.rows[0])).toEqual([{ n: 2 }, { n: 2 }]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('stops serving on dispose', async () => {
    await db.dispose(); // afterAll's second dispose is a no-op
    await expect(withClient(db.url, (client) => client.query('SELECT 1'))).rejects.toThrow();
  });
});
