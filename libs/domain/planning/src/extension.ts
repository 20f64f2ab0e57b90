import { DomainError } from '@orch/kernel';
import { checkPlanGraph } from './graph-checks';
import { isPlainObject } from './plan-errors';
import type { TaskSpec, TaskSpecInput } from './task-spec';
import { checkPlanSize, normalizeTasks } from './validate-plan';

/**
 * The agent extension of DOMAIN.md §3.1: the tasks proposed by the completed `plan` task, checked by
 * the §3.2 rules together with the existing tasks (ids must not collide, dependencies may name existing
 * tasks, limits count them). Every proposed task also depends, required, on the plan task — added
 * before the checks, so it counts towards the 20 dependencies. Kind `plan` is not allowed: the session
 * has one plan task. Returns the proposed tasks normalised, in the order given.
 */
export function validateExtension(existing: readonly TaskSpec[], proposed: readonly TaskSpecInput[], planTaskId: string): TaskSpec[] {
  if (proposed.length === 0) throw new DomainError('PLAN.EMPTY', 'The plan task proposed no tasks');
  checkPlanSize(existing.length + proposed.length);
  const normalised = normalizeTasks(
    proposed.map((input) => withPlanDependency(input, planTaskId)),
    'single_plan_task',
  );
  checkPlanGraph([...existing, ...normalised]);
  return normalised;
}

/**
 * The proposed task with a required dependency on the plan task: listed → made required in place,
 * else appended. Malformed input is left as it is for the field rules to report.
 */
function withPlanDependency(input: TaskSpecInput, planTaskId: string): TaskSpecInput {
  if (!isPlainObject(input)) return input;
  const dependsOn: unknown = input.dependsOn ?? [];
  if (!Array.isArray(dependsOn)) return input;
  const required = { taskId: planTaskId, optional: false };
  const listed = dependsOn.some((item: unknown) => isPlainObject(item) && item.taskId === planTaskId);
  const next = listed
    ? dependsOn.map((item: unknown) => (isPlainObject(item) && item.taskId === planTaskId ? required : item))
    : [...dependsOn, required];
  return { ...input, dependsOn: next };
}
