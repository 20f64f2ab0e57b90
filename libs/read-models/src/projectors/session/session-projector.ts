import { type RecordedEvent } from '@orch/application';
import { toMicros } from '@orch/kernel';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { type BatchMemo } from '../batch/batch-memo';
import { fieldsOf, MalformedEventError, streamCategory, streamId } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { type SessionContext, type SessionOutcome } from './session-context';
import { SESSION_HANDLERS } from './session-handlers';
import { SessionMemo } from './session-memo';
import { SESSION_DEFAULTS, type SessionRow, type TaskRow } from './session-rows';
import { TASK_HANDLERS } from './task-handlers';
import { summarize } from './timeline-summary';

/**
 * Sessions, their task graph, timeline and checkpoints. A batch is folded in memory (SessionMemo:
 * each session and its tasks read once, changed rows written once per table). Replay guards are
 * last positions: a task event changes its task row only if newer, then the session row (and
 * adds its timeline row) only if newer; plan changes and task resets happen only once the session
 * row is claimed.
 */
export const sessionProjector: Projector = {
  name: 'sessions',
  tables: ['sessions', 'tasks', 'session_timeline', 'checkpoints'],
  async apply(db, event) {
    return (await applySessionEvents(db, [event]))[0] ?? [];
  },
  applyBatch: applySessionEvents,
  handles: (event) => streamCategory(event.streamName) === 'session',
};

async function applySessionEvents(db: Kysely<Database>, events: readonly RecordedEvent[], memo?: BatchMemo): Promise<EntityChange[][]> {
  const state = memo ? memo.part('sessions', (complete) => new SessionMemo(complete)) : new SessionMemo(false);
  const sessionEvents = events.filter((event) => streamCategory(event.streamName) === 'session');
  await state.load(db, sessionEvents.map((event) => streamId(event.streamName)));
  const changes = events.map((event) => (streamCategory(event.streamName) === 'session' ? fold(state, event) : []));
  await state.write(db);
  return changes;
}

/** One event into the memo; its changes (none when it was applied already). */
function fold(memo: SessionMemo, event: RecordedEvent): EntityChange[] {
  if (event.type === 'SessionCreated') return createSession(memo, event);
  const f = fieldsOf(event);
  const sessionId = streamId(event.streamName);
  const ctx: SessionContext = {
    event,
    f,
    at: f.at(),
    sessionId,
    tenantId: actorOf(event).tenantId,
    session: memo.session(sessionId),
    tasks: memo.tasksOf(sessionId),
    setTask: (row: TaskRow) => memo.setTask(row),
    replacePlan: () => memo.replacePlan(sessionId),
  };
  const outcome = handle(ctx);
  if (outcome.alreadyApplied) return [];
  const session = memo.session(sessionId);
  if (!session) throw new MalformedEventError(event, 'no SessionCreated before it');
  if (session.last_position >= event.position) return [];
  outcome.afterClaim?.();
  const recounted = outcome.recount ? taskCounts(memo.tasksOf(sessionId)) : {};
  memo.setSession({ ...session, ...outcome.patch, ...recounted, revision: event.revision, last_position: event.position, updated_at: ctx.at });
  memo.addTimeline(timelineRow(event, session.tenant_id, ctx.at));
  if (outcome.checkpoint) memo.addCheckpoint(outcome.checkpoint);
  return changesOf(sessionId, outcome);
}

function handle(ctx: SessionContext): SessionOutcome {
  const task = TASK_HANDLERS[ctx.event.type];
  if (task) return task(ctx);
  const handler = SESSION_HANDLERS[ctx.event.type];
  if (!ctx.session) throw new MalformedEventError(ctx.event, 'no SessionCreated before it');
  return handler?.(ctx, ctx.session) ?? {};
}

function createSession(memo: SessionMemo, event: RecordedEvent): EntityChange[] {
  const { tenantId } = actorOf(event);
  const row = newSessionRow(event, tenantId);
  if (memo.session(row.session_id)) return [];
  memo.setSession(row);
  memo.addTimeline(timelineRow(event, tenantId, row.created_at));
  return [{ entity: 'session', id: row.session_id }];
}

/** SessionCreated carries the normalised §2.1 fields; defaults only cover optional ones. */
function newSessionRow(event: RecordedEvent, tenantId: string): SessionRow {
  const f = fieldsOf(event);
  const at = f.at();
  const budget = f.optNumber('budgetUsd');
  return {
    ...SESSION_DEFAULTS,
    task_counts: {},
    session_id: streamId(event.streamName),
    tenant_id: tenantId,
    title: f.string('title'),
    description: f.optString('description'),
    prompt: f.string('prompt'),
    session_type: f.optString('sessionType') ?? 'execution',
    priority: f.optNumber('priority') ?? 2,
    tags: f.data['tags'] === undefined ? [] : [...f.strings('tags')],
    parent_id: f.optString('parentId'),
    repository: f.optObject('repository'),
    max_duration_seconds: f.optNumber('maxDurationSeconds') ?? 3600,
    cpu_limit: f.optNumber('cpuLimit'),
    memory_limit_mb: f.optNumber('memoryLimitMb'),
    model_identifier: f.optString('modelIdentifier'),
    agent_preference: f.optObject('agentPreference'),
    planning: f.optObject('planning'),
    status: 'pending',
    status_changed_at: at,
    status_cause: null,
    budget_micros: budget === null ? null : toMicros(budget),
    created_at: at,
    updated_at: at,
    revision: event.revision,
    last_position: event.position,
  };
}

function timelineRow(event: RecordedEvent, tenantId: string, at: string) {
  const taskId = event.data['taskId'];
  return {
    session_id: streamId(event.streamName),
    revision: event.revision,
    tenant_id: tenantId,
    position: event.position,
    event_type: event.type,
    at,
    actor: actorOf(event).actor,
    task_id: typeof taskId === 'string' ? taskId : null,
    summary: summarize(event.type, event.data),
  };
}

/** The session's task counts by status and total, from its task rows. */
function taskCounts(tasks: ReadonlyMap<string, TaskRow>): Pick<SessionRow, 'task_counts' | 'tasks_total'> {
  const counts: Record<string, number> = {};
  for (const task of tasks.values()) counts[task.status] = (counts[task.status] ?? 0) + 1;
  return { task_counts: counts, tasks_total: tasks.size };
}

function changesOf(sessionId: string, outcome: SessionOutcome): EntityChange[] {
  const tasks = (outcome.tasks ?? []).map((taskId) => ({ entity: 'task', id: `${sessionId}/${taskId}` }));
  const checkpoint = outcome.checkpoint ? [{ entity: 'checkpoint', id: sessionId }] : [];
  return [{ entity: 'session', id: sessionId }, ...tasks, ...checkpoint];
}
