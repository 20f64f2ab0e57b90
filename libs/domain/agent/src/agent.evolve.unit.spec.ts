import { agentDecider } from './agent.decide';
import type { AgentEvent } from './agent.events';
import { history, registered, stateOf, T0 } from './testing/agent.mother';

const every: AgentEvent[] = [
  { type: 'AgentUpdated', data: { changes: { capacity: 2 }, at: T0 } },
  { type: 'AgentDrained', data: { at: T0 } },
  { type: 'AgentDisabled', data: { at: T0 } },
  { type: 'AgentEnabled', data: { performanceReset: true, at: T0 } },
  { type: 'AgentWentOffline', data: { cause: 'probe_failed', at: T0 } },
  { type: 'AgentCameOnline', data: { status: 'active', at: T0 } },
  { type: 'AgentTaskAccepted', data: { sessionId: 's', taskId: 't', attempt: 1, probe: false, at: T0 } },
  {
    type: 'AgentTaskReleased',
    data: { sessionId: 'x', taskId: 'y', attempt: 9, outcome: 'lost', counted: true, capabilities: [], durationMs: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, at: T0 },
  },
  { type: 'AgentTierChanged', data: { from: 'competent', to: 'elite', successRate: 1, window: 10, at: T0 } },
  { type: 'AgentTokenRotated', data: { tokenHash: 'c'.repeat(64), at: T0 } },
  { type: 'AgentDeregistered', data: { at: T0 } },
];

describe('evolveAgent never throws (the event already happened)', () => {
  it.each(every.map((event) => [event.type, event] as const))('%s before registration leaves the state empty', (_type, event) => {
    expect(agentDecider.evolve(agentDecider.initialState(), event)).toEqual({ status: 'none' });
  });

  it('folds every event type in any order without throwing, and never mutates the previous state', () => {
    const before = stateOf(history('sf'));
    const frozen = JSON.stringify(before);
    expect(() => every.reduce(agentDecider.evolve, before)).not.toThrow();
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('a token rotation on a non-http runtime is ignored', () => {
    const scripted = stateOf([registered()]);
    expect(agentDecider.evolve(scripted, every[9])).toEqual(scripted);
  });
});
