import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { seedSession, seedWorkedSession } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

describe('session queries', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;
  const ids: Record<string, string> = {};
  let worked: Awaited<ReturnType<typeof seedWorkedSession>>;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_sessions'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
    const clock = new TestClock();
    ids['login'] = (await seedSession(h.store, A, clock, { title: 'Add a login form', priority: 1, tags: ['web', 'auth'], start: true })).sessionId;
    ids['rate'] = (await seedSession(h.store, A, clock, { title: 'Rate-limiting for the API', prompt: 'Throttle requests per key', priority: 2, tags: ['api'], pause: true })).sessionId;
    ids['docs'] = (await seedSession(h.store, A, clock, { title: 'Write the docs', description: 'Operator handbook', priority: 3, tags: ['docs'] })).sessionId;
    // Two sessions created at the same instant: the id breaks the tie, so paging stays exact.
    const sameInstant = new TestClock('2025-06-01T00:00:00.000Z');
    ids['twinA'] = (await seedSession(h.store, A, new TestClock('2025-06-01T00:00:00.000Z'), { title: 'Twin one' })).sessionId;
    ids['twinB'] = (await seedSession(h.store, A, sameInstant, { title: 'Twin two' })).sessionId;
    worked = await seedWorkedSession(h.store, A, new TestClock('2025-07-01T00:00:00.000Z'));
    const other = await seedSession(h.store, B, new TestClock(), { title: 'Add a login form', tags: ['web'], start: true });
    ids['other'] = other.sessionId;
    await projectUpTo(h.db, h.store, other.position);
  });
  afterAll(() => h.dispose());

  const titles = (page: { items: readonly { title: string }[] }) => page.items.map((item) => item.title);

  it('given sessions of two tenants, when tenant A lists, then it sees only its own, newest first', async () => {
    const page = await queries.sessions.list(A, {});
    expect(page.items).toHaveLength(6);
    expect(page.items.map((item) => item.id)).not.toContain(ids['other']);
    const created = page.items.map((item) => item.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(page.nextCursor).toBeNull();
    expect((await queries.sessions.list(B, {})).items.map((item) => item.id)).toEqual([ids['other']]);
  });

  it('given a page size of 1, when paging through every cursor, then each session comes exactly once, in order', async () => {
    const all = (await queries.sessions.list(A, {})).items.map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await queries.sessions.list(A, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(seen).toEqual(expect.arrayContaining([ids['twinA'], ids['twinB']]));
  });

  it('given filters, then status, priority, tags and text each narrow the list, and all must hold', async () => {
    expect(titles(await queries.sessions.list(A, { status: ['running'] }))).toEqual(['Add a login form']);
    expect(titles(await queries.sessions.list(A, { status: ['paused', 'running'] }))).toEqual(['Rate-limiting for the API', 'Add a login form']);
    expect(titles(await queries.sessions.list(A, { priority: [3] }))).toEqual(['Write the docs']);
    expect(titles(await queries.sessions.list(A, { tag: ['web', 'auth'] }))).toEqual(['Add a login form']);
    expect(titles(await queries.sessions.list(A, { tag: ['web', 'api'] }))).toEqual([]);
    expect(titles(await queries.sessions.list(A, { text: 'logi' }))).toEqual(['Add a login form']);
    expect(titles(await queries.sessions.list(A, { text: 'throttle' }))).toEqual(['Rate-limiting for the API']);
    expect(titles(await queries.sessions.list(A, { text: 'HANDBOOK operator' }))).toEqual(['Write the docs']);
    expect(titles(await queries.sessions.list(A, { text: 'login', status: ['paused'] }))).toEqual([]);
    expect(titles(await queries.sessions.list(A, { text: "' & | ! :*" }))).toHaveLength(6);
  });

  it('given a cursor of another list or a forged one, then COMMAND.FIELD_INVALID on cursor', async () => {
    const forged = Buffer.from(JSON.stringify({ k: 'agents', v: ['x', 'y'] })).toString('base64url');
    await expect(queries.sessions.list(A, { cursor: forged })).rejects.toMatchObject({ code: 'COMMAND.FIELD_INVALID', details: { field: 'cursor' } });
    await expect(queries.sessions.list(A, { cursor: 'not a cursor' })).rejects.toMatchObject({ code: 'COMMAND.FIELD_INVALID' });
  });

  it('given a worked session, then its detail has settings, status, usage and the task graph', async () => {
    const detail = await queries.sessions.detail(A, worked.sessionId);
    expect(detail).toMatchObject({
      id: worked.sessionId,
      title: 'Worked session',
      status: 'completed',
      prompt: 'Work on: Worked session',
      tasksTotal: 2,
      taskCounts: { completed: 2 },
      usage: { tokensIn: 2000, tokensOut: 400, costUsd: 0.025, apiCalls: 4, apiErrors: 0 },
      checkpointCount: 2,
      plan: { version: 1, source: 'template', template: 'feature' },
    });
    expect(detail?.tasks.map((task) => task.id)).toEqual(['a', 'b']);
  });

  it('given a worked session, then its tasks carry dependsOn, status, agent, attempts, timings and usage', async () => {
    const tasks = await queries.sessions.tasks(A, worked.sessionId);
    expect(tasks?.[1]).toMatchObject({
      id: 'b',
      dependsOn: [{ taskId: 'a', optional: false }],
      status: 'completed',
      agentId: worked.agentId,
      attempt: 1,
      attemptsUsed: 1,
      routing: { agentId: worked.agentId, score: 0.8 },
      commitSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      usage: { tokensIn: 1000, costUsd: 0.0125 },
      timings: { readyAt: expect.any(String), startedAt: expect.any(String), endedAt: expect.any(String), runMs: expect.any(Number) },
    });
    expect(tasks?.[1]?.timings.runMs).toBeGreaterThan(0);
  });

  it('given a timeline, when paged by position both ways, then every event comes once and in order', async () => {
    const full = await queries.sessions.timeline(A, worked.sessionId, { limit: 500 });
    const revisions = full?.items.map((entry) => entry.revision) ?? [];
    expect(revisions).toEqual(revisions.map((_, i) => i));
    expect(full?.items[0]).toMatchObject({ type: 'SessionCreated', actor: 'user:key-1', summary: expect.stringContaining('Worked session') });
    const forward: number[] = [];
    for (let after: number | undefined, page = 0; page < 50; page += 1) {
      const next = await queries.sessions.timeline(A, worked.sessionId, { limit: 4, ...(after === undefined ? {} : { after }) });
      forward.push(...(next?.items.map((entry) => entry.revision) ?? []));
      if (next?.next === null || next?.next === undefined) break;
      after = next.next;
    }
    expect(forward).toEqual(revisions);
    const newest = await queries.sessions.timeline(A, worked.sessionId, { order: 'desc', limit: 3 });
    expect(newest?.items.map((entry) => entry.type)[0]).toBe('SessionCompleted');
    const older = await queries.sessions.timeline(A, worked.sessionId, { order: 'desc', limit: 3, before: newest?.next ?? 0 });
    expect(older?.items.map((entry) => entry.revision)).toEqual(revisions.slice(-6, -3).reverse());
  });

  it('given checkpoints, then the latest come newest first', async () => {
    const checkpoints = await queries.sessions.checkpoints(A, worked.sessionId);
    expect(checkpoints?.map((checkpoint) => checkpoint.sequence)).toEqual([2, 1]);
    expect(checkpoints?.[0]).toMatchObject({ trigger: 'task_completed', taskId: 'b', summary: 'after b' });
  });

  it("given task output in the session's output stream, then one task's TaskProgressed events are paged by revision", async () => {
    const first = await queries.sessions.taskOutput(A, worked.sessionId, 'b', { limit: 2 });
    expect(first?.items.map((entry) => entry.text)).toEqual(['b step 1', 'b step 2']);
    expect(first?.items[0]).toMatchObject({ taskId: 'b', attempt: 1, seq: 1, kind: 'text', tool: null });
    const rest = await queries.sessions.taskOutput(A, worked.sessionId, 'b', { after: first?.next ?? undefined });
    expect(rest?.items.map((entry) => entry.text)).toEqual(['b step 3']);
    expect(rest?.next).toBeNull();
    expect((await queries.sessions.taskOutput(A, worked.sessionId, 'a', { attempt: 2 }))?.items).toEqual([]);
  });

  it("given another tenant's session id, then every session query answers undefined", async () => {
    const id = ids['other'] ?? '';
    expect(await queries.sessions.detail(A, id)).toBeUndefined();
    expect(await queries.sessions.tasks(A, id)).toBeUndefined();
    expect(await queries.sessions.timeline(A, id, {})).toBeUndefined();
    expect(await queries.sessions.checkpoints(A, id)).toBeUndefined();
    expect(await queries.sessions.taskOutput(A, id, 'a', {})).toBeUndefined();
    expect(await queries.sessions.detail(B, worked.sessionId)).toBeUndefined();
    expect(await queries.sessions.taskOutput(B, worked.sessionId, 'a', {})).toBeUndefined();
    expect(await queries.sessions.detail(B, id)).toMatchObject({ id, status: 'running' });
  });
});
