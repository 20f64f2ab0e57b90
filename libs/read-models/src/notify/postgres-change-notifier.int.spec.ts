import { type ProjectionChange } from '@orch/application';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Client } from 'pg';
import { PostgresChangeNotifier } from './postgres-change-notifier';

const change = (index: number): ProjectionChange => ({ entity: 'session', id: `s-${index}`, tenantId: 't', position: index });

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PostgresChangeNotifier', () => {
  let database: TestDatabase;
  let notifier: PostgresChangeNotifier;
  beforeAll(async () => {
    database = await createTestDatabase('rm_notify');
    notifier = new PostgresChangeNotifier({ connectionString: database.connectionString, channel: `changes_${database.name}` });
  });
  afterAll(async () => {
    await notifier.close();
    await database.drop();
  });

  it('delivers a large publish, split into payloads under the NOTIFY limit, in order', async () => {
    const received: ProjectionChange[] = [];
    const subscription = await notifier.subscribe((changes) => received.push(...changes));
    const changes = Array.from({ length: 1000 }, (_, index) => change(index));
    await notifier.publish(changes);
    await until(() => received.length === changes.length);
    expect(received).toEqual(changes);
    await subscription.close();
  });

  it('keeps listening after the server drops the listening connection', async () => {
    const received: ProjectionChange[] = [];
    const subscription = await notifier.subscribe((changes) => received.push(...changes));
    const admin = new Client({ connectionString: database.connectionString });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'orch-changes-listen' AND datname = current_database()`);
    await admin.end();
    await until(() => {
      void notifier.publish([change(1)]);
      return received.length > 0;
    });
    expect(received[0]).toEqual(change(1));
    await subscription.close();
  });
});
