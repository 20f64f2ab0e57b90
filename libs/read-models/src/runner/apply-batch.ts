import { type ProjectionChange, type RecordedEvent } from '@orch/application';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { type BatchMemo } from '../projectors/batch/batch-memo';
import { actorOf } from '../projectors/event-metadata';
import { type Projector } from '../projectors/projector';
import { errorText } from './logger';

export interface ParkedEvent {
  readonly position: number;
  readonly streamName: string;
  readonly type: string;
  readonly error: string;
}

export interface AppliedEvents {
  readonly changes: ProjectionChange[];
  readonly parked: ParkedEvent[];
}

/**
 * Applies events in order inside the caller's transaction. With `isolate`, each event runs in its
 * own SAVEPOINT: one that throws is rolled back alone and parked, and the rest still commit.
 * Without, the first throw aborts the transaction (the caller then retries isolated).
 */
export async function applyEvents(
  trx: Kysely<Database>,
  projector: Projector,
  events: readonly RecordedEvent[],
  isolate: boolean,
  memo?: BatchMemo,
  /** False for rebuild batches: nothing is published from them, so no change is resolved. */
  collectChanges = true,
): Promise<AppliedEvents> {
  const applied: AppliedEvents = { changes: [], parked: [] };
  const changesOf = collectChanges ? resolvedChanges : checkedOnly;
  if (!isolate && projector.applyBatch) {
    const changes = await projector.applyBatch(trx, events, memo);
    events.forEach((event, index) => applied.changes.push(...changesOf(event, changes[index] ?? [])));
    return applied;
  }
  for (const event of events) {
    if (!isolate) {
      applied.changes.push(...changesOf(event, await projector.apply(trx, event)));
      continue;
    }
    await sql`SAVEPOINT projector_event`.execute(trx);
    try {
      // Changes are resolved inside the savepoint too: an event without a tenant is parked, not fatal.
      const changes = changesOf(event, await projector.apply(trx, event));
      await sql`RELEASE SAVEPOINT projector_event`.execute(trx);
      applied.changes.push(...changes);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT projector_event`.execute(trx);
      applied.parked.push(await park(trx, projector.name, event, error));
    }
  }
  return applied;
}

/** An event that changed something must name its tenant, published or not (else it is parked, live and in a rebuild alike). */
function checkedOnly(event: RecordedEvent, changes: readonly { entity: string; id: string }[]): ProjectionChange[] {
  if (changes.length > 0) actorOf(event);
  return [];
}

function resolvedChanges(event: RecordedEvent, changes: readonly { entity: string; id: string }[]): ProjectionChange[] {
  if (changes.length === 0) return [];
  const tenantId = actorOf(event).tenantId;
  return changes.map((change) => ({ ...change, tenantId, position: event.position }));
}

async function park(trx: Kysely<Database>, projector: string, event: RecordedEvent, error: unknown): Promise<ParkedEvent> {
  const parked = { position: event.position, streamName: event.streamName, type: event.type, error: errorText(error) };
  const tenantId = event.metadata.tenantId;
  await trx
    .insertInto('parked_events')
    .values({
      projector,
      position: event.position,
      tenant_id: typeof tenantId === 'string' ? tenantId : null,
      stream_name: event.streamName,
      event_id: event.id,
      event_type: event.type,
      error: parked.error.slice(0, 4000),
      parked_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['projector', 'position']).doUpdateSet({ error: parked.error.slice(0, 4000) }))
    .execute();
  return parked;
}
