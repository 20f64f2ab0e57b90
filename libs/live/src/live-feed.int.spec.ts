import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@orch/application';
import { createPostgresEventStore, type PostgresEventStore } from '@orch/event-store';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { LiveFeed } from './live-feed';
import { eventEntryOf, type EventEntry } from './live-events';

function events(count: number, tenantId: string): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'BurstEventRecorded',
    data: { index },
    metadata: { actor: 'system:test', tenantId, correlationId: randomUUID(), schemaVersion: 1 },
  }));
}

async function allOf(store: PostgresEventStore, tenantId: string): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let from: number | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 1000, filter: { tenantId } });
    all.push(...page.events);
    from = page.lastPosition;
    if (page.isEnd) return all;
  }
}

/** Collects what one subscriber receives: the catch-up, then live entries from the moment it goes live. */
function subscriber(feed: LiveFeed<EventEntry>, tenantId: string, fromPosition: number | undefined) {
  const received: number[] = [];
  const done = feed.catchUp({
    tenantId,
    fromPosition,
    match: () => true,
    deliver: (entry) => received.push(entry.position),
    goLive: () => feed.addSink((entry) => entry.tenantId === tenantId && received.push(entry.position)),
  });
  return { received, done };
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('given a live feed on the real PostgreSQL event store', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('live_feed');
    store = await createPostgresEventStore({ connectionString: database.connectionString, pollIntervalMs: 100 });
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('when three subscribers start at different positions during a 5,000-event burst, then each gets exactly the events after its position, in order', async () => {
    for (let batch = 0; batch < 10; batch++) {
      await store.appendToStream(`burst-${randomUUID()}`, events(50, batch % 2 ? 'tenant-a' : 'tenant-b'));
    }
    const history = await allOf(store, 'tenant-a');
    // A small memory window and a start in the middle of the history: catch-ups read the store.
    const feed = new LiveFeed<EventEntry>({ name: 'events', store, map: eventEntryOf, recent: 300, pageSize: 97 });
    feed.start(history[100]?.position);

    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let batch = 0; batch < 25; batch++) {
        await store.appendToStream(`burst-${randomUUID()}`, events(50, writer % 2 ? 'tenant-a' : 'tenant-b'));
      }
    });
    const early = subscriber(feed, 'tenant-a', 0);
    const middle = subscriber(feed, 'tenant-a', history[150]?.position);
    await until(() => (feed.position ?? 0) > (history.at(-1)?.position ?? 0), 20_000, 'the burst to reach the feed');
    const late = subscriber(feed, 'tenant-a', feed.position);
    const lateFrom = feed.position ?? 0;
    await Promise.all(writers);
    await Promise.all([early.done, middle.done, late.done]);

    const all = (await allOf(store, 'tenant-a')).map((event) => event.position);
    expect(all.length).toBe(250 + 2_500);
    const after = (from: number) => all.filter((position) => position > from);
    await until(() => early.received.length >= all.length && late.received.length >= after(lateFrom).length, 20_000, 'every event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(early.received).toEqual(all);
    expect(middle.received).toEqual(after(history[150]?.position ?? 0));
    expect(late.received).toEqual(after(lateFrom));
    await feed.stop();
  }, 60_000);

  it('when a subscriber asks for a position ahead of the feed, then it goes live just before the first event after it', async () => {
    const feed = new LiveFeed<EventEntry>({ name: 'events', store, map: eventEntryOf });
    const head = (await allOf(store, 'tenant-a')).at(-1)?.position ?? 0;
    const ahead = head + 1;
    const waiting = subscriber(feed, 'tenant-a', ahead);
    expect(await waiting.done).toBe(ahead);
    feed.start(head);
    await store.appendToStream(`burst-${randomUUID()}`, events(3, 'tenant-a'));
    const fresh = (await allOf(store, 'tenant-a')).filter((event) => event.position > ahead).map((event) => event.position);
    await until(() => waiting.received.length >= 3, 10_000, 'the new events');
    expect(waiting.received).toEqual(fresh);
    await feed.stop();
  });
});
