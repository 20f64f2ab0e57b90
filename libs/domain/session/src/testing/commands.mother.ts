import type { Actor, Capability } from '@orch/kernel';
import type { Capacity, RoutingDecision } from '../session.commands';
import type { ContextVersionRef } from '../session.events';
import { AGENT_A, AVAILABLE, COMMIT_1, command, ENGINE, NOW, RECOVERY, ROUTER, type CommandOptions } from './session.mother';

/** Commands with sensible defaults; the session and task commands of DOMAIN.md §2.3, §3.4, §6. */
export const startSession = (capacity: Capacity = AVAILABLE, options?: CommandOptions) =>
  command('StartSession', { capacity }, options);
export const retrySession = (capacity: Capacity = AVAILABLE, options?: CommandOptions) =>
  command('RetrySession', { capacity }, options);
export const pauseSession = (options?: CommandOptions) => command('PauseSession', {}, options);
export const resumeSession = (options?: CommandOptions) => command('ResumeSession', {}, options);
export const cancelSession = (options?: CommandOptions) => command('CancelSession', {}, options);
export const stopSession = (options?: CommandOptions) => command('StopSession', {}, options);
export const forceCompleteSession = (options?: CommandOptions) => command('ForceCompleteSession', {}, options);
export const failSession = (now = NOW) =>
  command('FailSession', { code: 'SESSION.ENGINE_ERROR', message: 'engine crashed' }, { actor: ENGINE, now });
export const timeOutSession = (now: string) => command('TimeOutSession', {}, { actor: ENGINE, now });
export const orphanSession = (now = NOW) => command('OrphanSession', { cause: 'lease_lost' }, { actor: RECOVERY, now });
export const workspacePrepared = (now = NOW, baseCommit = 'b'.repeat(40)) =>
  command('RecordWorkspacePrepared', { branch: 'orch/session', baseCommit }, { actor: ENGINE, now });
export const changeBudget = (budgetUsd: number | null, options?: CommandOptions) =>
  command('ChangeSessionBudget', { budgetUsd }, options);
export const injectPrompt = (injectionId: string, taskId?: string, options?: CommandOptions) =>
  command('InjectPrompt', { injectionId, text: 'Also add tests', ...(taskId === undefined ? {} : { taskId }) }, options);
export const recordCheckpoint = (commitSha = COMMIT_1, now = NOW) =>
  command('RecordCheckpoint', { commitSha, contextVersions: [], summary: 'manual save' }, { actor: ENGINE, now });

export const routed = (agentId: string = AGENT_A): RoutingDecision => ({
  outcome: 'routed',
  agentId,
  score: 0.8,
  breakdown: { tier: 0.24, capability: 0.3, load: 0.16, available: 0.1, preferredAgent: 0, preferredType: 0, uncapped: 0.8 },
  alternatives: [],
  candidateCount: 1,
  probe: false,
});
export const routeTask = (taskId: string, routing: RoutingDecision = routed(), now = NOW) =>
  command('RouteTask', { taskId, routing }, { actor: ROUTER, now });
export const assignTask = (taskId: string, agentId = AGENT_A, attempt = 1, now = NOW) =>
  command('AssignTask', { taskId, agentId, attempt }, { actor: ENGINE, now });
export const startTask = (taskId: string, agentId = AGENT_A, attempt = 1, now = NOW) =>
  command('StartTask', { taskId, agentId, attempt, runtimeRef: `run-${taskId}-${attempt}`, contextReads: [] }, { actor: ENGINE, now });
export const completeTask = (
  taskId: string,
  options: { agentId?: string; attempt?: number; commitSha?: string; now?: string; proposedTasks?: unknown[]; actor?: Actor; contextWrites?: ContextVersionRef[] } = {},
) =>
  command(
    'CompleteTask',
    {
      taskId,
      agentId: options.agentId ?? AGENT_A,
      attempt: options.attempt ?? 1,
      summary: `done ${taskId}`,
      commitSha: options.commitSha ?? COMMIT_1,
      contextWrites: options.contextWrites ?? [],
      ...(options.proposedTasks === undefined ? {} : { proposedTasks: options.proposedTasks as never }),
    },
    { actor: options.actor ?? ENGINE, now: options.now ?? NOW },
  );
export const failTask = (taskId: string, options: { agentId?: string; attempt?: number; retryable?: boolean; now?: string } = {}) =>
  command(
    'FailTask',
    {
      taskId,
      agentId: options.agentId ?? AGENT_A,
      attempt: options.attempt ?? 1,
      code: 'TASK.AGENT_ERROR',
      message: 'the agent gave up',
      retryable: options.retryable ?? true,
    },
    { actor: ENGINE, now: options.now ?? NOW },
  );
export const interruptTask = (
  taskId: string,
  cause: 'agent_lost' | 'lease_lost' | 'agent_disabled' = 'agent_lost',
  options: { agentId?: string; attempt?: number; now?: string } = {},
) =>
  command('InterruptTask', { taskId, agentId: options.agentId ?? AGENT_A, attempt: options.attempt ?? 1, cause }, { actor: ENGINE, now: options.now ?? NOW });
export const reattachTask = (taskId: string, agentId = AGENT_A, attempt = 1, now = NOW) =>
  command('ReattachTask', { taskId, agentId, attempt, runtimeRef: `run-${taskId}-${attempt}` }, { actor: RECOVERY, now });
export const requeueTask = (taskId: string, now = NOW) => command('RequeueTask', { taskId }, { actor: ENGINE, now });
export const retryTask = (taskId: string, options?: CommandOptions) => command('RetryTask', { taskId }, options);
export const skipTask = (taskId: string, options?: CommandOptions) => command('SkipTask', { taskId }, options);
export const reassignTask = (taskId: string, data: { agentId?: string; missingCapabilities?: Capability[] } = {}) =>
  command('ReassignTask', { taskId, ...data });
export const recordUsage = (taskId: string, costUsd: number, now = NOW, attempt = 1) =>
  command('RecordTaskUsage', { taskId, attempt, tokensIn: 100, tokensOut: 50, costUsd, apiCalls: 1, apiErrors: 0 }, { actor: ENGINE, now });
