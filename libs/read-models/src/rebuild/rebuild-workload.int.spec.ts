import { createTestDatabase } from '@orch/testing';
import { sql } from 'kysely';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { silentLogger } from '../runner/logger';
import { ProjectorRunner } from '../runner/projector-runner';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { appendMixedHistory } from '../test-support/mixed-history';
import { snapshotTables } from '../test-support/snapshot';
import { runWorkload } from '../test-support/workload/run-workload';
import { rebuildProjection, type RebuildProgress } from './rebuild-projection';

const TABLES = ALL_PROJECTORS.flatMap((projector) => projector.tables);

/** Equal snapshots, or the first differing row of the first differing table (a full diff would be huge). */
function expectSameRows(actual: Record<string, string[]>, expected: Record<string, string[]>): void {
  for (const table of TABLES) {
    const [a, e] = [actual[table] ?? [], expected[table] ?? []];
    const index = a.findIndex((row, i) => row !== e[i]);
    expect({ table, count: a.length, firstDifference: index < 0 ? null : a[index] }).toEqual({
      table,
      count: e.length,
      firstDifference: index < 0 ? null : e[index],
    });
  }
}

async function indexNames(h: ReadModelHarness): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'read_models' ORDER BY 1`.execute(h.db);
  return rows.map((row) => row.name);
}

describe('rebuildProjection on a random workload', () => {
  let h: ReadModelHarness;
  let runner: ProjectorRunner;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_workload'));
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
  });
  afterAll(async () => {
    await runner.stop();
    await h.dispose();
  });

  it('projects ≥ 10,000 events live, then rebuilds every projection, while the runner runs, to the same rows', async () => {
    runner.start();
    const workload = await runWorkload(h.store, { seed: 20250301, minEvents: 10_000 });
    expect(workload.events).toBeGreaterThanOrEqual(10_000);
    expect(await runner.waitForPosition(workload.lastPosition, 60_000)).toBe(true);
    expect(await h.db.selectFrom('parked_events').selectAll().execute()).toEqual([]);
    const live = await snapshotTables(h.db, TABLES);
    expect(live['event_log']).toHaveLength(workload.events);
    expect(live['sessions']?.length).toBeGreaterThan(150);
    const indexesBefore = await indexNames(h);

    const progress: RebuildProgress[] = [];
    const results = await rebuildProjection('all', { db: h.db, eventStore: h.store, logger: silentLogger, onProgress: (p) => progress.push(p) });

    expect(results.map((r) => [r.projector, r.events, r.position, r.parked])).toEqual(
      ALL_PROJECTORS.map((p) => [p.name, workload.events, workload.lastPosition, 0]),
    );
    expectSameRows(await snapshotTables(h.db, TABLES), live);
    expect(await indexNames(h)).toEqual(indexesBefore);
    for (const projector of ALL_PROJECTORS) {
      const own = progress.filter((p) => p.projector === projector.name);
      expect(own.at(-1)).toEqual({ projector: projector.name, phase: 'swapped', done: workload.events, total: workload.events });
      expect(own.length).toBeGreaterThan(10);
    }

    // The live runner picked up from the swapped checkpoints and keeps projecting.
    const more = await appendMixedHistory(h.store);
    expect(await runner.waitForPosition(more.position, 10_000)).toBe(true);
    const session = await h.db.selectFrom('sessions').select('status').where('session_id', '=', more.sessionId).executeTakeFirst();
    expect(session).toEqual({ status: 'completed' });
  }, 120_000);
});
