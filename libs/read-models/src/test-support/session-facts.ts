import { fact, type DomainFact } from './events';

/** A linear plan `ids[0] → ids[1] → …` of work tasks (DOMAIN.md §3.2 TaskSpec). */
export function chainPlan(ids: readonly string[]): Record<string, unknown>[] {
  return ids.map((id, index) => ({
    id,
    title: `Do ${id}`,
    capabilities: ['code_generation'],
    preferredAgentType: 'implementer',
    dependsOn: index === 0 ? [] : [{ taskId: ids[index - 1], optional: false }],
    kind: 'work',
  }));
}

export function sessionCreated(at: string, sessionId: string, tenantId: string, extra: Record<string, unknown> = {}): DomainFact {
  return fact('SessionCreated', at, {
    sessionId,
    tenantId,
    title: 'Add a login form',
    prompt: 'Build the login form with validation',
    sessionType: 'execution',
    priority: 2,
    tags: ['web', 'auth'],
    maxDurationSeconds: 3600,
    planning: { mode: 'template', template: 'feature' },
    ...extra,
  });
}

export function sessionPlanned(at: string, taskIds: readonly string[], planVersion = 1): DomainFact {
  return fact('SessionPlanned', at, { planVersion, source: 'template', template: 'feature', tasks: chainPlan(taskIds) });
}

export function usage(at: string, taskId: string, attempt: number, costUsd = 0.0125): DomainFact {
  return fact('TaskUsageRecorded', at, { taskId, attempt, tokensIn: 1000, tokensOut: 200, costUsd, apiCalls: 2, apiErrors: 0 });
}

export function completed(at: string, taskId: string, agentId: string, attempt: number, sequence: number): DomainFact[] {
  const commitSha = sequence.toString(16).padStart(40, 'a');
  return [
    fact('TaskCompleted', at, { taskId, agentId, attempt, summary: `did ${taskId}`, commitSha, contextWrites: [] }),
    fact('CheckpointRecorded', at, { sequence, trigger: 'task_completed', taskId, commitSha, contextVersions: [], summary: `after ${taskId}` }),
  ];
}

/** Routed, assigned and started: the task is running attempt `attempt` on `agentId`. */
export function dispatched(at: string, taskId: string, agentId: string, attempt: number): DomainFact[] {
  return [
    fact('TaskRouted', at, {
      taskId,
      agentId,
      score: 0.8,
      breakdown: { tier: 0.24, capability: 0.3, load: 0.16, available: 0.1, preferredAgent: 0, preferredType: 0, uncapped: 0.8 },
      alternatives: [],
      candidateCount: 1,
      probe: false,
    }),
    fact('TaskAssigned', at, { taskId, agentId, attempt }),
    fact('TaskStarted', at, { taskId, agentId, attempt, runtimeRef: `run-${taskId}-${attempt}`, contextReads: [], deliveredInjectionIds: [] }),
  ];
}
