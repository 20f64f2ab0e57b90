import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Client } from 'pg';
import { changeNotifierContract } from '../test-support/change-notifier-contract';
import { PostgresChangeNotifier } from './postgres-change-notifier';

let database: TestDatabase;
let channels = 0;
beforeAll(async () => {
  database = await createTestDatabase('rm_notify');
});
afterAll(async () => {
  await database.drop();
});

changeNotifierContract('PostgreSQL LISTEN/NOTIFY', async () => {
  const channel = `changes_${database.name}_${(channels += 1)}`;
  const notifier = new PostgresChangeNotifier({ connectionString: database.connectionString, channel });
  const peer = new PostgresChangeNotifier({ connectionString: database.connectionString, channel });
  return {
    notifier,
    peer,
    async dropSubscribers() {
      const admin = new Client({ connectionString: database.connectionString });
      await admin.connect();
      try {
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'orch-changes-listen' AND datname = current_database()`,
        );
        if (!rowCount) throw new Error('no listening connection to drop');
      } finally {
        await admin.end();
      }
    },
    cleanup: () => Promise.resolve(), // the database is dropped once, after every test
  };
});
