import { createTestDatabase } from '@orch/testing';
import { MIGRATIONS } from '../migrations/all-migrations';
import { openReadModelDb } from './open-read-model-db';
import { readModelSchemaStatus } from './schema-status';

describe('readModelSchemaStatus', () => {
  it('given a database nobody migrated, then not migrated with every migration pending; after migrating, migrated', async () => {
    const database = await createTestDatabase('rm_schema_status');
    const unmigrated = await openReadModelDb({ connectionString: database.connectionString, migrate: false });
    try {
      expect(await readModelSchemaStatus(unmigrated.db)).toEqual({
        migrated: false,
        applied: 0,
        expected: MIGRATIONS.length,
        pending: MIGRATIONS.map((migration) => migration.version),
      });
      const migrated = await openReadModelDb({ connectionString: database.connectionString });
      await migrated.close();
      expect(await readModelSchemaStatus(unmigrated.db)).toEqual({ migrated: true, applied: MIGRATIONS.length, expected: MIGRATIONS.length, pending: [] });
    } finally {
      await unmigrated.close();
      await database.drop();
    }
  });
});
