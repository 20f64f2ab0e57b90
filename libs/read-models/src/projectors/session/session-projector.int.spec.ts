import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { completed, dispatched, sessionCreated, sessionPlanned, usage } from '../../test-support/session-facts';
import { sessionProjector } from './session-projector';

const tenantId = 'tenant-a';
const user = { actor: 'user:key-1', tenantId, reason: 'go', client: { ip: '10.0.0.1', userAgent: 'cli/1' } };
const engine = { actor: 'system:engine', tenantId };

describe('session projector', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_sessions'));
  });
  afterAll(() => h.dispose());

  /** A feature session: a completes, b fails once (degraded), is retried and completes. */
  async function scriptedSession(): Promise<{ sessionId: string; position: number }> {
    const sessionId = randomUUID();
    const stream = `session-${sessionId}`;
    const clock = new TestClock();
    const append = (meta: typeof user | typeof engine, facts: Parameters<typeof appendFacts>[3]) =>
      appendFacts(h.store, stream, meta, facts);
    await append(user, [sessionCreated(clock.next(), sessionId, tenantId, { budgetUsd: 10 }), sessionPlanned(clock.next(), ['a', 'b'])]);
    await append(user, [fact('SessionQueued', clock.next(), { cause: 'tenant_quota' })]);
    await append(engine, [fact('SessionStarted', clock.next(60_000), { deadlineAt: '2025-03-01T10:00:00.000Z' })]);
    await append(engine, [
      fact('SessionWorkspacePrepared', clock.next(), { branch: `orch/${sessionId}`, baseCommit: 'c'.repeat(40) }),
      fact('TaskReady', clock.next(), { taskId: 'a' }),
    ]);
    await append(engine, dispatched(clock.next(), 'a', 'agent-1', 1));
    await append(engine, [usage(clock.next(5000), 'a', 1)]);
    await append(engine, [...completed(clock.next(5000), 'a', 'agent-1', 1, 1), fact('TaskReady', clock.next(0), { taskId: 'b' })]);
    await append(engine, dispatched(clock.next(), 'b', 'agent-2', 1));
    const retryAt = clock.next(0);
    await append(engine, [
      fact('TaskFailed', clock.next(2000), { taskId: 'b', agentId: 'agent-2', attempt: 1, code: 'TASK.AGENT_ERROR', message: 'boom', retryable: true, retryAt }),
      fact('SessionDegraded', clock.next(0), { taskIds: ['b'] }),
    ]);
    await append(engine, [fact('TaskRetried', clock.next(), { taskId: 'b', resetAttempts: false })]);
    await append(engine, dispatched(clock.next(), 'b', 'agent-1', 2));
    await append(engine, [fact('SessionRecovered', clock.next(0))]);
    await append(engine, [usage(clock.next(1000), 'b', 2, 0.0000005)]);
    return {
      sessionId,
      position: await append(engine, [...completed(clock.next(3000), 'b', 'agent-1', 2, 2), fact('SessionCompleted', clock.next(0), { completed: 2 })]),
    };
  }

  it('projects the session row: status, timings, usage, budget, counts', async () => {
    const { sessionId, position } = await scriptedSession();
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const row = await h.db.selectFrom('sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tenant_id: tenantId,
      status: 'completed',
      tags: ['web', 'auth'],
      queued_at: '2025-03-01T09:00:03.000Z',
      started_at: '2025-03-01T09:01:03.000Z',
      queue_ms: 60_000,
      budget_micros: 10_000_000,
      tokens_in: 2000,
      cost_micros: 12_501,
      task_counts: { completed: 2 },
      tasks_total: 2,
      checkpoint_count: 2,
      workspace_branch: `orch/${sessionId}`,
      plan_version: 1,
      revision: 26,
    });
    expect(row.active_ms).toBe(Date.parse(row.ended_at ?? '') - Date.parse(row.started_at ?? ''));
  });

  it('projects the task graph with attempts, agents and run times', async () => {
    const { sessionId, position } = await scriptedSession();
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const tasks = await h.db.selectFrom('tasks').selectAll().where('session_id', '=', sessionId).orderBy('plan_order').execute();
    expect(tasks.map((t) => [t.task_id, t.status, t.attempts_used, t.agent_id, t.total_run_ms])).toEqual([
      ['a', 'completed', 1, 'agent-1', 10_000],
      ['b', 'completed', 2, 'agent-1', 2000 + 4000],
    ]);
    expect(tasks[1]).toMatchObject({ depends_on: [{ taskId: 'a', optional: false }], failure_code: 'TASK.AGENT_ERROR', retry_at: null });
  });

  it('keeps one timeline row per session event and the checkpoints newest first', async () => {
    const { sessionId, position } = await scriptedSession();
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const timeline = await h.db.selectFrom('session_timeline').selectAll().where('session_id', '=', sessionId).orderBy('revision').execute();
    expect(timeline.map((row) => row.revision)).toEqual([...Array(27).keys()]);
    expect(timeline[0]).toMatchObject({ event_type: 'SessionCreated', actor: 'user:key-1', summary: 'Session created: Add a login form' });
    expect(timeline.find((row) => row.event_type === 'TaskFailed')).toMatchObject({ task_id: 'b', actor: 'system:engine' });
    const checkpoints = await h.db.selectFrom('checkpoints').select(['sequence', 'task_id']).where('session_id', '=', sessionId).orderBy('sequence', 'desc').execute();
    expect(checkpoints).toEqual([{ sequence: 2, task_id: 'b' }, { sequence: 1, task_id: 'a' }]);
  });

  it('follows a failure and retry: failed, then pending, then running again with reset tasks', async () => {
    const sessionId = randomUUID();
    const stream = `session-${sessionId}`;
    const clock = new TestClock();
    await appendFacts(h.store, stream, user, [sessionCreated(clock.next(), sessionId, tenantId), sessionPlanned(clock.next(), ['a'])]);
    await appendFacts(h.store, stream, user, [fact('SessionStarted', clock.next(), { deadlineAt: clock.next(0) })]);
    await appendFacts(h.store, stream, engine, [
      fact('SessionFailed', clock.next(), { code: 'SESSION.WORKSPACE_UNAVAILABLE', message: 'clone failed' }),
    ]);
    let position = await appendFacts(h.store, stream, user, [
      fact('SessionRetried', clock.next(), { retryCount: 1, fromCheckpoint: null, restoreCommit: null, resetTaskIds: ['a'] }),
    ]);
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const retried = await h.db.selectFrom('sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(retried).toMatchObject({ status: 'pending', retry_count: 1, ended_at: null, failure_code: null });
    position = await appendFacts(h.store, stream, user, [fact('SessionStarted', clock.next(), { deadlineAt: clock.next(0) })]);
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const row = await h.db.selectFrom('sessions').select(['status', 'started_at']).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'running', started_at: '2025-03-01T09:00:03.000Z' });
  });

  it('keeps only the latest 100 checkpoints of a session while counting them all', async () => {
    const sessionId = randomUUID();
    const stream = `session-${sessionId}`;
    const clock = new TestClock();
    await appendFacts(h.store, stream, user, [sessionCreated(clock.next(), sessionId, tenantId), sessionPlanned(clock.next(), ['a'])]);
    const checkpoint = (sequence: number) =>
      fact('CheckpointRecorded', clock.next(), { sequence, trigger: 'manual', commitSha: 'd'.repeat(40), contextVersions: [], summary: `cp ${sequence}` });
    const position = await appendFacts(h.store, stream, engine, Array.from({ length: 105 }, (_, index) => checkpoint(index + 1)));
    await projectUpTo(h.db, h.store, position, [sessionProjector]);
    const sequences = await h.db.selectFrom('checkpoints').select('sequence').where('session_id', '=', sessionId).orderBy('sequence').execute();
    expect(sequences.map((row) => row.sequence)).toEqual(Array.from({ length: 100 }, (_, index) => index + 6));
    const row = await h.db.selectFrom('sessions').select('checkpoint_count').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(row.checkpoint_count).toBe(105);
  });
});
