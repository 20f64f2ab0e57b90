import { sql, type InsertObject } from 'kysely';
import { json } from '../../database/column-types';
import { type Database } from '../../database/database';
import { MalformedEventError } from '../event-fields';
import { type SessionContext, type SessionOutcome } from './session-context';

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
export async function replacePlan(ctx: SessionContext): Promise<SessionOutcome> {
  const tasks = taskSpecs(ctx);
  const replace = async () => {
    await ctx.db.deleteFrom('tasks').where('session_id', '=', ctx.sessionId).execute();
    await insertTasks(ctx, tasks);
  };
  return {
    afterClaim: replace,
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
export async function extendPlan(ctx: SessionContext): Promise<SessionOutcome> {
  const tasks = taskSpecs(ctx);
  return {
    patch: { plan_version: ctx.f.number('planVersion') },
    afterClaim: () => insertTasks(ctx, tasks),
    tasks: tasks.map((task) => task.id),
    recount: true,
  };
}

/** Appended after the session's existing tasks: one statement, so every row sees the same count. */
async function insertTasks(ctx: SessionContext, tasks: readonly TaskSpecData[]): Promise<void> {
  if (tasks.length === 0) return;
  const existing = sql<number>`(SELECT count(*) FROM ${sql.table('tasks')} WHERE session_id = ${ctx.sessionId})::int`;
  const rows = tasks.map((task, index): InsertObject<Database, 'tasks'> => ({
    session_id: ctx.sessionId,
    task_id: task.id,
    tenant_id: ctx.tenantId,
    plan_order: sql<number>`${existing} + ${index}::int`,
    title: task.title,
    description: task.description ?? null,
    kind: task.kind ?? 'work',
    capabilities: [...task.capabilities],
    preferred_agent_type: task.preferredAgentType ?? null,
    depends_on: json(task.dependsOn.map((dep) => ({ taskId: dep.taskId, optional: dep.optional === true }))),
    status: 'pending',
    updated_at: ctx.at,
    last_position: ctx.event.position,
  }));
  await ctx.db
    .insertInto('tasks')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['session_id', 'task_id']).doNothing())
    .execute();
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
