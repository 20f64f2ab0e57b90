import { type RollupList, type RollupScope, type RollupView } from '@orch/contracts';
import { fromMicros } from '@orch/kernel';
import { type Kysely, type Selectable } from 'kysely';
import { type Database } from '../../database/database';
import { type MetricRollupsTable } from '../../database/metric-tables';

/**
 * `GET /rollups?scope=&id=`: one session's, agent's or the tenant's roll-up. Nothing counted yet
 * reads as zeros when the session or agent exists in the tenant; undefined when it does not (404).
 */
export async function rollupOf(db: Kysely<Database>, tenantId: string, scope: RollupScope, id: string): Promise<RollupView | undefined> {
  if (scope === 'tenant' && id !== tenantId) return undefined;
  const row = await db
    .selectFrom('metric_rollups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', scope)
    .where('scope_id', '=', id)
    .executeTakeFirst();
  if (row) return toRollupView(row);
  return (await existsInTenant(db, tenantId, scope, id)) ? zeros(scope, id) : undefined;
}

/** `GET /rollups/top`: the tenant's costliest sessions or agents (index on tenant, scope, cost). */
export async function topRollups(db: Kysely<Database>, tenantId: string, scope: 'session' | 'agent', limit: number): Promise<RollupList> {
  const rows = await db
    .selectFrom('metric_rollups')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('scope', '=', scope)
    .orderBy('cost_micros', 'desc')
    .orderBy('scope_id')
    .limit(Math.min(Math.max(1, limit), 100))
    .execute();
  return { items: rows.map(toRollupView) };
}

async function existsInTenant(db: Kysely<Database>, tenantId: string, scope: RollupScope, id: string): Promise<boolean> {
  if (scope === 'tenant') return true;
  const row =
    scope === 'session'
      ? await db.selectFrom('sessions').select('session_id').where('tenant_id', '=', tenantId).where('session_id', '=', id).executeTakeFirst()
      : await db.selectFrom('agents').select('agent_id').where('tenant_id', '=', tenantId).where('agent_id', '=', id).executeTakeFirst();
  return row !== undefined;
}

function toRollupView(row: Selectable<MetricRollupsTable>): RollupView {
  return {
    scope: row.scope as RollupScope,
    id: row.scope_id,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    costUsd: fromMicros(row.cost_micros),
    apiCalls: row.api_calls,
    apiErrors: row.api_errors,
    tasksSucceeded: row.tasks_succeeded,
    tasksFailed: row.tasks_failed,
    taskRunMs: row.task_run_ms,
    sessionsCreated: row.sessions_created,
    sessionsEnded: row.sessions_ended,
    updatedAt: row.updated_at,
    position: row.last_position,
  };
}

function zeros(scope: RollupScope, id: string): RollupView {
  return {
    scope,
    id,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    apiCalls: 0,
    apiErrors: 0,
    tasksSucceeded: 0,
    tasksFailed: 0,
    taskRunMs: 0,
    sessionsCreated: 0,
    sessionsEnded: 0,
    updatedAt: null,
    position: null,
  };
}
