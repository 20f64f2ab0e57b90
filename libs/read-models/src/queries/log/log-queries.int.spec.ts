import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { seedSession, seedWorkedSession, userOf } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

describe('event log and audit trail queries', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;
  let worked: Awaited<ReturnType<typeof seedWorkedSession>>;
  let correlated: string;
  let foreignSession: string;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_log'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
    worked = await seedWorkedSession(h.store, A);
    const clock = new TestClock('2025-08-01T00:00:00.000Z');
    const { sessionId } = await seedSession(h.store, A, clock, { title: 'Correlated session' });
    correlated = sessionId;
    await appendFacts(h.store, `session-${sessionId}`, { ...userOf(A, 'key-2'), commandType: 'ChangeSessionBudget', correlationId: 'corr-7' }, [
      fact('SessionBudgetChanged', clock.next(), { budgetUsd: 5 }),
    ]);
    const other = await seedSession(h.store, B, new TestClock(), { title: 'Foreign session' });
    foreignSession = other.sessionId;
    await projectUpTo(h.db, h.store, other.position);
  });
  afterAll(() => h.dispose());

  it("given both tenants' events, when tenant A reads the log, then only its events come, in log order, with data and metadata", async () => {
    const page = await queries.log.events(A, { limit: 500 });
    const positions = page.items.map((entry) => entry.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page.items.some((entry) => entry.streamName === `session-${foreignSession}`)).toBe(false);
    const created = page.items.find((entry) => entry.type === 'SessionCreated' && entry.streamName === `session-${worked.sessionId}`);
    expect(created).toMatchObject({
      category: 'session',
      revision: 0,
      actor: 'user:key-1',
      actorKind: 'user',
      data: { title: 'Worked session', sessionId: worked.sessionId },
      metadata: { tenantId: A, commandType: 'CreateSession', client: { ip: '10.0.0.9' } },
    });
    expect((await queries.log.events(B, { limit: 500 })).items.every((entry) => entry.metadata?.['tenantId'] === B)).toBe(true);
  });

  it('given every filter of DESIGN §6, then each narrows the log and they combine', async () => {
    const types = async (params: Parameters<typeof queries.log.events>[1]) => (await queries.log.events(A, { limit: 500, ...params })).items;
    expect((await types({ stream: `session-${correlated}` })).map((entry) => entry.type)).toEqual(['SessionCreated', 'SessionPlanned', 'SessionBudgetChanged']);
    expect(new Set((await types({ category: 'agent' })).map((entry) => entry.category))).toEqual(new Set(['agent']));
    expect((await types({ type: ['TaskCompleted', 'SessionCompleted'] })).map((entry) => entry.type)).toEqual(['TaskCompleted', 'TaskCompleted', 'SessionCompleted']);
    expect((await types({ actor: 'user:key-2' })).map((entry) => entry.type)).toEqual(['SessionBudgetChanged']);
    expect(new Set((await types({ actorKind: 'agent' })).map((entry) => entry.type))).toEqual(new Set(['ContextVersionWritten']));
    expect((await types({ correlationId: 'corr-7' })).map((entry) => entry.type)).toEqual(['SessionBudgetChanged']);
    expect(await types({ category: 'session', type: ['AgentRegistered'] })).toEqual([]);
  });

  it('given a time range, then since is inclusive and until exclusive on the recorded time', async () => {
    const all = (await queries.log.events(A, { limit: 500 })).items;
    const middle = all[Math.floor(all.length / 2)];
    const since = await queries.log.events(A, { limit: 500, since: middle?.recordedAt });
    expect(since.items.every((entry) => entry.recordedAt >= (middle?.recordedAt ?? ''))).toBe(true);
    expect(since.items.map((entry) => entry.position)).toContain(middle?.position);
    const until = await queries.log.events(A, { limit: 500, until: middle?.recordedAt });
    expect(until.items.every((entry) => entry.recordedAt < (middle?.recordedAt ?? ''))).toBe(true);
    expect(since.items.length + until.items.length).toBe(all.length);
  });

  it('given after and a limit, when paging, then every event comes exactly once; desc pages with before', async () => {
    const all = (await queries.log.events(A, { limit: 500 })).items.map((entry) => entry.position);
    const seen: number[] = [];
    for (let after: number | undefined, page = 0; page < 100; page += 1) {
      const next = await queries.log.events(A, { limit: 7, ...(after === undefined ? {} : { after }) });
      seen.push(...next.items.map((entry) => entry.position));
      if (next.next === null) break;
      after = next.next;
    }
    expect(seen).toEqual(all);
    const newest = await queries.log.events(A, { order: 'desc', limit: 2 });
    expect(newest.items.map((entry) => entry.position)).toEqual(all.slice(-2).reverse());
    const older = await queries.log.events(A, { order: 'desc', limit: 2, before: newest.next ?? 0 });
    expect(older.items.map((entry) => entry.position)).toEqual(all.slice(-4, -2).reverse());
    expect((await queries.log.events(A, { after: all.at(-1) })).items).toEqual([]);
  });

  it('given operator actions, then the audit trail lists who did what, why and from where, filtered', async () => {
    const trail = await queries.log.audit(A, {});
    expect(trail.items.every((entry) => entry.actor.startsWith('user:'))).toBe(true);
    expect(trail.items.find((entry) => entry.commandType === 'ChangeSessionBudget')).toMatchObject({
      apiKeyId: 'key-2',
      eventType: 'SessionBudgetChanged',
      reason: 'seed',
      client: { ip: '10.0.0.9', userAgent: 'spec/1' },
      streamName: `session-${correlated}`,
      correlationId: 'corr-7',
      details: { budgetUsd: 5 },
    });
    expect((await queries.log.audit(A, { apiKeyId: 'key-2' })).items.map((entry) => entry.eventType)).toEqual(['SessionBudgetChanged']);
    expect((await queries.log.audit(A, { actor: 'user:key-1', apiKeyId: 'key-2' })).items).toEqual([]);
    expect(new Set((await queries.log.audit(A, { commandType: 'RegisterAgent' })).items.map((entry) => entry.eventType))).toEqual(new Set(['AgentRegistered']));
    expect((await queries.log.audit(A, { stream: `session-${correlated}` })).items).toHaveLength(3);
    const newest = await queries.log.audit(A, { order: 'desc', limit: 1 });
    expect(newest.items[0]?.eventType).toBe('SessionBudgetChanged');
    expect((await queries.log.audit(A, { since: '2025-08-01T00:00:00.000Z' })).items.map((entry) => entry.streamName)).toEqual(
      Array(3).fill(`session-${correlated}`),
    );
    expect((await queries.log.audit(A, { until: '2025-03-01T00:00:00.000Z' })).items).toEqual([]);
  });

  it("given another tenant, then its audit trail has only its own actions", async () => {
    const trail = await queries.log.audit(B, {});
    expect(trail.items.map((entry) => entry.streamName)).toEqual([`session-${foreignSession}`, `session-${foreignSession}`]);
  });
});
