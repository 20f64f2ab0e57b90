import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { engineOf, seedSession } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

describe('the engine queue of a tenant (GET /engine/status)', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;

  /** A started session that is then queued for capacity. */
  async function queuedSession(tenantId: string, clock: TestClock): Promise<number> {
    const { sessionId } = await seedSession(h.store, tenantId, clock, { start: true });
    return appendFacts(h.store, `session-${sessionId}`, engineOf(tenantId), [fact('SessionQueued', clock.next(), { cause: 'tenant_quota' })]);
  }

  /** A running session whose tasks `ready` are ready for an agent. */
  async function runningWithReady(tenantId: string, clock: TestClock, tasks: readonly string[], ready: readonly string[]): Promise<number> {
    const { sessionId, position } = await seedSession(h.store, tenantId, clock, { start: true, tasks });
    let last = position;
    for (const taskId of ready) last = await appendFacts(h.store, `session-${sessionId}`, engineOf(tenantId), [fact('TaskReady', clock.next(), { taskId })]);
    return last;
  }

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_queue'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
  });
  afterAll(() => h.dispose());

  it('given no sessions, when a tenant asks, then both counts are 0', async () => {
    expect(await queries.sessions.queueDepth(A)).toEqual({ queuedSessions: 0, readyTasks: 0 });
  });

  it('given queued sessions and ready tasks in two tenants, when each asks, then it counts only its own', async () => {
    const clock = new TestClock();
    await queuedSession(A, clock);
    await queuedSession(B, clock);
    await queuedSession(B, clock);
    await runningWithReady(A, clock, ['a'], ['a']);
    // B: three ready tasks in a running session, and a ready task of a paused session (not waiting for the engine).
    await runningWithReady(B, clock, ['a', 'b', 'c'], ['a', 'b', 'c']);
    const paused = await seedSession(h.store, B, clock, { pause: true });
    const last = await appendFacts(h.store, `session-${paused.sessionId}`, engineOf(B), [fact('TaskReady', clock.next(), { taskId: 'a' })]);
    await projectUpTo(h.db, h.store, last);

    expect(await queries.sessions.queueDepth(A)).toEqual({ queuedSessions: 1, readyTasks: 1 });
    expect(await queries.sessions.queueDepth(B)).toEqual({ queuedSessions: 2, readyTasks: 3 });
    expect(await queries.sessions.queueDepth('tenant-c')).toEqual({ queuedSessions: 0, readyTasks: 0 });
  });
});
