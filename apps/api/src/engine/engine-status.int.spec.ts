import { createPostgresEventStore } from '@orch/event-store';
import { createTestDatabase, someEvents, type TestDatabase } from '@orch/testing';
import type { EventStore } from '@orch/application';
import { engineLag } from './engine-status';

/** The engine's lag on the real PostgreSQL store: only what it follows (session and agent streams) counts. */
describe('given a log with session, agent and other streams', () => {
  let database: TestDatabase;
  let store: EventStore & { close(): Promise<void> };
  let sessionHead = 0;

  beforeAll(async () => {
    database = await createTestDatabase('engine_lag');
    store = await createPostgresEventStore({ connectionString: database.connectionString });
    await store.appendToStream('session-a', someEvents(3));
    await store.appendToStream('agent-a', someEvents(2));
    sessionHead = (await store.appendToStream('session-b', someEvents(1))).position;
    // Streams the engine does not follow: never counted as lag.
    await store.appendToStream('context-a', someEvents(4));
    await store.appendToStream('apikey-a', someEvents(2));
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('when the engine has applied nothing yet, then every followed event is behind and the head is the last of them', async () => {
    expect(await engineLag(store, undefined)).toEqual({ headPosition: sessionHead, eventsBehind: 6, eventsBehindCapped: false });
  });

  it('when the engine stands at a position, then only the followed events after it count', async () => {
    const page = await store.readAll({ filter: { streamPrefixes: ['session-', 'agent-'] } });
    const third = page.events[2]?.position as number;
    expect(await engineLag(store, third)).toEqual({ headPosition: sessionHead, eventsBehind: 3, eventsBehindCapped: false });
    expect(await engineLag(store, sessionHead)).toEqual({ headPosition: sessionHead, eventsBehind: 0, eventsBehindCapped: false });
  });

  it('when more events are behind than the cap, then counting stops there and says so', async () => {
    const page = await store.readAll({ filter: { streamPrefixes: ['session-', 'agent-'] } });
    expect(await engineLag(store, undefined, 4)).toEqual({ headPosition: page.events[3]?.position, eventsBehind: 4, eventsBehindCapped: true });
    expect(await engineLag(store, undefined, 100)).toEqual({ headPosition: sessionHead, eventsBehind: 6, eventsBehindCapped: false });
  });
});
