import { DomainError } from '@orch/kernel';
import { findCycle } from './cycle';
import { planDepth } from './graph';
import { PLAN_LIMITS, type TaskSpec } from './task-spec';

/** Checks 4–8 of DOMAIN.md §3.2, in that order, over normalised tasks; throws the first failure. */
export function checkPlanGraph(tasks: readonly TaskSpec[]): void {
  checkUniqueIds(tasks);
  checkNoSelfDependency(tasks);
  checkDependenciesExist(tasks);
  checkAcyclic(tasks);
  checkDepth(tasks);
}

function checkUniqueIds(tasks: readonly TaskSpec[]): void {
  const seen = new Set<string>();
  for (const { id } of tasks) {
    if (seen.has(id)) throw new DomainError('PLAN.DUPLICATE_TASK_ID', `Task id ${id} is used twice`, { taskId: id });
    seen.add(id);
  }
}

function checkNoSelfDependency(tasks: readonly TaskSpec[]): void {
  const task = tasks.find(({ id, dependsOn }) => dependsOn.some((dependency) => dependency.taskId === id));
  if (task) throw new DomainError('PLAN.SELF_DEPENDENCY', `Task ${task.id} depends on itself`, { taskId: task.id });
}

function checkDependenciesExist(tasks: readonly TaskSpec[]): void {
  const ids = new Set(tasks.map((task) => task.id));
  for (const task of tasks) {
    const missing = task.dependsOn.find((dependency) => !ids.has(dependency.taskId));
    if (missing) {
      const details = { taskId: task.id, dependsOn: missing.taskId };
      throw new DomainError('PLAN.UNKNOWN_DEPENDENCY', `Task ${task.id} depends on unknown task ${missing.taskId}`, details);
    }
  }
}

function checkAcyclic(tasks: readonly TaskSpec[]): void {
  const cycle = findCycle(tasks);
  if (cycle) throw new DomainError('PLAN.CYCLE', `The plan has a cycle: ${cycle.join(' → ')}`, { cycle });
}

function checkDepth(tasks: readonly TaskSpec[]): void {
  const depth = planDepth(tasks);
  const limit = PLAN_LIMITS.maxDepth;
  if (depth > limit) throw new DomainError('PLAN.TOO_DEEP', `The plan is ${depth} tasks deep, more than ${limit}`, { depth, limit });
}
