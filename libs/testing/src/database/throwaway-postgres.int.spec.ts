import { Client } from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startThrowawayPostgres', () => {
  let server: ThrowawayPostgres;

  beforeAll(async () => {
    server = await startThrowawayPostgres();
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  }, 60_000);

  it('given a table written before a stop, when the server is started again, then the row is still there', async () => {
    const url = await server.createDatabase('kept');
    await query(url, 'CREATE TABLE t (v int); INSERT INTO t VALUES (42)');
    await server.stop();
    await expect(query(url, 'SELECT 1')).rejects.toThrow();
    await server.start();
    expect(await query(url, 'SELECT v FROM t')).toEqual([{ v: 42 }]);
  }, 120_000);

  it('given a committed row, when the postmaster is killed and started again, then recovery keeps it', async () => {
    const url = server.databaseUrl('kept');
    await query(url, 'INSERT INTO t VALUES (43)');
    await server.kill();
    await server.start();
    expect(await query(url, 'SELECT v FROM t ORDER BY v')).toEqual([{ v: 42 }, { v: 43 }]);
  }, 120_000);
});
