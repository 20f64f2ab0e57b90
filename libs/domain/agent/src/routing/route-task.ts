import { candidates, isCapable, pinnedPool } from './candidates';
import { byRank, type Ranked } from './order';
import type { AgentSnapshot, RoutingDecision, RoutingDeferredDecision, RoutingInput } from './routing.types';
import { experienceOf, scoreOf } from './score';

const MAX_ALTERNATIVES = 3;

/**
 * Routing as a pure function over agent snapshots (DOMAIN.md §4.5): capable → eligible (else probe candidates,
 * exclusions dropped if they would leave none) → scored and ordered. Its result is the data of RouteTask.
 */
export function routeTask(input: RoutingInput): RoutingDecision {
  const capable = input.agents.filter((agent) => isCapable(agent, input.capabilities));
  if (capable.length === 0) return { kind: 'no_capable_agent' };
  const pool = pinnedPool(capable, input);
  const found = candidates(pool, input);
  if (found.agents.length === 0) return deferred(pool, input);
  const ranked = found.agents.map((agent) => rank(agent, input, found.probe)).sort(byRank);
  const [winner, ...others] = ranked;
  return {
    kind: 'routed',
    agentId: winner.agent.agentId,
    score: winner.score,
    breakdown: winner.breakdown,
    alternatives: others.slice(0, MAX_ALTERNATIVES).map(({ agent, score }) => ({ agentId: agent.agentId, score })),
    candidateCount: ranked.length,
    probe: found.probe,
  };
}

function rank(agent: AgentSnapshot, input: RoutingInput, probe: boolean): Ranked {
  return { agent, ...scoreOf(agent, input, probe), experience: experienceOf(agent, input.capabilities) };
}

/** `all_busy` when an active capable agent (the pinned one, if pinned) exists, else `none_available`. */
function deferred(pool: readonly AgentSnapshot[], input: RoutingInput): RoutingDeferredDecision {
  const cause = pool.some((agent) => agent.status === 'active') ? 'all_busy' : 'none_available';
  return { kind: 'deferred', cause, record: cause !== (input.lastDeferralCause ?? null) };
}
