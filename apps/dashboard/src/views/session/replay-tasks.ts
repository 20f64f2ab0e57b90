import type { GraphTask } from './graph-layout';

interface ReplayTask {
  readonly status: string;
  readonly spec: { readonly id: string; readonly title: string; readonly dependsOn?: readonly ({ readonly taskId: string; readonly optional?: boolean } | string)[] };
}

/** The graph's tasks from a replayed session state (`state?at=`): an absent session (before creation) has none. */
export function replayTasks(session: object): GraphTask[] {
  const { tasks = {}, taskOrder = [] } = session as { tasks?: Readonly<Record<string, unknown>>; taskOrder?: readonly string[] };
  return taskOrder.map((taskId) => {
    const task = tasks[taskId] as ReplayTask;
    const dependsOn = (task.spec.dependsOn ?? []).map((d) => (typeof d === 'string' ? { taskId: d, optional: false } : { taskId: d.taskId, optional: d.optional ?? false }));
    return { id: taskId, title: task.spec.title, status: task.status, dependsOn };
  });
}
