import { anEvent, createTestDatabase, SubscriptionProbe, type TestDatabase, uniqueCategory } from '@orch/testing';
import { Pool } from 'pg';
import { createPostgresEventStore } from './create-postgres-event-store';
import { holdAppendOpen } from './hold-append-open';
import { type PostgresEventStore } from './postgres-event-store';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How subscribers are woken and why an open transaction only delays them. */
describe('postgres event store: live delivery', () => {
  let database: TestDatabase;
  let pool: Pool;
  let polling: PostgresEventStore;
  let notifiedOnly: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('es_live');
    pool = new Pool({ connectionString: database.connectionString });
    polling = await createPostgresEventStore({ pool, pollIntervalMs: 200 });
    // With an hour-long fallback poll, only a notification can wake this store's subscribers.
    notifiedOnly = await createPostgresEventStore({ pool, pollIntervalMs: 3_600_000 });
  });

  afterAll(async () => {
    await Promise.all([polling.close(), notifiedOnly.close()]);
    await pool.end();
    await database.drop();
  });

  const subscribe = (store: PostgresEventStore, category: string): SubscriptionProbe =>
    new SubscriptionProbe(store.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));

  it('wakes subscribers by NOTIFY on commit', async () => {
    const category = uniqueCategory('live');
    const probe = subscribe(notifiedOnly, category);
    await probe.untilCaughtUp();
    await notifiedOnly.appendToStream(`${category}-1`, [anEvent()]);
    await probe.untilEvents(1, 3000);
    await probe.close();
  });

  it('holds back later commits while an earlier transaction is open, then delivers all in position order', async () => {
    const category = uniqueCategory('live');
    const held = await holdAppendOpen(polling, `${category}-held`, [anEvent()]);
    const probe = subscribe(polling, category);
    try {
      const later = await polling.appendToStream(`${category}-later`, [anEvent()]);
      await sleep(600); // three fallback polls
      // Nothing is delivered past the open transaction. (caughtUp may come: it means everything
      // committed before the subscription started has been delivered, and the held one had not.)
      expect(probe.events).toEqual([]);
      await held.commit();
      await probe.untilEvents(2);
      expect(probe.events[1]?.position).toBe(later.position);
    } finally {
      // A failed expectation must not leave the transaction open: it would hold every reader of
      // the cluster behind it (the rest of the run would stall).
      await held.rollback();
      await probe.close();
    }
    expect(probe.events.map((event) => event.streamName)).toEqual([`${category}-held`, `${category}-later`]);
  });

  it('delivers by the fallback poll when the commit that made an event visible sent no notification', async () => {
    const category = uniqueCategory('live');
    const fallback = subscribe(polling, category);
    const control = subscribe(notifiedOnly, category);
    await Promise.all([fallback.untilCaughtUp(), control.untilCaughtUp()]);

    const blocker = await pool.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()'); // a writing transaction that will not notify
    await polling.appendToStream(`${category}-1`, [anEvent()]); // notifies, but is not visible yet
    await sleep(100);
    await blocker.query('COMMIT'); // now it is visible, and nobody was told
    blocker.release();

    await fallback.untilEvents(1, 3000);
    expect(control.events).toEqual([]);
    await Promise.all([fallback.close(), control.close()]);
  });

  it('serves every subscriber from one LISTEN connection and borrows pool clients only per read', async () => {
    const category = uniqueCategory('live');
    const probes = Array.from({ length: 20 }, () => subscribe(polling, category));
    await Promise.all(probes.map((probe) => probe.untilCaughtUp()));
    const { rows } = await pool.query<{ listeners: string }>(
      "SELECT count(*) AS listeners FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(Number(rows[0]?.listeners)).toBe(2); // one per store instance
    expect(pool.totalCount).toBeLessThanOrEqual(10);
    await polling.appendToStream(`${category}-1`, [anEvent()]);
    await Promise.all(probes.map((probe) => probe.untilEvents(1)));
    await Promise.all(probes.map((probe) => probe.close()));
  });
});
