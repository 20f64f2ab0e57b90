import { type RecordedEvent } from '@orch/application';
import { toMicros } from '@orch/kernel';
import { type Insertable, type Kysely } from 'kysely';
import { jsonOrNull } from '../../database/column-types';
import { type Database } from '../../database/database';
import { type SessionsTable } from '../../database/session-tables';
import { fieldsOf, MalformedEventError, streamCategory, streamId } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { type SessionContext, type SessionOutcome } from './session-context';
import { SESSION_HANDLERS } from './session-handlers';
import { TASK_HANDLERS } from './task-handlers';
import { taskCounts } from './task-writes';
import { summarize } from './timeline-summary';

const HANDLERS = { ...SESSION_HANDLERS, ...TASK_HANDLERS };

/**
 * Sessions, their task graph, timeline and checkpoints. The session row's last_position is the
 * replay guard for every write of the stream: an event at or below it was applied already.
 */
export const sessionProjector: Projector = {
  name: 'sessions',
  tables: ['sessions', 'tasks', 'session_timeline', 'checkpoints'],
  async apply(db, event) {
    if (streamCategory(event.streamName) !== 'session') return [];
    if (event.type === 'SessionCreated') return createSession(db, event);
    const sessionId = streamId(event.streamName);
    const row = await db.selectFrom('sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
    if (!row) throw new MalformedEventError(event, 'no SessionCreated before it');
    if (row.last_position >= event.position) return [];
    const f = fieldsOf(event);
    const ctx: SessionContext = { db, event, f, at: f.at(), sessionId, tenantId: row.tenant_id, row };
    const outcome: SessionOutcome = (await HANDLERS[event.type]?.(ctx)) ?? {};
    await db
      .updateTable('sessions')
      .set({
        ...outcome.patch,
        ...(outcome.recount ? taskCounts(sessionId) : {}),
        revision: event.revision,
        last_position: event.position,
        updated_at: ctx.at,
      })
      .where('session_id', '=', sessionId)
      .execute();
    await insertTimeline(db, event, row.tenant_id, ctx.at);
    return changesOf(sessionId, outcome);
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
