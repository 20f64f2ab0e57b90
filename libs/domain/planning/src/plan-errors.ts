import { DomainError } from '@orch/kernel';

/** `PLAN.TASK_INVALID` for one field of one task; `taskId` is null when the id itself is unusable. */
export function taskInvalid(taskId: string | null, field: string, rule: string, limit?: string): DomainError {
  const details = limit === undefined ? { taskId, field, rule } : { taskId, field, rule, limit };
  return new DomainError('PLAN.TASK_INVALID', `Task ${taskId ?? '?'}: ${field} breaks rule ${rule}`, details);
}

/** Raises `PLAN.TASK_INVALID` for the task being checked; bound to its id once the id is known. */
export type FieldFailure = (field: string, rule: string, limit?: string) => DomainError;

export function failureFor(taskId: string | null): FieldFailure {
  return (field, rule, limit) => taskInvalid(taskId, field, rule, limit);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON callers send `null` for an absent optional field; both mean "not given". */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
