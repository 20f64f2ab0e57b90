import { randomUUID } from 'node:crypto';
import { anEvent, createTestDatabase, someEvents, type TestDatabase, uniqueCategory } from '@orch/testing';
import { Pool } from 'pg';
import { createPostgresEventStore } from './create-postgres-event-store';
import { holdAppendOpen } from './hold-append-open';
import { type PostgresEventStore } from './postgres-event-store';

/** What the tx-id technique promises beyond the contract: how positions are made. */
describe('postgres event store: global positions', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const stream = (): string => `${uniqueCategory('pos')}-1`;

  beforeAll(async () => {
    database = await createTestDatabase('es_positions');
    pool = new Pool({ connectionString: database.connectionString });
    store = await createPostgresEventStore({ pool });
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('continues the ordinal across several appends of one transaction', async () => {
    const [first, second] = [stream(), stream()];
    const held = await holdAppendOpen(store, first, someEvents(2));
    const more = await held.append(second, someEvents(3));
    const last = await held.append(first, someEvents(1), 1);
    await held.commit();

    const positions = [...(await store.readStream(first)), ...(await store.readStream(second))]
      .map((event) => event.position)
      .sort((a, b) => a - b);
    const base = positions[0] ?? NaN;
    expect(base % 65536).toBe(0);
    expect(positions).toEqual([0, 1, 2, 3, 4, 5].map((ordinal) => base + ordinal));
    expect([held.result.position, more.position, last.position]).toEqual([base + 1, base + 4, base + 5]);
    const { rows } = await pool.query<{ tx: string }>(
      'SELECT DISTINCT tx_id::text AS tx FROM event_store.events WHERE stream_name = ANY($1)',
      [[first, second]],
    );
    expect(rows.map((row) => Number(row.tx) * 65536)).toEqual([base]);
  });

  it('rolls back every append of a rolled-back transaction', async () => {
    const name = stream();
    const held = await holdAppendOpen(store, name, someEvents(2));
    await held.rollback();
    expect(await store.readStream(name)).toEqual([]);
    await expect(store.appendToStream(name, [anEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
      nextExpectedRevision: 0,
    });
  });

  it('refuses an append that would order a stream against its revisions, with a retryable 40001', async () => {
    const [early, shared] = [stream(), stream()];
    const older = await holdAppendOpen(store, early, [anEvent()]); // this transaction has the older xid
    await store.appendToStream(shared, [anEvent()]); // a newer transaction commits revision 0
    await expect(older.append(shared, [anEvent()])).rejects.toMatchObject({ code: '40001' });
    await older.rollback();
    expect((await store.readStream(shared)).map((event) => event.revision)).toEqual([0]);
  });

  it('rejects more than 65,536 events in one transaction and writes none of them', async () => {
    const name = stream();
    const template = anEvent();
    const events = Array.from({ length: 65_537 }, () => ({ ...template, id: randomUUID() }));
    await expect(store.appendToStream(name, events)).rejects.toThrow(RangeError);
    expect(await store.readStream(name)).toEqual([]);
  }, 20_000);

  it('recreates a soft-deleted stream with no_stream, continuing the revisions, idempotently', async () => {
    const name = stream();
    await store.appendToStream(name, someEvents(2));
    await store.deleteStream(name);
    const again = [anEvent()];
    const result = await store.appendToStream(name, again, { expectedRevision: 'no_stream' });
    await expect(store.appendToStream(name, again, { expectedRevision: 'no_stream' })).resolves.toEqual(result);
    expect((await store.readStream(name)).map((event) => event.revision)).toEqual([2]);
  });

  it('stores the tenant in its own column', async () => {
    const tenant = uniqueCategory('tenant');
    const name = stream();
    await store.appendToStream(name, [anEvent({ tenantId: tenant })]);
    const { rows } = await pool.query('SELECT tenant_id FROM event_store.events WHERE stream_name = $1', [name]);
    expect(rows).toEqual([{ tenant_id: tenant }]);
  });
});
