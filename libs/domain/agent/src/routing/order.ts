import type { AgentSnapshot, ScoreBreakdown } from './routing.types';

export interface Ranked {
  readonly agent: AgentSnapshot;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  /** Mean over R of (succeeded + 1) / (total + 2), 4 decimals. */
  readonly experience: number;
}

/**
 * Step 5: score desc; experience desc; utilisation asc (compared exactly, as cross products); `agentId` asc by
 * code unit, so the order never depends on a locale.
 */
export function byRank(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.experience !== b.experience) return b.experience - a.experience;
  const utilisation = a.agent.held * b.agent.capacity - b.agent.held * a.agent.capacity;
  if (utilisation !== 0) return utilisation;
  if (a.agent.agentId === b.agent.agentId) return 0;
  return a.agent.agentId < b.agent.agentId ? -1 : 1;
}
