import { type RecordedEvent } from '@orch/application';
import { type Insertable, type Kysely } from 'kysely';
import { jsonOrNull } from '../../database/column-types';
import { type Database } from '../../database/database';
import { type EventLogTable, type OperatorAuditTable } from '../../database/log-tables';
import { streamCategory } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The auditors' index of the log and the operator audit trail. Rows are keyed by global
 * position, so a replay inserts nothing twice. Event data stays in the store: the index points
 * at it, the audit keeps only who, what, why and from where. A whole batch is two statements.
 */
export const eventLogProjector: Projector = {
  name: 'event-log',
  tables: ['event_log', 'operator_audit'],
  async apply(db, event) {
    return (await insertRows(db, [event]))[0] ?? [];
  },
  applyBatch: insertRows,
};

async function insertRows(db: Kysely<Database>, events: readonly RecordedEvent[]): Promise<EntityChange[][]> {
  if (events.length === 0) return [];
  const audited = events.filter((event) => actorOf(event).actor.startsWith('user:'));
  await db
    .insertInto('event_log')
    .values(events.map(logRow))
    .onConflict((conflict) => conflict.column('position').doNothing())
    .execute();
  if (audited.length > 0) {
    await db
      .insertInto('operator_audit')
      .values(audited.map(auditRow))
      .onConflict((conflict) => conflict.column('position').doNothing())
      .execute();
  }
  return events.map((event) => [{ entity: 'event', id: event.streamName }]);
}

function logRow(event: RecordedEvent): Insertable<EventLogTable> {
  const { tenantId, actor } = actorOf(event);
  const meta = event.metadata;
  return {
    position: event.position,
    tenant_id: tenantId,
    stream_name: event.streamName,
    category: streamCategory(event.streamName),
    stream_revision: event.revision,
    event_id: event.id,
    event_type: event.type,
    actor,
    actor_kind: actor.includes(':') ? actor.slice(0, actor.indexOf(':')) : actor,
    correlation_id: text(meta.correlationId),
    causation_id: text(meta.causationId),
    command_id: text(meta.commandId),
    recorded_at: event.recordedAt,
  };
}

function auditRow(event: RecordedEvent): Insertable<OperatorAuditTable> {
  const { tenantId, actor } = actorOf(event);
  const meta = event.metadata;
  return {
    position: event.position,
    tenant_id: tenantId,
    actor,
    api_key_id: actor.slice('user:'.length),
    command_type: text(meta['commandType']),
    command_id: text(meta.commandId),
    event_type: event.type,
    reason: text(meta.reason),
    client_ip: text(meta.client?.ip),
    client_user_agent: text(meta.client?.userAgent),
    stream_name: event.streamName,
    correlation_id: text(meta.correlationId),
    at: text(event.data['at']) ?? event.recordedAt,
    recorded_at: event.recordedAt,
    details: jsonOrNull(auditDetails(event)),
  };
}

/** The few data fields that say what an operator targeted, never free text or secrets. */
function auditDetails(event: RecordedEvent): Record<string, unknown> | null {
  const keys = ['taskId', 'agentId', 'budgetUsd', 'injectionId', 'pinnedAgentId', 'expectedVersion', 'version'];
  const picked = Object.fromEntries(keys.filter((key) => event.data[key] !== undefined).map((key) => [key, event.data[key]]));
  return Object.keys(picked).length > 0 ? picked : null;
}
