import { routeTask } from './route-task';
import type { RoutingDecision, TaskRoutedDecision } from './routing.types';
import { at } from '../testing/agent.mother';
import { routingInput, snapshot } from '../testing/snapshot.mother';

const routed = (decision: RoutingDecision): TaskRoutedDecision => {
  expect(decision.kind).toBe('routed');
  return decision as TaskRoutedDecision;
};

describe('routeTask: score (§4.5 worked example)', () => {
  const agent = snapshot('a', { held: 2, capacity: 5 });

  it('competent, 2 of 5 held, all primary: 0.24 + 0.3 + 0.16 + 0.1 = 0.80', () => {
    expect(routeTask(routingInput([agent]))).toEqual({
      kind: 'routed',
      agentId: 'a',
      score: 0.8,
      breakdown: { tier: 0.24, capability: 0.3, load: 0.16, available: 0.1, preferredAgent: 0, preferredType: 0, uncapped: 0.8 },
      alternatives: [],
      candidateCount: 1,
      probe: false,
    });
  });

  it('as the preferred type: 1.10 capped to 1.0', () => {
    const decision = routed(routeTask(routingInput([agent], { preferredType: 'implementer' })));
    expect(decision.score).toBe(1);
    expect(decision.breakdown).toMatchObject({ preferredType: 0.3, uncapped: 1.1 });
  });

  it('a preferred id adds 0.2; a secondary capability counts 0.7 in the mean', () => {
    const input = routingInput([agent], { capabilities: ['code_generation', 'code_review'], preferredAgentIds: ['a'] });
    const decision = routed(routeTask(input));
    expect(decision.breakdown).toMatchObject({ capability: 0.255, preferredAgent: 0.2, uncapped: 0.955 });
    expect(decision.score).toBe(0.955);
  });

  it.each([
    ['elite', 0, 1.0],
    ['advanced', 1, 0.92],
    ['trainee', 4, 0.66],
  ] as const)('%s with %i of 5 held scores %d', (tier, held, score) => {
    expect(routed(routeTask(routingInput([snapshot('a', { tier, held })]))).score).toBe(score);
  });
});

describe('routeTask: order and tie-breaks (§4.5 step 5)', () => {
  it('level 1: higher score wins; the others become alternatives, at most 3', () => {
    const tiers = { a: 'trainee', b: 'trainee', c: 'competent', d: 'advanced', e: 'elite' } as const;
    const agents = Object.entries(tiers).map(([id, tier]) => snapshot(id, { tier }));
    const decision = routed(routeTask(routingInput(agents)));
    expect(decision).toMatchObject({ agentId: 'e', score: 1 });
    expect(decision.alternatives).toEqual([
      { agentId: 'd', score: 0.92 },
      { agentId: 'c', score: 0.84 },
      { agentId: 'a', score: 0.76 },
    ]);
    expect(decision.candidateCount).toBe(5);
  });

  it('level 2: equal scores, the better mean (succeeded + 1) / (total + 2) wins', () => {
    const seasoned = snapshot('z', { capabilityStats: { code_generation: { succeeded: 4, total: 4 } } });
    const fresh = snapshot('a');
    expect(routed(routeTask(routingInput([fresh, seasoned]))).agentId).toBe('z');
  });

  it('level 2 compares 4 decimals: 5001/10001 = 0.50005 ties with a fresh 0.5, so utilisation decides', () => {
    const busier = snapshot('a', { capabilityStats: { code_generation: { succeeded: 5000, total: 9999 } }, held: 1 });
    const fresh = snapshot('b');
    expect(routed(routeTask(routingInput([busier, fresh]))).agentId).toBe('b');
  });

  it('level 3: equal score and mean, the lower utilisation wins', () => {
    const fuller = snapshot('a', { held: 3, capacity: 5 });
    const emptier = snapshot('b', { held: 2, capacity: 5 });
    expect(routed(routeTask(routingInput([fuller, emptier]))).agentId).toBe('b');
  });

  it('level 4: all equal, the smaller agentId wins (code-unit order)', () => {
    const decision = routed(routeTask(routingInput([snapshot('b'), snapshot('B'), snapshot('a')])));
    expect(decision.agentId).toBe('B');
    expect(decision.alternatives.map((a) => a.agentId)).toEqual(['a', 'b']);
  });
});

describe('routeTask: capability, eligibility, pins and exclusions', () => {
  it('no agent has R (disabled and deregistered ones do not count): no_capable_agent', () => {
    const agents = [snapshot('a', { status: 'disabled' }), snapshot('b', { status: 'deregistered' }), snapshot('c')];
    expect(routeTask(routingInput(agents, { capabilities: ['code_generation', 'deployment'] }))).toEqual({ kind: 'no_capable_agent' });
    expect(routeTask(routingInput(agents.slice(0, 2)))).toEqual({ kind: 'no_capable_agent' });
  });

  it('an excluded agent is passed over while another is eligible', () => {
    const decision = routed(routeTask(routingInput([snapshot('a'), snapshot('b')], { excludedAgentIds: ['a'] })));
    expect(decision).toMatchObject({ agentId: 'b', candidateCount: 1 });
  });

  it('exclusions that would leave no candidate are ignored', () => {
    const agents = [snapshot('a'), snapshot('b', { held: 5 })];
    const decision = routed(routeTask(routingInput(agents, { excludedAgentIds: ['a'] })));
    expect(decision).toMatchObject({ agentId: 'a', candidateCount: 1, probe: false });
  });

  it('a pinned task goes only to its agent, and waits for it when it is busy', () => {
    const agents = [snapshot('a'), snapshot('b', { held: 1 })];
    expect(routed(routeTask(routingInput(agents, { pinnedAgentId: 'b' }))).agentId).toBe('b');
    const busy = [snapshot('a'), snapshot('b', { held: 5 })];
    expect(routeTask(routingInput(busy, { pinnedAgentId: 'b' }))).toEqual({ kind: 'deferred', cause: 'all_busy', record: true });
  });
});

describe('routeTask: deferral (§4.5 step 3)', () => {
  it('capable agents active but full: all_busy, recorded when the last deferral differs', () => {
    const agents = [snapshot('a', { held: 5 }), snapshot('b', { status: 'offline' })];
    expect(routeTask(routingInput(agents))).toEqual({ kind: 'deferred', cause: 'all_busy', record: true });
    expect(routeTask(routingInput(agents, { lastDeferralCause: 'none_available' }))).toEqual({ kind: 'deferred', cause: 'all_busy', record: true });
    expect(routeTask(routingInput(agents, { lastDeferralCause: 'all_busy' }))).toEqual({ kind: 'deferred', cause: 'all_busy', record: false });
  });

  it('no capable agent active (draining, offline): none_available, not recorded twice', () => {
    const agents = [snapshot('a', { status: 'draining' }), snapshot('b', { status: 'offline' })];
    expect(routeTask(routingInput(agents))).toEqual({ kind: 'deferred', cause: 'none_available', record: true });
    expect(routeTask(routingInput(agents, { lastDeferralCause: 'none_available' }))).toEqual({ kind: 'deferred', cause: 'none_available', record: false });
  });
});

describe('routeTask: circuit-breaker probe (§4.4)', () => {
  const degraded = (id: string, overrides = {}) => snapshot(id, { tier: 'degraded', lastCountedOutcomeAt: at(0), ...overrides });

  it('only a degraded agent, idle, 60 s after its last counted outcome: routed as a probe with available 0', () => {
    const decision = routed(routeTask(routingInput([degraded('a')], { now: at(60) })));
    expect(decision).toMatchObject({ agentId: 'a', probe: true, candidateCount: 1, score: 0.5 });
    expect(decision.breakdown).toMatchObject({ tier: 0, available: 0, load: 0.2, capability: 0.3 });
  });

  it('before 60 s, or while it holds a slot, it is not probed: deferred all_busy', () => {
    expect(routeTask(routingInput([degraded('a')], { now: at(59) }))).toMatchObject({ kind: 'deferred', cause: 'all_busy' });
    expect(routeTask(routingInput([degraded('a', { held: 1 })], { now: at(600) }))).toMatchObject({ kind: 'deferred', cause: 'all_busy' });
  });

  it('any eligible non-degraded agent is preferred, even a busier one with a lower score', () => {
    const decision = routed(routeTask(routingInput([degraded('a'), snapshot('b', { tier: 'trainee', held: 4 })], { now: at(600) })));
    expect(decision).toMatchObject({ agentId: 'b', probe: false, candidateCount: 1 });
  });

  it('a degraded agent without history is probed at once', () => {
    expect(routed(routeTask(routingInput([degraded('a', { lastCountedOutcomeAt: null })]))).probe).toBe(true);
  });
});
