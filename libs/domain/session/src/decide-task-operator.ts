import { DomainError } from '@orch/kernel';
import { requireReason, requireStatus, requireTask, requireTaskIn } from './guards';
import type { ReassignTask, SkipTask } from './session.commands';
import type { SessionEvent, TaskReassigned } from './session.events';
import { OPERATOR_TASK_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { settle } from './settle';
import { withAgentExcluded, type TaskState } from './task.state';
import { validUuid } from './validate-settings';

/**
 * ReassignTask (DOMAIN.md §3.4): with `agentId`, pin the task to a capable agent; without, exclude the
 * current or last agent and clear any pin. The task returns to ready.
 */
export function decideReassignTask(command: ReassignTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['ready', 'assigned', 'running', 'interrupted', 'failed'], 'ready');
  const at = command.metadata.now;
  return settle(session, [reassigned(task, command, at)], command.type, at);
}

/** SkipTask: the operator gives up on a task; its required dependents are skipped with it (§3.5). */
export function decideSkipTask(command: SkipTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['pending', 'ready', 'assigned', 'running', 'interrupted', 'failed'], 'skipped');
  const at = command.metadata.now;
  return settle(session, [{ type: 'TaskSkipped', data: { taskId: task.spec.id, cause: 'operator', at } }], command.type, at);
}

function reassigned(task: TaskState, command: ReassignTask, at: string): TaskReassigned {
  const taskId = task.spec.id;
  const fromAgentId = task.agentId ?? task.lastAgentId;
  const from = fromAgentId === null ? {} : { fromAgentId };
  const { agentId } = command.data;
  if (agentId === undefined) {
    const excludedAgentIds = withAgentExcluded(task.excludedAgentIds, fromAgentId);
    return { type: 'TaskReassigned', data: { taskId, ...from, pinnedAgentId: null, excludedAgentIds, at } };
  }
  const pinned = validUuid(agentId, 'agentId');
  const missing = command.data.missingCapabilities ?? [];
  if (missing.length > 0) {
    throw new DomainError('TASK.AGENT_NOT_CAPABLE', `agent ${pinned} lacks capabilities of task ${taskId}`, {
      taskId,
      agentId: pinned,
      missing,
    });
  }
  // A pin is an explicit choice: it overrides an earlier exclusion of the same agent.
  const excludedAgentIds = task.excludedAgentIds.filter((excluded) => excluded !== pinned);
  return { type: 'TaskReassigned', data: { taskId, ...from, pinnedAgentId: pinned, excludedAgentIds, at } };
}
