import { routingDecisionFor } from './routing-step';
import { snapshot } from './testing/agent-snapshots';
import { AGENT_A, assigned, deferred, failed, prepared, ready, routed, sessionOf, started, startedSession, T0 } from './testing/session-history';

const AGENT_B = '01934b8e-0000-7000-8000-0000000000bb';
const readyA = [...startedSession(), prepared(), ready('a')];

describe('routingDecisionFor: the RouteTask data for a ready task', () => {
  it('given two free capable agents, when routing, then the better-loaded one wins with its breakdown and the other as alternative', () => {
    const agents = [snapshot(AGENT_A, { held: 3 }), snapshot(AGENT_B)];
    const decision = routingDecisionFor(sessionOf(readyA), 'a', agents, T0);
    expect(decision).toMatchObject({ outcome: 'routed', agentId: AGENT_B, score: 0.84, candidateCount: 2, probe: false });
    expect(decision).toMatchObject({ alternatives: [{ agentId: AGENT_A }] });
  });

  it('given the only capable agent failed the task before, when routing again, then the exclusion is ignored rather than leave no candidate', () => {
    const history = [...readyA, routed('a'), assigned('a'), started('a'), failed('a', '2026-11-24T10:00:05.000Z'), { type: 'TaskRetried' as const, data: { taskId: 'a', resetAttempts: false, at: T0 } }];
    expect(routingDecisionFor(sessionOf(history), 'a', [snapshot(AGENT_A)], T0)).toMatchObject({ outcome: 'routed', agentId: AGENT_A });
  });

  it('given the agent who failed the task and another, when routing again, then the other gets it', () => {
    const history = [...readyA, routed('a'), assigned('a'), started('a'), failed('a', '2026-11-24T10:00:05.000Z'), { type: 'TaskRetried' as const, data: { taskId: 'a', resetAttempts: false, at: T0 } }];
    expect(routingDecisionFor(sessionOf(history), 'a', [snapshot(AGENT_A), snapshot(AGENT_B, { held: 4 })], T0)).toMatchObject({ agentId: AGENT_B });
  });

  it('given every capable agent is full, when routing, then it is deferred as all_busy; deferred again, nothing new is recorded', () => {
    const agents = [snapshot(AGENT_A, { held: 5 })];
    expect(routingDecisionFor(sessionOf(readyA), 'a', agents, T0)).toEqual({ outcome: 'deferred', cause: 'all_busy' });
    expect(routingDecisionFor(sessionOf([...readyA, deferred('a')]), 'a', agents, T0)).toBeNull();
  });

  it('given no agent has the capability, when routing, then no_capable_agent', () => {
    const agents = [snapshot(AGENT_A, { primaryCapabilities: ['documentation'], secondaryCapabilities: [] })];
    expect(routingDecisionFor(sessionOf(readyA), 'a', agents, T0)).toEqual({ outcome: 'no_capable_agent' });
  });

  it('given a task that is not ready, when routing, then there is nothing to route', () => {
    expect(routingDecisionFor(sessionOf([...readyA, routed('a'), assigned('a')]), 'a', [snapshot(AGENT_A)], T0)).toBeNull();
    expect(routingDecisionFor(sessionOf(readyA), 'nope', [snapshot(AGENT_A)], T0)).toBeNull();
  });
});
