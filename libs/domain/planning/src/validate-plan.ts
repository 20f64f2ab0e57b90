import { DomainError } from '@orch/kernel';
import { checkPlanGraph } from './graph-checks';
import { normalizeTaskSpec } from './normalize-task-spec';
import { taskInvalid } from './plan-errors';
import { PLAN_LIMITS, type TaskSpec, type TaskSpecInput } from './task-spec';

export interface ValidatePlanOptions {
  /** Tasks of kind `plan` are allowed in agent mode only. */
  readonly allowPlanKind?: boolean;
}

/**
 * A whole plan by the rules of DOMAIN.md §3.2, checked in the order of the spec, first failure thrown
 * as a `PLAN.*` DomainError. Returns the tasks normalised, in plan order.
 */
export function validatePlan(tasks: readonly TaskSpecInput[], options: ValidatePlanOptions = {}): TaskSpec[] {
  if (tasks.length === 0) throw new DomainError('PLAN.EMPTY', 'The plan has no tasks');
  checkPlanSize(tasks.length);
  const normalised = normalizeTasks(tasks, options.allowPlanKind === true ? null : 'agent_mode_only');
  checkPlanGraph(normalised);
  return normalised;
}

/** Check 2: at most 200 tasks, counting every task the plan would hold. */
export function checkPlanSize(count: number): void {
  const limit = PLAN_LIMITS.maxTasks;
  if (count > limit) throw new DomainError('PLAN.TOO_MANY_TASKS', `The plan has ${count} tasks, more than ${limit}`, { count, limit });
}

/**
 * Check 3: the field rules of each task in plan order, then whether its kind is allowed;
 * `planKindRule` is the rule a task of kind `plan` breaks, null where the kind is allowed.
 */
export function normalizeTasks(tasks: readonly TaskSpecInput[], planKindRule: string | null): TaskSpec[] {
  return tasks.map((input) => {
    const task = normalizeTaskSpec(input);
    if (task.kind === 'plan' && planKindRule !== null) throw taskInvalid(task.id, 'kind', planKindRule);
    return task;
  });
}
