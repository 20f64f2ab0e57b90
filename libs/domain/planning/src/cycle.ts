import type { TaskSpec } from './task-spec';

type Mark = 'on_path' | 'done';

/**
 * The first cycle met by a depth-first search over tasks in plan order and their dependencies in
 * listed order (DOMAIN.md §3.2 check 7), written with its first id repeated last: `["a","b","a"]`.
 * Null when the plan is acyclic. Dependencies on unknown ids are ignored (check 6 runs first).
 */
export function findCycle(tasks: readonly TaskSpec[]): string[] | null {
  const byId = new Map(tasks.map((task) => [task.id, task] as const));
  const marks = new Map<string, Mark>();
  const path: string[] = [];

  const visit = (id: string): string[] | null => {
    const mark = marks.get(id);
    if (mark === 'done') return null;
    if (mark === 'on_path') return [...path.slice(path.indexOf(id)), id];
    marks.set(id, 'on_path');
    path.push(id);
    for (const dependency of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dependency.taskId)) continue;
      const cycle = visit(dependency.taskId);
      if (cycle) return cycle;
    }
    path.pop();
    marks.set(id, 'done');
    return null;
  };

  for (const task of tasks) {
    const cycle = visit(task.id);
    if (cycle) return cycle;
  }
  return null;
}
