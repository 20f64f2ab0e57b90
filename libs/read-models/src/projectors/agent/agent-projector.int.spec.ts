import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { agentProjector } from './agent-projector';

const tenantId = 'tenant-a';
const user = { actor: 'user:key-1', tenantId, reason: 'ops' };
const engine = { actor: 'system:engine', tenantId };

describe('agent projector', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_agents'));
  });
  afterAll(() => h.dispose());

  const registered = (at: string, agentId: string) =>
    fact('AgentRegistered', at, {
      agentId,
      tenantId,
      name: 'Builder One',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation', 'testing'],
      secondaryCapabilities: ['documentation'],
      runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:9000', tokenHash: 'f'.repeat(64) } },
      capacity: 5,
    });
  const slot = (taskId: string) => ({ sessionId: 's-1', taskId, attempt: 1 });
  const released = (at: string, taskId: string, outcome: string, counted: boolean) =>
    fact('AgentTaskReleased', at, {
      ...slot(taskId),
      outcome,
      counted,
      capabilities: ['code_generation'],
      durationMs: 4000,
      tokensIn: 100,
      tokensOut: 10,
      costUsd: 0.25,
    });

  it('tracks status, slots, load level, tier and per-capability success', async () => {
    const agentId = randomUUID();
    const stream = `agent-${agentId}`;
    const clock = new TestClock();
    await appendFacts(h.store, stream, user, [registered(clock.next(), agentId)]);
    for (const taskId of ['a', 'b', 'c']) {
      await appendFacts(h.store, stream, engine, [fact('AgentTaskAccepted', clock.next(), { ...slot(taskId), probe: false })]);
    }
    await appendFacts(h.store, stream, engine, [released(clock.next(), 'a', 'succeeded', true)]);
    await appendFacts(h.store, stream, engine, [released(clock.next(), 'b', 'lost', true)]);
    await appendFacts(h.store, stream, engine, [
      fact('AgentTierChanged', clock.next(), { from: 'competent', to: 'trainee', successRate: 0.5, window: 2 }),
    ]);
    await appendFacts(h.store, stream, engine, [fact('AgentWentOffline', clock.next(), { cause: 'heartbeat_expired', lastSeenAt: '2025-03-01T08:59:00.000Z' })]);
    const position = await appendFacts(h.store, stream, user, [fact('AgentUpdated', clock.next(), { changes: { capacity: 1, model: null } })]);
    await projectUpTo(h.db, h.store, position, [agentProjector]);

    const row = await h.db.selectFrom('agents').selectAll().where('agent_id', '=', agentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'offline',
      offline_cause: 'heartbeat_expired',
      last_seen_at: '2025-03-01T08:59:00.000Z',
      tier: 'trainee',
      success_rate: 0.5,
      held_slots: [slot('c')],
      held: 1,
      capacity: 1,
      load_level: 'critical',
      capability_stats: { code_generation: { succeeded: 1, total: 2 } },
      tasks_succeeded: 1,
      tasks_failed: 1,
      tasks_lost: 1,
      counted_duration_ms: 8000,
      cost_micros: 500_000,
      capabilities: ['code_generation', 'testing', 'documentation'],
      runtime_kind: 'http',
      runtime_config: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:9000' } },
      revision: 8,
    });
  });

  it('comes back online, drains, is enabled with a performance reset and deregisters', async () => {
    const agentId = randomUUID();
    const stream = `agent-${agentId}`;
    const clock = new TestClock();
    await appendFacts(h.store, stream, user, [registered(clock.next(), agentId)]);
    await appendFacts(h.store, stream, engine, [fact('AgentWentOffline', clock.next(), { cause: 'probe_failed' })]);
    await appendFacts(h.store, stream, engine, [fact('AgentCameOnline', clock.next(), { status: 'active' })]);
    await appendFacts(h.store, stream, user, [fact('AgentDrained', clock.next())]);
    await appendFacts(h.store, stream, user, [fact('AgentEnabled', clock.next(), { performanceReset: true })]);
    const last = clock.next();
    const position = await appendFacts(h.store, stream, user, [fact('AgentDeregistered', last)]);
    await projectUpTo(h.db, h.store, position, [agentProjector]);
    const row = await h.db.selectFrom('agents').selectAll().where('agent_id', '=', agentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'deregistered', deregistered_at: last, tier: 'competent', offline_cause: null, load_level: 'idle' });
  });
});
