import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { seedSession, seedWorkedSession } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

describe('roll-up queries', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;
  let worked: Awaited<ReturnType<typeof seedWorkedSession>>;
  let idle: string;
  let foreign: Awaited<ReturnType<typeof seedWorkedSession>>;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_rollups'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
    worked = await seedWorkedSession(h.store, A);
    idle = (await seedSession(h.store, A, new TestClock(), { title: 'Idle session' })).sessionId;
    foreign = await seedWorkedSession(h.store, B);
    await projectUpTo(h.db, h.store, foreign.position);
  });
  afterAll(() => h.dispose());

  it('given a worked session, then its roll-up sums usage, outcomes and run time', async () => {
    expect(await queries.rollups.of(A, 'session', worked.sessionId)).toMatchObject({
      scope: 'session',
      id: worked.sessionId,
      tokensIn: 2000,
      tokensOut: 400,
      costUsd: 0.025,
      apiCalls: 4,
      tasksSucceeded: 2,
      tasksFailed: 0,
      taskRunMs: 10_000,
      sessionsCreated: 1,
      sessionsEnded: 1,
      position: expect.any(Number),
    });
  });

  it('given the agent and the tenant, then their roll-ups count the same work', async () => {
    expect(await queries.rollups.of(A, 'agent', worked.agentId)).toMatchObject({ tokensIn: 2000, costUsd: 0.025, tasksSucceeded: 2, taskRunMs: 10_000 });
    expect(await queries.rollups.of(A, 'tenant', A)).toMatchObject({ scope: 'tenant', id: A, tokensIn: 2000, sessionsCreated: 2, sessionsEnded: 1 });
  });

  it('given a session with nothing spent, then zeros apart from its creation', async () => {
    expect(await queries.rollups.of(A, 'session', idle)).toMatchObject({ tokensIn: 0, costUsd: 0, sessionsCreated: 1 });
  });

  it('given the top lists, then the costliest first, of this tenant only', async () => {
    const top = await queries.rollups.top(A, 'session', 10);
    expect(top.items.map((item) => item.id)).toEqual([worked.sessionId, idle]);
    expect((await queries.rollups.top(A, 'agent', 10)).items.map((item) => item.id)).toEqual([worked.agentId]);
  });

  it("given another tenant's ids, then undefined, and a tenant roll-up only for the caller's own tenant", async () => {
    expect(await queries.rollups.of(A, 'session', foreign.sessionId)).toBeUndefined();
    expect(await queries.rollups.of(A, 'agent', foreign.agentId)).toBeUndefined();
    expect(await queries.rollups.of(A, 'tenant', B)).toBeUndefined();
    expect(await queries.rollups.of(A, 'session', 'no-such-session')).toBeUndefined();
    expect(await queries.rollups.of(B, 'session', foreign.sessionId)).toMatchObject({ costUsd: 0.025 });
  });
});
