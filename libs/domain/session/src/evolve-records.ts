import { toMicros } from '@orch/kernel';
import type { TaskSpec } from '@orch/domain-planning';
import type { SessionCreated, SessionRecordEvent } from './session.events';
import type { Session } from './session.state';
import { newTask, type TaskState } from './task.state';

/** Facts that do not change the session's status: plan, workspace, budget, prompts, checkpoints. */
export function evolveRecord(session: Session, event: SessionRecordEvent): Session {
  switch (event.type) {
    case 'SessionCreated':
      return session;
    case 'SessionPlanned':
      return { ...session, ...planOf(event.data.tasks), planVersion: event.data.planVersion, planSource: event.data.source };
    case 'SessionPlanExtended':
      return extended(session, event.data.planVersion, event.data.tasks);
    case 'SessionWorkspacePrepared':
      return { ...session, workspace: { branch: event.data.branch, baseCommit: event.data.baseCommit }, workspaceReady: true };
    case 'SessionBudgetChanged': {
      const budgetMicros = event.data.budgetUsd === null ? null : toMicros(event.data.budgetUsd);
      return { ...session, budget: { ...session.budget, budgetMicros, warned: false } };
    }
    case 'SessionBudgetWarningRaised':
      return { ...session, budget: { ...session.budget, warned: true } };
    case 'PromptInjected': {
      const { injectionId, targets } = event.data;
      return { ...session, injections: [...session.injections, { injectionId, targets, deliveredTo: [] }] };
    }
    case 'PromptDelivered':
      return delivered(session, [event.data.injectionId], event.data.taskId);
    case 'TaskPermissionRequested': {
      const { requestId, taskId, attempt, tool, description } = event.data;
      const request = { requestId, taskId, attempt, tool, description, answer: null, answeredBy: null };
      return { ...session, permissions: [...session.permissions, request] };
    }
    case 'TaskPermissionAnswered': {
      const { requestId, answer, answeredBy } = event.data;
      const permissions = session.permissions.map((p) => (p.requestId === requestId ? { ...p, answer, answeredBy } : p));
      return { ...session, permissions };
    }
    case 'CheckpointRecorded': {
      const { sequence, commitSha, at } = event.data;
      return { ...session, checkpointCount: session.checkpointCount + 1, latestCheckpoint: { sequence, commitSha, at } };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function createdSession(event: SessionCreated): Session {
  const { sessionId, tenantId, at, ...settings } = event.data;
  return {
    status: 'pending',
    sessionId,
    tenantId,
    settings,
    statusChangedAt: at,
    retryCount: 0,
    deadlineAt: null,
    remainingMs: settings.maxDurationSeconds * 1000,
    planVersion: 0,
    planSource: settings.planning.mode,
    tasks: {},
    taskOrder: [],
    workspace: null,
    workspaceReady: false,
    restoreCommit: null,
    injections: [],
    permissions: [],
    checkpointCount: 0,
    latestCheckpoint: null,
    budget: { budgetMicros: settings.budgetUsd === undefined ? null : toMicros(settings.budgetUsd), spentMicros: 0, warned: false },
    clock: { createdAt: at, queuedAt: null, startedAt: null, endedAt: null, queueMs: 0, activeMs: 0 },
  };
}

/** Marks injections delivered to a task (PromptDelivered, TaskStarted.deliveredInjectionIds). */
export function delivered(session: Session, injectionIds: readonly string[], taskId: string): Session {
  if (injectionIds.length === 0) return session;
  const ids = new Set(injectionIds);
  const injections = session.injections.map((injection) =>
    ids.has(injection.injectionId) && !injection.deliveredTo.includes(taskId)
      ? { ...injection, deliveredTo: [...injection.deliveredTo, taskId] }
      : injection,
  );
  return { ...session, injections };
}

function planOf(specs: readonly TaskSpec[]): Pick<Session, 'tasks' | 'taskOrder'> {
  return { tasks: Object.fromEntries(specs.map((spec) => [spec.id, newTask(spec)])), taskOrder: specs.map((spec) => spec.id) };
}

function extended(session: Session, planVersion: number, specs: readonly TaskSpec[]): Session {
  const added = specs.filter((spec) => session.tasks[spec.id] === undefined);
  const tasks: Record<string, TaskState> = { ...session.tasks };
  for (const spec of added) tasks[spec.id] = newTask(spec);
  return { ...session, planVersion, tasks, taskOrder: [...session.taskOrder, ...added.map((spec) => spec.id)] };
}
