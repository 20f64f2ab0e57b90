import { TASK_ID_PATTERN } from '@orch/kernel';
import { type FieldFailure, isAbsent, isPlainObject } from './plan-errors';
import { PLAN_LIMITS, type TaskDependency } from './task-spec';

/** `dependsOn`: at most 20 `{ taskId, optional }` with distinct task ids; `optional` defaults to false. */
export function normalizeDependencies(value: unknown, fail: FieldFailure): TaskDependency[] {
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) throw fail('dependsOn', 'array');
  if (value.length > PLAN_LIMITS.maxDependencies) throw fail('dependsOn', 'count', `0..${PLAN_LIMITS.maxDependencies}`);
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const dependency = normalizeDependency(item, `dependsOn[${index}]`, fail);
    if (seen.has(dependency.taskId)) throw fail(`dependsOn[${index}].taskId`, 'unique');
    seen.add(dependency.taskId);
    return dependency;
  });
}

function normalizeDependency(item: unknown, field: string, fail: FieldFailure): TaskDependency {
  if (!isPlainObject(item)) throw fail(field, 'object');
  const { taskId, optional } = item;
  if (isAbsent(taskId)) throw fail(`${field}.taskId`, 'required');
  if (typeof taskId !== 'string') throw fail(`${field}.taskId`, 'string');
  if (!TASK_ID_PATTERN.test(taskId)) throw fail(`${field}.taskId`, 'pattern', TASK_ID_PATTERN.source);
  if (!isAbsent(optional) && typeof optional !== 'boolean') throw fail(`${field}.optional`, 'boolean');
  return { taskId, optional: optional === true };
}
