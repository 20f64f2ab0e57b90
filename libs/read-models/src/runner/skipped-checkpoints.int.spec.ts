import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { sql } from 'kysely';
import { appendFacts, TestClock } from '../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { sessionCreated } from '../test-support/session-facts';
import { silentLogger, type ProjectorLogger } from './logger';
import { ProjectorRunner } from './projector-runner';

const TENANT = 'tenant-skip';

/** Every stored move of a checkpoint, recorded by a trigger on the real table. */
async function recordCheckpointMoves(h: ReadModelHarness): Promise<(projector: string) => Promise<number>> {
  await sql`CREATE TABLE checkpoint_moves (projector text NOT NULL, position bigint)`.execute(h.db);
  await sql`CREATE FUNCTION record_checkpoint_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO checkpoint_moves VALUES (NEW.projector, NEW.position); RETURN NEW; END $$`.execute(h.db);
  await sql`CREATE TRIGGER checkpoint_moves AFTER UPDATE ON projector_checkpoints FOR EACH ROW EXECUTE FUNCTION record_checkpoint_move()`.execute(h.db);
  return async (projector) => {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM checkpoint_moves WHERE projector = ${projector}`.execute(h.db);
    return Number(rows[0]?.n ?? 0);
  };
}

async function storedCheckpoint(h: ReadModelHarness, projector: string): Promise<number | null> {
  const row = await h.db.selectFrom('projector_checkpoints').select('position').where('projector', '=', projector).executeTakeFirst();
  return row?.position ?? null;
}

async function until(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** New sessions one command at a time: the sessions projector handles each, the agents projector none. */
async function createSessions(h: ReadModelHarness, count: number, clock: TestClock): Promise<number> {
  let position = -1;
  for (let index = 0; index < count; index++) {
    const sessionId = randomUUID();
    position = await appendFacts(h.store, `session-${sessionId}`, { actor: 'user:k', tenantId: TENANT }, [sessionCreated(clock.next(), sessionId, TENANT)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return position;
}

describe('given a live projector runner and events some projectors do not handle', () => {
  let h: ReadModelHarness;
  let runner: ProjectorRunner | undefined;
  beforeEach(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_skipped'));
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await h.dispose();
  });

  it('when sessions arrive one command at a time, then agents stores its checkpoint a few times, not per event, and reaches the last one', async () => {
    const moves = await recordCheckpointMoves(h);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    const last = await createSessions(h, 60, new TestClock());
    expect(await runner.waitForPosition(last, 10_000)).toBe(true);
    await until(async () => (await storedCheckpoint(h, 'agents')) === last, 2_000, 'the agents checkpoint to be stored');
    const agentMoves = await moves('agents');
    const sessionMoves = await moves('sessions');
    // One flush per 250 ms of skipped events; the sessions projector commits its batches.
    expect(agentMoves).toBeGreaterThanOrEqual(1);
    expect(agentMoves).toBeLessThan(15);
    expect(sessionMoves).toBeGreaterThan(agentMoves);
    expect(await storedCheckpoint(h, 'sessions')).toBe(last);
  });

  it('when the stored checkpoint is moved under a projector that only skips, then its flush notices and it resubscribes from the stored one', async () => {
    const infos: string[] = [];
    const logger: ProjectorLogger = { ...silentLogger, info: (_fields, message) => void infos.push(message) };
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger });
    runner.start();
    const clock = new TestClock();
    const first = await createSessions(h, 5, clock);
    await until(async () => (await storedCheckpoint(h, 'agents')) === first, 2_000, 'the first agents checkpoint');
    // What a rebuild swap does: another transaction sets the checkpoint (here: back to the start).
    await h.db.updateTable('projector_checkpoints').set({ position: null }).where('projector', '=', 'agents').execute();
    const last = await createSessions(h, 5, clock);
    await until(async () => (await storedCheckpoint(h, 'agents')) === last, 5_000, 'the agents checkpoint after resubscribing');
    expect(infos).toContain('checkpoint moved; resubscribing');
  });

  it('when the runner stops before the flush, then stopping stores the skipped progress', async () => {
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    const last = await createSessions(h, 3, new TestClock());
    expect(await runner.waitForPosition(last, 10_000)).toBe(true);
    await runner.stop();
    runner = undefined;
    expect(await storedCheckpoint(h, 'agents')).toBe(last);
    expect(await storedCheckpoint(h, 'contexts')).toBe(last);
  });
});
