import { MalformedEventError } from '../event-fields';
import { type SessionContext, type SessionOutcome } from './session-context';
import { TASK_DEFAULTS, type TaskRow } from './session-rows';

/** The TaskSpec fields the read model keeps (DOMAIN.md §3.2). */
interface TaskSpecData {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly capabilities: readonly string[];
  readonly preferredAgentType?: string;
  readonly dependsOn: readonly { readonly taskId: string; readonly optional: boolean }[];
  readonly kind?: string;
}

/** SessionPlanned replaces the whole plan (only possible before start, §3.1). */
export function replacePlan(ctx: SessionContext): SessionOutcome {
  const tasks = taskSpecs(ctx);
  return {
    afterClaim: () => {
      ctx.replacePlan();
      insertTasks(ctx, tasks);
    },
    patch: {
      plan_version: ctx.f.number('planVersion'),
      plan_source: ctx.f.string('source'),
      template: ctx.f.optString('template'),
    },
    tasks: tasks.map((task) => task.id),
    recount: true,
  };
}

/** SessionPlanExtended adds the plan task's proposals after the existing tasks. */
export function extendPlan(ctx: SessionContext): SessionOutcome {
  const tasks = taskSpecs(ctx);
  return {
    patch: { plan_version: ctx.f.number('planVersion') },
    afterClaim: () => insertTasks(ctx, tasks),
    tasks: tasks.map((task) => task.id),
    recount: true,
  };
}

/** Appended after the session's existing tasks, all numbered from the count before them; a known id is kept as it is. */
function insertTasks(ctx: SessionContext, tasks: readonly TaskSpecData[]): void {
  const existing = ctx.tasks.size;
  tasks.forEach((task, index) => {
    if (ctx.tasks.has(task.id)) return;
    const row: TaskRow = {
      ...TASK_DEFAULTS,
      excluded_agent_ids: [],
      session_id: ctx.sessionId,
      task_id: task.id,
      tenant_id: ctx.tenantId,
      plan_order: existing + index,
      title: task.title,
      description: task.description ?? null,
      kind: task.kind ?? 'work',
      capabilities: [...task.capabilities],
      preferred_agent_type: task.preferredAgentType ?? null,
      depends_on: task.dependsOn.map((dep) => ({ taskId: dep.taskId, optional: dep.optional === true })),
      status: 'pending',
      updated_at: ctx.at,
      last_position: ctx.event.position,
    };
    ctx.setTask(row);
  });
}

function taskSpecs(ctx: SessionContext): TaskSpecData[] {
  return ctx.f.array('tasks').map((value, index) => {
    const task = value as Partial<TaskSpecData> | null;
    const valid =
      typeof task?.id === 'string' &&
      typeof task.title === 'string' &&
      Array.isArray(task.capabilities) &&
      (task.dependsOn === undefined || Array.isArray(task.dependsOn));
    if (!valid) throw new MalformedEventError(ctx.event, `tasks[${index}] is not a TaskSpec`);
    return { ...task, dependsOn: task.dependsOn ?? [] } as TaskSpecData;
  });
}
