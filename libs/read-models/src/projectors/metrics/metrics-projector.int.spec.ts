import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { sessionCreated, usage } from '../../test-support/session-facts';
import { metricsProjector } from './metrics-projector';

const tenantId = 'tenant-m';
const engine = { actor: 'system:engine', tenantId };

describe('metrics projector', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_metrics'));
  });
  afterAll(() => h.dispose());

  it('rolls usage, outcomes and run times up per session, agent and tenant in micro-dollars', async () => {
    const sessionId = randomUUID();
    const agentId = randomUUID();
    const clock = new TestClock();
    await appendFacts(h.store, `session-${sessionId}`, { actor: 'user:k', tenantId }, [sessionCreated(clock.next(), sessionId, tenantId)]);
    await appendFacts(h.store, `session-${sessionId}`, engine, [usage(clock.next(), 'a', 1, 0.1234565), usage(clock.next(), 'a', 1, 0.5)]);
    const released = (outcome: string, counted: boolean) =>
      fact('AgentTaskReleased', clock.next(), {
        sessionId,
        taskId: 'a',
        attempt: 1,
        outcome,
        counted,
        capabilities: ['testing'],
        durationMs: 1500,
        tokensIn: 7,
        tokensOut: 3,
        costUsd: 0.01,
      });
    await appendFacts(h.store, `agent-${agentId}`, engine, [released('failed', true)]);
    await appendFacts(h.store, `agent-${agentId}`, engine, [released('released', false)]);
    const position = await appendFacts(h.store, `session-${sessionId}`, engine, [fact('SessionCompleted', clock.next(), { completed: 1 })]);
    await projectUpTo(h.db, h.store, position, [metricsProjector]);

    const rows = await h.db.selectFrom('metric_rollups').selectAll().where('tenant_id', '=', tenantId).orderBy('scope').execute();
    const byScope = Object.fromEntries(rows.map((row) => [row.scope, row]));
    expect(byScope['session']).toMatchObject({
      scope_id: sessionId,
      tokens_in: 2000,
      cost_micros: 623_457,
      api_calls: 4,
      tasks_failed: 1,
      task_run_ms: 3000,
      sessions_created: 1,
      sessions_ended: 1,
    });
    expect(byScope['agent']).toMatchObject({ scope_id: agentId, tokens_in: 14, cost_micros: 20_000, tasks_failed: 1, tasks_succeeded: 0, task_run_ms: 3000 });
    expect(byScope['tenant']).toMatchObject({ scope_id: tenantId, cost_micros: 623_457, sessions_created: 1, sessions_ended: 1 });
  });
});
