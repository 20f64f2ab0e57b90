import { evolveSession, initialSessionState, type Session, type SessionEvent } from '@orch/domain-session';

/** Recorded session events for engine specs, each at T0 unless told otherwise. */
export const T0 = '2026-11-24T10:00:00.000Z';
export const SESSION_ID = '01934b8e-0000-7000-8000-000000000001';
export const AGENT_A = '01934b8e-0000-7000-8000-0000000000aa';
const COMMIT = 'a'.repeat(40);

const spec = (id: string, dependsOn: readonly string[] = []) => ({
  id,
  title: `Do ${id}`,
  capabilities: ['code_generation'] as const,
  dependsOn: dependsOn.map((taskId) => ({ taskId, optional: false })),
  kind: 'work' as const,
});

/** Created with the plan `a`, `b` → depends on `a`, `c`, started with a one-hour deadline; workspace not prepared. */
export function startedSession(at = T0): SessionEvent[] {
  return [
    {
      type: 'SessionCreated',
      data: {
        sessionId: SESSION_ID,
        tenantId: 'tenant-1',
        title: 'Add OAuth login',
        prompt: 'Add an OAuth login to the web app',
        sessionType: 'execution',
        priority: 2,
        tags: [],
        maxDurationSeconds: 3600,
        planning: { mode: 'explicit' },
        at,
      },
    },
    { type: 'SessionPlanned', data: { planVersion: 1, source: 'explicit', tasks: [spec('a'), spec('b', ['a']), spec('c')], at } },
    { type: 'SessionStarted', data: { deadlineAt: '2026-11-24T11:00:00.000Z', at } },
  ];
}

export const prepared = (at = T0): SessionEvent => ({
  type: 'SessionWorkspacePrepared',
  data: { branch: `orch/${SESSION_ID}`, baseCommit: COMMIT, at },
});
export const ready = (taskId: string, at = T0): SessionEvent => ({ type: 'TaskReady', data: { taskId, at } });
export const routed = (taskId: string, agentId = AGENT_A, at = T0): SessionEvent => ({
  type: 'TaskRouted',
  data: {
    taskId,
    agentId,
    score: 0.8,
    breakdown: { tier: 0.24, capability: 0.3, load: 0.16, available: 0.1, preferredAgent: 0, preferredType: 0, uncapped: 0.8 },
    alternatives: [],
    candidateCount: 1,
    probe: false,
    at,
  },
});
export const deferred = (taskId: string, at = T0): SessionEvent => ({ type: 'TaskRoutingDeferred', data: { taskId, cause: 'all_busy', at } });
export const assigned = (taskId: string, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskAssigned',
  data: { taskId, agentId: AGENT_A, attempt, at },
});
export const started = (taskId: string, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskStarted',
  data: { taskId, agentId: AGENT_A, attempt, runtimeRef: `run-${taskId}-${attempt}`, contextReads: [], deliveredInjectionIds: [], at },
});
export const failed = (taskId: string, retryAt: string | null, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskFailed',
  data: { taskId, agentId: AGENT_A, attempt, code: 'TASK.AGENT_ERROR', message: 'the agent crashed', retryable: retryAt !== null, retryAt, at },
});
export const interrupted = (taskId: string, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskInterrupted',
  data: { taskId, agentId: AGENT_A, attempt, cause: 'agent_lost', attemptConsumed: true, at },
});
export const completed = (taskId: string, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskCompleted',
  data: { taskId, agentId: AGENT_A, attempt, summary: `Did ${taskId}`, commitSha: COMMIT, contextWrites: [], at },
});
export const paused = (at = T0): SessionEvent => ({ type: 'SessionPaused', data: { cause: 'operator', remainingMs: 3_000_000, at } });

export function sessionOf(events: readonly SessionEvent[]): Session {
  const state = events.reduce(evolveSession, initialSessionState());
  if (state.status === 'absent') throw new Error('the history creates no session');
  return state;
}
