import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createTestDatabase } from '@orch/testing';
import { sql } from 'kysely';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { rebuildProjection } from '../rebuild/rebuild-projection';
import { CRASH_CHILD_APPLICATION } from '../test-support/crash-child-name';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { snapshotTables } from '../test-support/snapshot';
import { runWorkload } from '../test-support/workload/run-workload';
import { silentLogger } from './logger';

const ROOT = path.resolve(__dirname, '../../../..');
const TABLES = ALL_PROJECTORS.flatMap((projector) => projector.tables);

function startChild(connectionString: string, exitAt?: number): ChildProcess {
  const args = ['-r', path.join(ROOT, 'tools/runtime/register.js'), path.join(__dirname, '../test-support/crash-child.ts'), connectionString];
  return spawn(process.execPath, exitAt === undefined ? args : [...args, String(exitAt)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Child transactions holding uncommitted writes (an xid is assigned on the first write). */
async function openChildTransactions(h: ReadModelHarness): Promise<number> {
  const { rows } = await sql<{ open: number }>`
    SELECT count(*)::int AS open FROM pg_stat_activity
     WHERE application_name = ${CRASH_CHILD_APPLICATION} AND datname = current_database() AND backend_xid IS NOT NULL`.execute(h.db);
  return rows[0]?.open ?? 0;
}

async function checkpoints(h: ReadModelHarness): Promise<(number | null)[]> {
  const rows = await h.db.selectFrom('projector_checkpoints').select('position').execute();
  return rows.map((row) => row.position);
}

describe('crash safety', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_crash'));
  });
  afterAll(() => h.dispose());

  it('a runner killed with SIGKILL mid-batch, then restarted, ends equal to a clean rebuild', async () => {
    const workload = await runWorkload(h.store, { seed: 7, minEvents: 2000 });
    const child = startChild(h.database.connectionString);
    const deadline = Date.now() + 60_000;
    let killedMidBatch = false;
    while (!killedMidBatch && Date.now() < deadline) {
      const positions = await checkpoints(h);
      const partway = positions.length === ALL_PROJECTORS.length && positions.some((p) => p !== null && p < workload.lastPosition);
      if (partway && (await openChildTransactions(h)) > 0) {
        child.kill('SIGKILL');
        killedMidBatch = true;
      } else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!killedMidBatch) child.kill('SIGKILL');
    expect(killedMidBatch).toBe(true);
    await once(child, 'exit');
    expect((await checkpoints(h)).some((p) => p === null || p < workload.lastPosition)).toBe(true);

    const restarted = startChild(h.database.connectionString, workload.lastPosition);
    const [code] = await once(restarted, 'exit');
    expect(code).toBe(0);
    expect(await h.db.selectFrom('parked_events').selectAll().execute()).toEqual([]);
    const afterRestart = await snapshotTables(h.db, TABLES);

    await rebuildProjection('all', { db: h.db, eventStore: h.store, logger: silentLogger });
    expect(await snapshotTables(h.db, TABLES)).toEqual(afterRestart);
  }, 120_000);
});
