import { dependentsOf, type TaskSpec } from '@orch/domain-planning';
import type { TaskReady, TaskSkipped } from './session.events';
import type { Session } from './session.state';
import { isFinallyFailed, type TaskState } from './task.state';

/**
 * §3.5 cascade: every pending task depending without `optional` on a skipped, cancelled or finally
 * failed task is skipped, transitively. Computed from the state, so required dependents a session
 * retry returned to pending behind an operator-skipped task are skipped again instead of waiting forever.
 */
export function cascadeSkips(session: Session, at: string): TaskSkipped[] {
  const specs = planSpecs(session);
  const events: TaskSkipped[] = [];
  const skipped = new Set<string>();
  let frontier = session.taskOrder.filter((id) => isDead(session.tasks[id]));
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const dependencyId of frontier) {
      const cause = isFinallyFailed(session.tasks[dependencyId] as TaskState) ? 'dependency_failed' : 'dependency_skipped';
      for (const { taskId, optional } of dependentsOf(specs, dependencyId)) {
        if (optional || skipped.has(taskId) || session.tasks[taskId]?.status !== 'pending') continue;
        skipped.add(taskId);
        next.push(taskId);
        events.push({ type: 'TaskSkipped', data: { taskId, cause, dependencyId, at } });
      }
    }
    frontier = next;
  }
  return events;
}

/** §3.5 readiness: once the workspace is prepared, each pending task whose dependencies are satisfied. */
export function readyTasks(session: Session, at: string): TaskReady[] {
  if (!session.workspaceReady) return [];
  return session.taskOrder
    .filter((taskId) => {
      const task = session.tasks[taskId];
      return task?.status === 'pending' && task.spec.dependsOn.every((dependency) => isSatisfied(session, dependency));
    })
    .map((taskId) => ({ type: 'TaskReady', data: { taskId, at } }));
}

function isSatisfied(session: Session, dependency: { readonly taskId: string; readonly optional: boolean }): boolean {
  const task = session.tasks[dependency.taskId];
  if (task === undefined) return dependency.optional;
  return task.status === 'completed' || (dependency.optional && isDead(task));
}

/** Ended without completing: it will never satisfy a required dependency (until a retry). */
function isDead(task: TaskState | undefined): boolean {
  return task !== undefined && (task.status === 'skipped' || task.status === 'cancelled' || isFinallyFailed(task));
}

export function planSpecs(session: Session): TaskSpec[] {
  return session.taskOrder.flatMap((id) => {
    const task = session.tasks[id];
    return task === undefined ? [] : [task.spec];
  });
}
