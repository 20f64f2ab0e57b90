import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend, RecordedEvent } from '@orch/application';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { createPostgresEventStore } from '../postgres/create-postgres-event-store';
import type { PostgresEventStore } from '../postgres/postgres-event-store';
import { readChain } from './chain-hash';
import { ChainVerifier } from './verify-chain';

const metadata: EventMetadata = { actor: 'user:ann', tenantId: 't1', correlationId: 'c1', schemaVersion: 1 };
const event = (index: number, extra: Partial<EventMetadata> = {}): EventToAppend => ({
  id: randomUUID(),
  type: 'ChainTested',
  data: { index, text: 'naïve 🚀', nested: { z: 1, a: [1.5, null, 'x'] } },
  metadata: { ...metadata, ...extra },
});

function verify(events: readonly RecordedEvent[]): ChainVerifier {
  const verifier = new ChainVerifier();
  for (const recorded of events) verifier.check(recorded);
  return verifier;
}

describe('the PostgreSQL adapter seals a hash chain per stream', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('chain');
    store = await createPostgresEventStore({ connectionString: database.connectionString });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  }, 60_000);

  it('given a batch then single appends, when the stream is read, then each event links to the one before from null', async () => {
    const stream = `chain-${randomUUID()}`;
    await store.appendToStream(stream, [event(0), event(1), event(2)], { expectedRevision: 'no_stream' });
    await store.appendToStream(stream, [event(3)], { expectedRevision: 2 });
    await store.appendToStream(stream, [event(4)]);
    const read = await store.readStream(stream);
    const chains = read.map((recorded) => readChain(recorded.metadata));
    expect(chains[0]?.prev).toBeNull();
    for (let index = 1; index < chains.length; index++) expect(chains[index]?.prev).toBe(chains[index - 1]?.hash);
    expect([verify(read).checked, verify(read).firstBroken]).toEqual([5, undefined]);
  });

  it('given eight writers appending with any at once, when the stream is verified, then the chain never forks', async () => {
    const stream = `chain-${randomUUID()}`;
    await Promise.all(Array.from({ length: 8 }, (_, writer) => Promise.all([0, 1, 2].map((n) => store.appendToStream(stream, [event(writer * 10 + n), event(writer * 10 + n + 100)])))));
    const read = await store.readStream(stream);
    expect(read).toHaveLength(48);
    expect(verify(read).firstBroken).toBeUndefined();
  });

  it('given an append re-sent with the same ids, when verified, then nothing was added and the chain holds', async () => {
    const stream = `chain-${randomUUID()}`;
    const batch = [event(0), event(1)];
    const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const again = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const read = await store.readStream(stream);
    expect(again).toEqual(first);
    expect([read.length, verify(read).firstBroken]).toEqual([2, undefined]);
  });

  it('given a caller that supplies its own chain, when appended, then the adapter replaces it with the real link', async () => {
    const stream = `chain-${randomUUID()}`;
    const forged = { digest: 'f'.repeat(64), prev: 'forged', hash: 'e'.repeat(64) };
    await store.appendToStream(stream, [event(0, { chain: forged })]);
    const [recorded] = await store.readStream(stream);
    expect(readChain(recorded?.metadata ?? metadata)).toMatchObject({ prev: null });
    expect(readChain(recorded?.metadata ?? metadata)?.hash).not.toBe(forged.hash);
    expect(verify(recorded ? [recorded] : []).firstBroken).toBeUndefined();
  });

  it('given one event row changed directly in PostgreSQL, when the stream is verified, then that event is named', async () => {
    const stream = `chain-${randomUUID()}`;
    await store.appendToStream(stream, [event(0), event(1), event(2)]);
    const before = await store.readStream(stream);
    const target = before[1];
    if (!target) throw new Error('fixture');
    await store.pool.query(`UPDATE ${store.schema}.events SET data = jsonb_set(data, '{index}', '77') WHERE event_id = $1`, [target.id]);
    const broken = verify(await store.readStream(stream)).firstBroken;
    expect(broken).toMatchObject({ streamName: stream, revision: 1, eventId: target.id, problem: 'content-altered' });
  });
});
