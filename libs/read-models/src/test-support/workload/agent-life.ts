import { fact, type TestClock } from '../events';
import { type Rng } from './rng';
import { operator, system, type Step } from './step';

export function agentRegistration(agentId: string, tenantId: string, index: number, clock: TestClock): Step {
  return {
    stream: `agent-${agentId}`,
    meta: operator(tenantId, 'RegisterAgent'),
    facts: [
      fact('AgentRegistered', clock.next(), {
        agentId,
        tenantId,
        name: `builder-${index}`,
        agentType: 'implementer',
        primaryCapabilities: ['code_generation', 'test_generation', 'testing'],
        secondaryCapabilities: ['code_review', 'requirements_analysis'],
        runtime: { kind: 'scripted', config: { scenario: 'happy' } },
        capacity: 5,
      }),
    ],
  };
}

/** Status and performance facts of one agent over time (DOMAIN.md §4.3–4.4). */
export function* agentLife(rng: Rng, agentId: string, tenantId: string, clock: TestClock): Generator<Step> {
  const stream = `agent-${agentId}`;
  const tiers = ['competent', 'advanced', 'elite', 'trainee'];
  let tier = 'competent';
  for (let round = 0; round < 6; round += 1) {
    const roll = rng.next();
    if (roll < 0.3) {
      yield { stream, meta: system(tenantId, 'engine', 'MarkAgentOffline'), facts: [fact('AgentWentOffline', clock.next(), { cause: 'probe_failed' })] };
      yield { stream, meta: system(tenantId, 'engine', 'RecordAgentHeartbeat'), facts: [fact('AgentCameOnline', clock.next(), { status: 'active' })] };
    } else if (roll < 0.5) {
      yield { stream, meta: operator(tenantId, 'DrainAgent'), facts: [fact('AgentDrained', clock.next())] };
      yield { stream, meta: operator(tenantId, 'EnableAgent'), facts: [fact('AgentEnabled', clock.next(), { performanceReset: false })] };
    } else if (roll < 0.75) {
      const to = rng.pick(tiers.filter((candidate) => candidate !== tier));
      const facts = [fact('AgentTierChanged', clock.next(), { from: tier, to, successRate: rng.int(30, 100) / 100, window: 10 })];
      tier = to;
      yield { stream, meta: system(tenantId, 'engine', 'ReleaseAgentTask'), facts };
    } else {
      yield { stream, meta: operator(tenantId, 'UpdateAgent'), facts: [fact('AgentUpdated', clock.next(), { changes: { capacity: rng.int(2, 8) } })] };
    }
  }
}
