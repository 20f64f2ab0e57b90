import { type CheckpointView, type PositionPage, type SessionDetail, type TaskView, type TimelineEntry, type TimelineParams } from '@orch/contracts';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { nextPosition, pageLimit, positionRange, splitPage } from '../paging';
import { toCheckpointView, toSessionDetail, toTaskView, toTimelineEntry } from './session-rows';

/** Every query of a session is scoped by tenant: another tenant's session reads as absent (404). */
export async function sessionExists(db: Kysely<Database>, tenantId: string, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('session_id')
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** `GET /sessions/:id`: settings, status, timings, usage and the task graph. */
export async function sessionDetail(db: Kysely<Database>, tenantId: string, sessionId: string): Promise<SessionDetail | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).executeTakeFirst();
  if (!row) return undefined;
  return toSessionDetail(row, await tasksOf(db, tenantId, sessionId));
}

/** `GET /sessions/:id/tasks`: the DAG in plan order; undefined when the session is not the tenant's. */
export async function sessionTasks(db: Kysely<Database>, tenantId: string, sessionId: string): Promise<readonly TaskView[] | undefined> {
  if (!(await sessionExists(db, tenantId, sessionId))) return undefined;
  return tasksOf(db, tenantId, sessionId);
}

async function tasksOf(db: Kysely<Database>, tenantId: string, sessionId: string): Promise<TaskView[]> {
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .orderBy('plan_order')
    .orderBy('task_id')
    .execute();
  return rows.map(toTaskView);
}

/** `GET /sessions/:id/timeline`: the session's events, paged by global position. */
export async function sessionTimeline(
  db: Kysely<Database>,
  tenantId: string,
  sessionId: string,
  params: TimelineParams,
): Promise<PositionPage<TimelineEntry> | undefined> {
  if (!(await sessionExists(db, tenantId, sessionId))) return undefined;
  const limit = pageLimit(params.limit, 'log');
  const base = db.selectFrom('session_timeline').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId);
  const rows = await positionRange(base, 'position', params, limit).execute();
  const { items, more } = splitPage(rows, limit);
  return { items: items.map(toTimelineEntry), next: nextPosition(items, more, (row) => row.position) };
}

/** `GET /sessions/:id/checkpoints`: the latest 100 (all the read model keeps), newest first. */
export async function sessionCheckpoints(db: Kysely<Database>, tenantId: string, sessionId: string): Promise<readonly CheckpointView[] | undefined> {
  if (!(await sessionExists(db, tenantId, sessionId))) return undefined;
  const rows = await db
    .selectFrom('checkpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .orderBy('sequence', 'desc')
    .limit(100)
    .execute();
  return rows.map(toCheckpointView);
}
