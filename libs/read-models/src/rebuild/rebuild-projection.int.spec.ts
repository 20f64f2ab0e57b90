import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { sql } from 'kysely';
import { sessionProjector } from '../projectors/session/session-projector';
import { silentLogger } from '../runner/logger';
import { ProjectorRunner } from '../runner/projector-runner';
import { appendFacts, fact, TestClock } from '../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { appendMixedHistory } from '../test-support/mixed-history';
import { snapshotTables } from '../test-support/snapshot';
import { visibleEventsUpTo } from '../test-support/visible-events';
import { rebuildProjection, type RebuildProgress } from './rebuild-projection';

const SESSION_TABLES = sessionProjector.tables;

describe('rebuildProjection', () => {
  let h: ReadModelHarness;
  let runner: ProjectorRunner | undefined;
  beforeEach(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_rebuild'));
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await h.dispose();
  });

  it('swaps in a rebuilt projection while events keep arriving, and the live runner carries on from it', async () => {
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger, batchSize: 50 });
    runner.start();
    let first = 0;
    for (let i = 0; i < 5; i += 1) first = (await appendMixedHistory(h.store)).position;
    await visibleEventsUpTo(h.store, first);
    let writing = true;
    const writer = (async () => {
      let last = 0;
      while (writing) last = (await appendMixedHistory(h.store)).position;
      return last;
    })();
    const progress: RebuildProgress[] = [];
    const [result] = await rebuildProjection('sessions', { db: h.db, eventStore: h.store, logger: silentLogger, batchSize: 40, onProgress: (p) => progress.push(p) });
    writing = false;
    const last = await writer;
    expect(await runner.waitForPosition(last, 20_000)).toBe(true);
    expect(result?.events).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ projector: 'sessions', phase: 'swapped' });
    expect(progress.filter((p) => p.phase === 'replaying').map((p) => p.done)).toEqual(
      [...progress.filter((p) => p.phase === 'replaying').map((p) => p.done)].sort((a, b) => a - b),
    );

    const live = await snapshotTables(h.db, SESSION_TABLES);
    await runner.stop();
    await rebuildProjection('sessions', { db: h.db, eventStore: h.store, logger: silentLogger });
    expect(await snapshotTables(h.db, SESSION_TABLES)).toEqual(live);
  }, 60_000);

  it('replaces a leftover shadow table, keeps real parkings and clears stale ones', async () => {
    const { position } = await appendMixedHistory(h.store);
    const sessionId = randomUUID();
    const bad = await appendFacts(h.store, `session-${sessionId}`, { actor: 'system:engine', tenantId: 't' }, [fact('SessionStarted', new TestClock().next(), { deadlineAt: 'x' })]);
    await h.db
      .insertInto('parked_events')
      .values({ projector: 'sessions', position, stream_name: 'session-x', event_id: 'e', event_type: 'Fixed', error: 'old bug', parked_at: new Date().toISOString() })
      .execute();
    await sql`CREATE TABLE sessions__shadow (junk int)`.execute(h.db);
    await visibleEventsUpTo(h.store, bad);

    const [result] = await rebuildProjection('sessions', { db: h.db, eventStore: h.store, logger: silentLogger });

    expect(result).toMatchObject({ projector: 'sessions', position: bad, parked: 1 });
    const parked = await h.db.selectFrom('parked_events').select(['position', 'event_type']).where('projector', '=', 'sessions').execute();
    expect(parked).toEqual([{ position: bad, event_type: 'SessionStarted' }]);
    const checkpoint = await h.db.selectFrom('projector_checkpoints').select('position').where('projector', '=', 'sessions').executeTakeFirst();
    expect(checkpoint).toEqual({ position: bad });
    const { rows } = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE tablename LIKE '%\\_\\_%'`.execute(h.db);
    expect(rows).toEqual([]);
  });

  it('names an unknown projector in its error', async () => {
    await expect(rebuildProjection('nope', { db: h.db, eventStore: h.store })).rejects.toThrow(/Unknown projector "nope"/);
  });
});
