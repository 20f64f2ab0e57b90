import { sql, type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { DEFERRABLE_WRITE } from '../../database/write-behind-dialect';
import { insertRowsOnce, selectRows, upsertRows } from '../batch/bulk-writes';
import { RowCache } from '../batch/row-cache';
import { CHECKPOINTS, type CheckpointRow, SESSIONS, type SessionRow, TASKS, type TaskRow, TIMELINE, type TimelineRow } from './session-rows';

/** The read model keeps the latest 100 checkpoints of a session (DOMAIN.md §6.1). */
export const CHECKPOINTS_KEPT = 100;

const taskKey = (sessionId: string, taskId: string): string => `${sessionId}\u0000${taskId}`;

/**
 * The session projection's rows for a batch, folded in memory and written set-based: each
 * session and its tasks are read once, every event of the batch changes the copies, and each
 * changed row is written once (one multi-row upsert per table). Timeline and checkpoint rows are
 * keyed inserts; a replaced plan deletes the session's stored tasks first.
 */
export class SessionMemo {
  private readonly sessions: RowCache<SessionRow>;
  /** Each known session's tasks, by task id (a session's tasks are read with it). */
  private readonly tasks = new Map<string, Map<string, TaskRow>>();
  private readonly changedTasks = new Map<string, TaskRow>();
  private readonly replacedPlans = new Set<string>();
  private timeline: TimelineRow[] = [];
  private checkpoints = new Map<string, CheckpointRow>();
  /** Per session: stored checkpoints at or below this sequence are pruned. */
  private readonly prunes = new Map<string, number>();
  private taskRows = 0;

  constructor(complete: boolean) {
    this.sessions = new RowCache(complete);
  }

  get size(): number {
    return this.sessions.size + this.taskRows;
  }

  /** Reads the sessions (and their tasks) the memo does not hold yet: two statements at most. */
  async load(db: Kysely<Database>, sessionIds: Iterable<string>): Promise<void> {
    const missing = this.sessions.missing(sessionIds);
    if (missing.length === 0) return;
    const [sessions, tasks] = await Promise.all([
      selectRows<SessionRow & { search?: unknown }>(db, 'sessions', 'session_id', missing),
      selectRows<TaskRow>(db, 'tasks', 'session_id', missing),
    ]);
    const found = new Map<string, SessionRow>();
    for (const { search: _search, ...row } of sessions) found.set(row.session_id, row);
    this.sessions.remember(missing, found);
    for (const id of missing) if (!this.tasks.has(id)) this.tasks.set(id, new Map());
    for (const task of tasks) {
      this.tasks.get(task.session_id)?.set(task.task_id, task);
      this.taskRows += 1;
    }
  }

  session(sessionId: string): SessionRow | undefined {
    return this.sessions.get(sessionId);
  }

  setSession(row: SessionRow): void {
    this.sessions.set(row.session_id, row);
    if (!this.tasks.has(row.session_id)) this.tasks.set(row.session_id, new Map());
  }

  /** The session's tasks in memory (empty for a session without any). */
  tasksOf(sessionId: string): ReadonlyMap<string, TaskRow> {
    let tasks = this.tasks.get(sessionId);
    if (!tasks) this.tasks.set(sessionId, (tasks = new Map()));
    return tasks;
  }

  setTask(row: TaskRow): void {
    let tasks = this.tasks.get(row.session_id);
    if (!tasks) this.tasks.set(row.session_id, (tasks = new Map()));
    if (!tasks.has(row.task_id)) this.taskRows += 1;
    tasks.set(row.task_id, row);
    this.changedTasks.set(taskKey(row.session_id, row.task_id), row);
  }

  /** SessionPlanned: the stored tasks go; the new plan's rows are set after this. */
  replacePlan(sessionId: string): void {
    const tasks = this.tasks.get(sessionId);
    for (const taskId of tasks?.keys() ?? []) this.changedTasks.delete(taskKey(sessionId, taskId));
    this.taskRows -= tasks?.size ?? 0;
    tasks?.clear();
    this.replacedPlans.add(sessionId);
  }

  addTimeline(row: TimelineRow): void {
    this.timeline.push(row);
  }

  /** A checkpoint row, and the pruning of those it pushes out of the latest 100. */
  addCheckpoint(row: CheckpointRow): void {
    const key = `${row.session_id}\u0000${row.sequence}`;
    if (!this.checkpoints.has(key)) this.checkpoints.set(key, row);
    const below = row.sequence - CHECKPOINTS_KEPT;
    this.prunes.set(row.session_id, Math.max(below, this.prunes.get(row.session_id) ?? below));
  }

  /** Writes what the batch changed: at most one statement per table (two for checkpoints, one per replaced plan set). */
  async write(db: Kysely<Database>): Promise<void> {
    if (this.replacedPlans.size > 0) {
      await sql`${sql.raw(DEFERRABLE_WRITE)}DELETE FROM ${sql.table('tasks')} WHERE session_id = ANY(${[...this.replacedPlans]}::text[])`.execute(db);
    }
    await upsertRows(db, SESSIONS, this.sessions.takeChanged());
    await upsertRows(db, TASKS, [...this.changedTasks.values()]);
    await insertRowsOnce(db, TIMELINE, this.timeline);
    const checkpoints = [...this.checkpoints.values()].filter((row) => row.sequence > (this.prunes.get(row.session_id) ?? -Infinity));
    await insertRowsOnce(db, CHECKPOINTS, checkpoints);
    if (this.prunes.size > 0) {
      const prunes = JSON.stringify([...this.prunes].map(([session_id, below]) => ({ session_id, below })));
      await sql`${sql.raw(DEFERRABLE_WRITE)}DELETE FROM ${sql.table('checkpoints')} c USING jsonb_to_recordset(${prunes}::jsonb) AS p(session_id text, below integer)
        WHERE c.session_id = p.session_id AND c.sequence <= p.below`.execute(db);
    }
    this.changedTasks.clear();
    this.replacedPlans.clear();
    this.timeline = [];
    this.checkpoints = new Map();
    this.prunes.clear();
  }

  reset(): void {
    this.sessions.reset();
    this.tasks.clear();
    this.changedTasks.clear();
    this.replacedPlans.clear();
    this.timeline = [];
    this.checkpoints = new Map();
    this.prunes.clear();
    this.taskRows = 0;
  }
}
