import { agentSnapshot } from './agent-snapshot';
import { loadLevel } from './agent.load';
import { routeTask } from './routing/route-task';
import { accept, at, history, outcomes, play, registered, stateOf } from './testing/agent.mother';

describe('loadLevel (§4.4)', () => {
  it.each([
    [0, 'idle'],
    [1, 'idle'],
    [2, 'optimal'],
    [3, 'optimal'],
    [4, 'high'],
    [5, 'critical'],
    [6, 'overloaded'],
  ])('capacity 5, %i held: %s', (held, level) => {
    expect(loadLevel(held, 5)).toBe(level);
  });

  it('uses exact thresholds: 7 of 10 optimal, 9 of 10 high, 1 of 1 critical', () => {
    expect([loadLevel(7, 10), loadLevel(8, 10), loadLevel(9, 10), loadLevel(1, 1)]).toEqual(['optimal', 'high', 'high', 'critical']);
  });
});

describe('agentSnapshot', () => {
  it('is null before registration', () => {
    expect(agentSnapshot(stateOf([]))).toBeNull();
  });

  it('derives the routing view from the state', () => {
    const events = play([accept(7, { now: at(900) })], history('sssss'));
    expect(agentSnapshot(stateOf(events))).toEqual({
      agentId: registered().data.agentId,
      agentType: 'implementer',
      status: 'active',
      tier: 'advanced',
      primaryCapabilities: ['code_generation', 'testing'],
      secondaryCapabilities: ['code_review'],
      held: 1,
      capacity: 5,
      capabilityStats: { code_generation: { succeeded: 5, total: 5 } },
      lastCountedOutcomeAt: at(300),
    });
  });

  it('feeds routeTask: a degraded agent from events is probed once its cooldown is over', () => {
    const agents = [agentSnapshot(stateOf(outcomes('fffff')))].filter((s) => s !== null);
    expect(routeTask({ capabilities: ['testing'], agents, now: at(359) })).toMatchObject({ kind: 'deferred' });
    expect(routeTask({ capabilities: ['testing'], agents, now: at(360) })).toMatchObject({ kind: 'routed', probe: true });
  });
});
