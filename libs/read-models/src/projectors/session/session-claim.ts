import { sql } from 'kysely';
import { MalformedEventError } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type SessionContext, type SessionPatch } from './session-context';
import { summarize } from './timeline-summary';
import { taskCounts } from './task-writes';

/**
 * One statement: patch the session row if this event is newer than its last position (the replay
 * guard for the whole stream), and insert the event's timeline row from the claimed row.
 * True when claimed; false when the event was applied already.
 */
export async function claimSession(ctx: SessionContext, patch: SessionPatch, recount: boolean): Promise<boolean> {
  const { db, event, sessionId } = ctx;
  const inserted = await db
    .with('claimed', (qb) =>
      qb
        .updateTable('sessions')
        .set({
          ...patch,
          ...(recount ? taskCounts(sessionId) : {}),
          revision: event.revision,
          last_position: event.position,
          updated_at: ctx.at,
        })
        .where('session_id', '=', sessionId)
        .where('last_position', '<', event.position)
        .returning('tenant_id'),
    )
    .insertInto('session_timeline')
    .columns(['session_id', 'revision', 'tenant_id', 'position', 'event_type', 'at', 'actor', 'task_id', 'summary'])
    .expression((eb) => eb.selectFrom('claimed').select(timelineColumns(ctx)))
    .onConflict((conflict) => conflict.columns(['session_id', 'revision']).doNothing())
    .returning('revision')
    .executeTakeFirst();
  if (inserted) return true;
  const known = await db.selectFrom('sessions').select('last_position').where('session_id', '=', sessionId).executeTakeFirst();
  if (!known) throw new MalformedEventError(event, 'no SessionCreated before it');
  return false;
}

/** The timeline row's values, in the order of the insert's columns; the tenant comes from the claimed row. */
function timelineColumns({ event, sessionId, at }: SessionContext) {
  const taskId = event.data['taskId'];
  return [
    sql.val(sessionId).as('session_id'),
    sql.val(event.revision).as('revision'),
    sql.ref('claimed.tenant_id').as('tenant_id'),
    sql.val(event.position).as('position'),
    sql.val(event.type).as('event_type'),
    sql<string>`${at}::timestamptz`.as('at'),
    sql.val(actorOf(event).actor).as('actor'),
    sql.val(typeof taskId === 'string' ? taskId : null).as('task_id'),
    sql.val(summarize(event.type, event.data)).as('summary'),
  ];
}

/** After writes that follow the claim (plan changes, task resets), the counts catch up. */
export async function recountTasks(ctx: SessionContext): Promise<void> {
  await ctx.db.updateTable('sessions').set(taskCounts(ctx.sessionId)).where('session_id', '=', ctx.sessionId).execute();
}
