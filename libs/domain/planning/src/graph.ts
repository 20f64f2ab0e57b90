import type { TaskSpec } from './task-spec';

/** A task that depends directly on another, and whether that dependency is optional. */
export interface TaskDependent {
  readonly taskId: string;
  readonly optional: boolean;
}

/**
 * Depth of every task (DOMAIN.md §3.2 check 8): 1 without dependencies, else 1 + the largest depth
 * among them. Meant for a validated (acyclic) plan; unknown ids and back edges count as depth 0.
 */
export function planDepths(tasks: readonly TaskSpec[]): ReadonlyMap<string, number> {
  const byId = new Map(tasks.map((task) => [task.id, task] as const));
  const depths = new Map<string, number>();
  const inProgress = new Set<string>();

  const depthOf = (id: string): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const task = byId.get(id);
    if (!task || inProgress.has(id)) return 0;
    inProgress.add(id);
    const depth = 1 + Math.max(0, ...task.dependsOn.map((dependency) => depthOf(dependency.taskId)));
    inProgress.delete(id);
    depths.set(id, depth);
    return depth;
  };

  for (const task of tasks) depthOf(task.id);
  return depths;
}

/** The depth of the deepest task; 0 for an empty plan. */
export function planDepth(tasks: readonly TaskSpec[]): number {
  return Math.max(0, ...planDepths(tasks).values());
}

/** The tasks that depend directly on `taskId`, in plan order, each with the `optional` flag of that dependency. */
export function dependentsOf(tasks: readonly TaskSpec[], taskId: string): TaskDependent[] {
  return tasks.flatMap((task) =>
    task.dependsOn
      .filter((dependency) => dependency.taskId === taskId)
      .map((dependency) => ({ taskId: task.id, optional: dependency.optional })),
  );
}
