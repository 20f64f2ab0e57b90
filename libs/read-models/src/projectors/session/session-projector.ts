import { type RecordedEvent } from '@orch/application';
import { toMicros } from '@orch/kernel';
import { type Insertable, type Kysely } from 'kysely';
import { jsonOrNull } from '../../database/column-types';
import { type Database } from '../../database/database';
import { type SessionsTable } from '../../database/session-tables';
import { fieldsOf, streamCategory, streamId } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { claimSession, recountTasks } from './session-claim';
import { type SessionContext, type SessionOutcome } from './session-context';
import { SESSION_HANDLERS } from './session-handlers';
import { TASK_HANDLERS } from './task-handlers';
import { summarize } from './timeline-summary';

const HANDLERS = { ...SESSION_HANDLERS, ...TASK_HANDLERS };

/**
 * Sessions, their task graph, timeline and checkpoints. Replay guards are last positions: a task
 * event first updates its task row only if newer, then the session row (and its timeline row) only
 * if newer; plan changes and task resets happen only once the session row is claimed.
 */
export const sessionProjector: Projector = {
  name: 'sessions',
  tables: ['sessions', 'tasks', 'session_timeline', 'checkpoints'],
  async apply(db, event) {
    if (streamCategory(event.streamName) !== 'session') return [];
    if (event.type === 'SessionCreated') return createSession(db, event);
    const f = fieldsOf(event);
    const ctx: SessionContext = { db, event, f, at: f.at(), sessionId: streamId(event.streamName), tenantId: actorOf(event).tenantId };
    const outcome: SessionOutcome = (await HANDLERS[event.type]?.(ctx)) ?? {};
    if (outcome.alreadyApplied) return [];
    const recountNow = outcome.recount === true && !outcome.afterClaim;
    if (!(await claimSession(ctx, outcome.patch ?? {}, recountNow))) return [];
    if (outcome.afterClaim) {
      await outcome.afterClaim();
      if (outcome.recount) await recountTasks(ctx);
    }
    return changesOf(ctx.sessionId, outcome);
  },
};

async function createSession(db: Kysely<Database>, event: RecordedEvent): Promise<EntityChange[]> {
  const { tenantId } = actorOf(event);
  const row = newSessionRow(event, tenantId);
  const inserted = await db
    .insertInto('sessions')
    .values(row)
    .onConflict((conflict) => conflict.column('session_id').doNothing())
    .returning('session_id')
    .executeTakeFirst();
  if (!inserted) return [];
  await insertTimeline(db, event, tenantId, row.created_at);
  return [{ entity: 'session', id: row.session_id }];
}

/** SessionCreated carries the normalised §2.1 fields; defaults only cover optional ones. */
function newSessionRow(event: RecordedEvent, tenantId: string): Insertable<SessionsTable> {
  const f = fieldsOf(event);
  const at = f.at();
  const budget = f.optNumber('budgetUsd');
  return {
    session_id: streamId(event.streamName),
    tenant_id: tenantId,
    title: f.string('title'),
    description: f.optString('description'),
    prompt: f.string('prompt'),
    session_type: f.optString('sessionType') ?? 'execution',
    priority: f.optNumber('priority') ?? 2,
    tags: f.data['tags'] === undefined ? [] : [...f.strings('tags')],
    parent_id: f.optString('parentId'),
    repository: jsonOrNull(f.optObject('repository')),
    max_duration_seconds: f.optNumber('maxDurationSeconds') ?? 3600,
    cpu_limit: f.optNumber('cpuLimit'),
    memory_limit_mb: f.optNumber('memoryLimitMb'),
    model_identifier: f.optString('modelIdentifier'),
    agent_preference: jsonOrNull(f.optObject('agentPreference')),
    planning: jsonOrNull(f.optObject('planning')),
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

async function insertTimeline(db: Kysely<Database>, event: RecordedEvent, tenantId: string, at: string): Promise<void> {
  const taskId = event.data['taskId'];
  await db
    .insertInto('session_timeline')
    .values({
      session_id: streamId(event.streamName),
      revision: event.revision,
      tenant_id: tenantId,
      position: event.position,
      event_type: event.type,
      at,
      actor: actorOf(event).actor,
      task_id: typeof taskId === 'string' ? taskId : null,
      summary: summarize(event.type, event.data),
    })
    .onConflict((conflict) => conflict.columns(['session_id', 'revision']).doNothing())
    .execute();
}

function changesOf(sessionId: string, outcome: SessionOutcome): EntityChange[] {
  const tasks = (outcome.tasks ?? []).map((taskId) => ({ entity: 'task', id: `${sessionId}/${taskId}` }));
  const checkpoint = outcome.checkpoint ? [{ entity: 'checkpoint', id: sessionId }] : [];
  return [{ entity: 'session', id: sessionId }, ...tasks, ...checkpoint];
}
