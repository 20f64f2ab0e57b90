import { anEvent, createTestDatabase, SubscriptionProbe, type TestDatabase, uniqueCategory } from '@orch/testing';
import type { RecordedEvent, Subscription } from '@orch/application';
import { Pool } from 'pg';
import { createPostgresEventStore } from './create-postgres-event-store';
import { type PostgresEventStore } from './postgres-event-store';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The shared tail: subscriptions at the head cost one read per notification between them. */
describe('postgres event store: subscriptions following the shared tail', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('es_tail');
    pool = new Pool({ connectionString: database.connectionString });
    store = await createPostgresEventStore({ pool, pollIntervalMs: 200, tailBacklog: 20 });
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('given six live subscriptions with different filters, when 30 commands append one by one, then each gets exactly its events in order with about one read per append between them', async () => {
    const category = uniqueCategory('tail');
    const probes = [
      new SubscriptionProbe(store.subscribeToAll({})),
      new SubscriptionProbe(store.subscribeToAll({})),
      new SubscriptionProbe(store.subscribeToAll({ filter: { streamPrefixes: [`${category}-a`] } })),
      new SubscriptionProbe(store.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } })),
      new SubscriptionProbe(store.subscribeToAll({ filter: { tenantId: 'tenant-tail' } })),
      new SubscriptionProbe(store.subscribeToAll({ filter: { eventTypePrefixes: ['TailOdd'] } })),
    ];
    await Promise.all(probes.map((probe) => probe.untilCaughtUp()));
    const reads = jest.spyOn(pool, 'query');
    const appended: number[] = [];
    for (let index = 0; index < 30; index++) {
      const stream = `${category}-${index % 2 === 0 ? 'a' : 'b'}${index}`;
      const event = anEvent({ type: index % 2 === 0 ? 'TailEven' : 'TailOdd', tenantId: index % 3 === 0 ? 'tenant-tail' : 'tenant-other' });
      appended.push((await store.appendToStream(stream, [event])).position);
      await sleep(10);
    }
    const mine = (probe: SubscriptionProbe) => probe.events.filter((event) => event.streamName.startsWith(`${category}-`));
    await probes[0]?.until(() => mine(probes[0] as SubscriptionProbe).length >= 30, '30 events', 10_000);
    await sleep(300);
    const positions = (events: RecordedEvent[]) => events.map((event) => event.position);
    const at = (predicate: (index: number) => boolean) => appended.filter((_, index) => predicate(index));
    expect(positions(mine(probes[0] as SubscriptionProbe))).toEqual(appended);
    expect(positions(mine(probes[1] as SubscriptionProbe))).toEqual(appended);
    expect(positions(mine(probes[2] as SubscriptionProbe))).toEqual(at((i) => i % 2 === 0));
    expect(positions(mine(probes[3] as SubscriptionProbe))).toEqual(appended);
    expect(positions(mine(probes[4] as SubscriptionProbe))).toEqual(at((i) => i % 3 === 0));
    expect(positions(mine(probes[5] as SubscriptionProbe))).toEqual(at((i) => i % 2 === 1));
    const pageReads = reads.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('read_all_page')).length;
    // Each reading on its own: six reads per append (180). Following the tail: about one each.
    expect(pageReads).toBeLessThan(90);
    reads.mockRestore();
    await Promise.all(probes.map((probe) => probe.close()));
  });

  it('given a consumer that stops pulling during a burst, when it resumes, then it gets every event once and in order while the others were not held up', async () => {
    const category = uniqueCategory('slow');
    const filter = { streamPrefixes: [`${category}-`] };
    const fast = new SubscriptionProbe(store.subscribeToAll({ filter }));
    const slow: Subscription = store.subscribeToAll({ filter });
    const iterator = slow[Symbol.asyncIterator]();
    await fast.untilCaughtUp();
    expect((await iterator.next()).value).toMatchObject({ kind: 'caughtUp' });
    const appended: number[] = [];
    for (let index = 0; index < 10; index++) {
      const events = Array.from({ length: 10 }, () => anEvent());
      const { position } = await store.appendToStream(`${category}-${index}`, events);
      appended.push(...events.map((_, n) => position - events.length + 1 + n));
    }
    // The fast one has all 100 while the slow one pulled nothing: its backlog (20) overflowed.
    await fast.untilEvents(100, 10_000);
    const received: number[] = [];
    while (received.length < 100) {
      const next = await iterator.next();
      if (next.done) break;
      if (next.value.kind === 'event') received.push(next.value.event.position);
    }
    expect(received).toEqual(appended);
    expect(fast.events.map((event) => event.position)).toEqual(appended);
    await slow.close();
    await fast.close();
  });
});
