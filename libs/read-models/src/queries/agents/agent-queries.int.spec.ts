import { createTestDatabase } from '@orch/testing';
import { randomUUID } from 'node:crypto';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { seedWorkedSession, userOf } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

async function register(h: ReadModelHarness, tenantId: string, name: string, extra: Record<string, unknown> = {}): Promise<{ agentId: string; position: number }> {
  const agentId = randomUUID();
  const position = await appendFacts(h.store, `agent-${agentId}`, userOf(tenantId), [
    fact('AgentRegistered', new TestClock().next(), {
      agentId,
      tenantId,
      name,
      agentType: 'reviewer',
      primaryCapabilities: ['code_review'],
      secondaryCapabilities: [],
      runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:9000', tokenHash: 'f'.repeat(64) } },
      capacity: 2,
      ...extra,
    }),
  ]);
  return { agentId, position };
}

describe('agent queries', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;
  let worked: Awaited<ReturnType<typeof seedWorkedSession>>;
  let reviewers: string[];
  let foreign: string;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_agents'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
    worked = await seedWorkedSession(h.store, A);
    reviewers = [];
    for (const name of ['alpha', 'Bravo', 'charlie']) reviewers.push((await register(h, A, name)).agentId);
    await appendFacts(h.store, `agent-${reviewers[1]}`, userOf(A), [fact('AgentDrained', new TestClock().next(5000))]);
    const other = await register(h, B, 'alpha');
    foreign = other.agentId;
    await projectUpTo(h.db, h.store, other.position);
  });
  afterAll(() => h.dispose());

  it('given agents of two tenants, when tenant A lists, then its own come by name ignoring case', async () => {
    const page = await queries.agents.list(A, {});
    expect(page.items.map((agent) => agent.name)).toEqual(['alpha', 'Bravo', expect.stringMatching(/^Builder /), 'charlie']);
    expect(page.items.map((agent) => agent.id)).not.toContain(foreign);
    expect((await queries.agents.list(B, {})).items.map((agent) => agent.id)).toEqual([foreign]);
  });

  it('given a page size of 1, when following the cursors, then every agent comes exactly once', async () => {
    const all = (await queries.agents.list(A, {})).items.map((agent) => agent.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const next = await queries.agents.list(A, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...next.items.map((agent) => agent.id));
      if (!next.nextCursor) break;
      cursor = next.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('given filters, then status, type, tier and capability narrow the list', async () => {
    const names = async (params: Parameters<typeof queries.agents.list>[1]) => (await queries.agents.list(A, params)).items.map((agent) => agent.name);
    expect(await names({ status: ['draining'] })).toEqual(['Bravo']);
    expect(await names({ type: ['implementer'] })).toEqual([expect.stringMatching(/^Builder /)]);
    expect(await names({ capability: 'documentation' })).toEqual([expect.stringMatching(/^Builder /)]);
    expect(await names({ capability: 'code_review', status: ['active'] })).toEqual(['alpha', 'charlie']);
    expect(await names({ tier: ['elite'] })).toEqual([]);
  });

  it('given an agent that worked, then its detail has load, held slots, per-capability success and outcomes', async () => {
    const detail = await queries.agents.detail(A, worked.agentId, '2025-03-01T09:30:00.000Z');
    expect(detail).toMatchObject({
      id: worked.agentId,
      status: 'active',
      tier: 'competent',
      load: { held: 0, capacity: 4, utilisation: 0, level: 'idle', heldSlots: [] },
      capabilities: [{ capability: 'code_generation', succeeded: 2, total: 2, successRate: 1 }],
      outcomes: { succeeded: 2, failed: 0, countedDurationMs: 10_000, meanDurationMs: 5000 },
      usage: { tokensIn: 2000, tokensOut: 400, costUsd: 0.025 },
      liveness: { lastHeartbeatAt: '2025-03-01T09:30:00.000Z', offlineCause: null },
    });
  });

  it("given an http agent, then its runtime config never shows the token's hash", async () => {
    const detail = await queries.agents.detail(A, reviewers[0] ?? '');
    expect(JSON.stringify(detail?.runtimeConfig)).not.toContain('tokenHash');
    expect(detail?.liveness.lastHeartbeatAt).toBeNull();
  });

  it("given another tenant's agent id, then the detail is undefined", async () => {
    expect(await queries.agents.detail(A, foreign)).toBeUndefined();
    expect(await queries.agents.detail(B, worked.agentId)).toBeUndefined();
  });
});
