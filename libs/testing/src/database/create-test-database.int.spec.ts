import { Client } from 'pg';
import { createTestDatabase } from './create-test-database';

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  const adminUrl = process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

  it('creates a distinct, connectable database per call and drops it even with open connections', async () => {
    const [first, second] = await Promise.all([createTestDatabase('probe'), createTestDatabase('probe')]);
    expect(first.name).not.toEqual(second.name);
    const open = new Client({ connectionString: first.connectionString });
    open.on('error', () => undefined);
    await open.connect();
    const { rows } = await open.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0]?.db).toBe(first.name);

    await first.drop();
    await second.drop();
    await first.drop();

    expect(await databaseExists(adminUrl, first.name)).toBe(false);
    expect(await databaseExists(adminUrl, second.name)).toBe(false);
    await open.end().catch(() => undefined);
  });
});
