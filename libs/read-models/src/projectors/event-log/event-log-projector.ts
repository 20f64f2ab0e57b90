import { type RecordedEvent } from '@orch/application';
import { type Kysely, type Selectable } from 'kysely';
import { type Database } from '../../database/database';
import { type EventLogTable, type OperatorAuditTable } from '../../database/log-tables';
import { insertRowsOnce, type TableShape } from '../batch/bulk-writes';
import { streamCategory } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const EVENT_LOG: TableShape<Selectable<EventLogTable>> = {
  table: 'event_log',
  key: ['position'],
  columns: [
    'position', 'tenant_id', 'stream_name', 'category', 'stream_revision', 'event_id', 'event_type', 'actor',
    'actor_kind', 'correlation_id', 'causation_id', 'command_id', 'recorded_at',
  ],
};

const OPERATOR_AUDIT: TableShape<Selectable<OperatorAuditTable>> = {
  table: 'operator_audit',
  key: ['position'],
  columns: [
    'position', 'tenant_id', 'actor', 'api_key_id', 'command_type', 'command_id', 'event_type', 'reason', 'client_ip',
    'client_user_agent', 'stream_name', 'correlation_id', 'at', 'recorded_at', 'details',
  ],
};

/**
 * The auditors' index of the log and the operator audit trail. Rows are keyed by global
 * position, so a replay inserts nothing twice. Event data stays in the store: the index points
 * at it, the audit keeps only who, what, why and from where. A whole batch is two statements
 * (each its rows as one jsonb parameter).
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
  await insertRowsOnce(db, EVENT_LOG, events.map(logRow));
  await insertRowsOnce(db, OPERATOR_AUDIT, audited.map(auditRow));
  return events.map((event) => [{ entity: 'event', id: event.streamName }]);
}

function logRow(event: RecordedEvent): Selectable<EventLogTable> {
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

function auditRow(event: RecordedEvent): Selectable<OperatorAuditTable> {
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
    details: auditDetails(event),
  };
}

/** The few data fields that say what an operator targeted, never free text or secrets. */
function auditDetails(event: RecordedEvent): Record<string, unknown> | null {
  const keys = ['taskId', 'agentId', 'budgetUsd', 'injectionId', 'pinnedAgentId', 'expectedVersion', 'version'];
  const picked = Object.fromEntries(keys.filter((key) => event.data[key] !== undefined).map((key) => [key, event.data[key]]));
  return Object.keys(picked).length > 0 ? picked : null;
}
