import { fact, type TestClock } from '../events';
import { system, type Step } from './step';

interface Slot {
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

/** The agent-stream side of running a task: the slot reservation and its release (DOMAIN.md §4.4). */
export const agentSteps = {
  *accept(tenantId: string, agentId: string, slot: Slot, clock: TestClock): Generator<Step> {
    yield {
      stream: `agent-${agentId}`,
      meta: system(tenantId, 'engine', 'AcceptAgentTask'),
      facts: [fact('AgentTaskAccepted', clock.next(), { ...slot, probe: false })],
    };
  },
  *release(tenantId: string, agentId: string, slot: Slot, outcome: string, clock: TestClock): Generator<Step> {
    const released = {
      ...slot,
      outcome,
      counted: outcome !== 'released',
      capabilities: ['code_generation'],
      durationMs: 3000 + slot.attempt * 700,
      tokensIn: 1200,
      tokensOut: 300,
      costUsd: 0.0042,
    };
    yield { stream: `agent-${agentId}`, meta: system(tenantId, 'engine', 'ReleaseAgentTask'), facts: [fact('AgentTaskReleased', clock.next(), released)] };
  },
};
