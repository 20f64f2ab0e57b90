import { DomainError, type ErrorCode } from '@orch/kernel';
import type { TaskDependency, TaskSpec, TaskSpecInput } from '../task-spec';

/** Object mothers for the planning specs: a valid task by default, every field overridable. */
export function taskInput(id: string, overrides: Readonly<Record<string, unknown>> = {}): TaskSpecInput {
  return { id, title: `Do ${id}`, capabilities: ['code_generation'], ...overrides };
}

/** A required dependency, or an optional one. */
export const on = (taskId: string, optional = false): TaskDependency => ({ taskId, optional });

/** A task input depending (required) on the given ids. */
export const after = (id: string, ...dependencies: string[]): TaskSpecInput =>
  taskInput(id, { dependsOn: dependencies.map((taskId) => ({ taskId })) });

/** `count` independent tasks `t1`…`t<count>`. */
export const independentTasks = (count: number, prefix = 't'): TaskSpecInput[] =>
  Array.from({ length: count }, (_, i) => taskInput(`${prefix}${i + 1}`));

/** A chain `c1 ← c2 ← … ← c<length>` of depth `length`; `root` (if given) is what `c1` depends on. */
export const chain = (length: number, root?: string): TaskSpecInput[] =>
  Array.from({ length }, (_, i) => {
    const previous = i === 0 ? root : `c${i}`;
    return previous === undefined ? taskInput(`c${i + 1}`) : after(`c${i + 1}`, previous);
  });

/** The normalised form of `taskInput` for a task, for exact expectations. */
export function taskSpec(id: string, overrides: Partial<TaskSpec> = {}): TaskSpec {
  return { id, title: `Do ${id}`, capabilities: ['code_generation'], dependsOn: [], kind: 'work', ...overrides };
}

/** Runs `act` and returns the DomainError it threw, failing the test when it threw nothing else. */
export function domainErrorOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** Asserts `act` throws exactly this code with exactly these details. */
export function expectPlanError(act: () => unknown, code: ErrorCode, details: Record<string, unknown> = {}): void {
  const error = domainErrorOf(act);
  expect({ code: error.code, details: error.details }).toEqual({ code, details });
}
