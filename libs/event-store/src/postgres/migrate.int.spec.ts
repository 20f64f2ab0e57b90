import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Pool } from 'pg';
import { runMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

describe('postgres event store: migrations', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('es_migrations');
    pool = new Pool({ connectionString: database.connectionString });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('applies every migration once, even when two processes start together', async () => {
    const runs = await Promise.all([runMigrations(pool, 'once'), runMigrations(pool, 'once')]);
    expect(runs.flat().sort()).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(await runMigrations(pool, 'once')).toEqual([]);
    const { rows } = await pool.query('SELECT version, name FROM once.schema_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('keeps schemas apart', async () => {
    await runMigrations(pool, 'tenant_a');
    await runMigrations(pool, 'tenant_b');
    await pool.query(`SELECT * FROM tenant_a.append_to_stream('s-1', 'any', '[]'::jsonb)`);
    const { rows } = await pool.query<{ schema: string }>(
      "SELECT DISTINCT table_schema AS schema FROM information_schema.tables WHERE table_name = 'events' ORDER BY 1",
    );
    expect(rows.map((row) => row.schema)).toEqual(expect.arrayContaining(['tenant_a', 'tenant_b']));
  });

  it('refuses to start when an applied migration was edited', async () => {
    await runMigrations(pool, 'edited');
    const edited = MIGRATIONS.map((migration) =>
      migration.version === 2 ? { ...migration, sql: (schema: string) => `${migration.sql(schema)}\n-- edit` } : migration,
    );
    await expect(runMigrations(pool, 'edited', edited)).rejects.toThrow(/migration 2 .* was edited/);
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(runMigrations(pool, 'x; DROP TABLE y')).rejects.toThrow(/Invalid event-store schema name/);
  });
});
