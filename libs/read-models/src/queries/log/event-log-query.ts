import { type EventStore } from '@orch/application';
import { type EventLogEntry, type EventLogParams, type PositionPage } from '@orch/contracts';
import { type Kysely, type Selectable } from 'kysely';
import { type Database } from '../../database/database';
import { type EventLogTable } from '../../database/log-tables';
import { nextPosition, pageLimit, positionRange, splitPage } from '../paging';
import { hydrateEvents, refKey } from './hydrate-events';
import { redactCredentials } from './redact';

/**
 * `GET /events` (auditors): the tenant's events matching every given filter, in log order, from
 * the event-log index (each filter has an index led by tenant and ending in position); the data
 * and metadata of the page are then read from the store, credential hashes redacted.
 */
export async function queryEventLog(
  deps: { readonly db: Kysely<Database>; readonly store: EventStore },
  tenantId: string,
  params: EventLogParams,
): Promise<PositionPage<EventLogEntry>> {
  const limit = pageLimit(params.limit, 'log');
  let query = deps.db.selectFrom('event_log').selectAll().where('tenant_id', '=', tenantId);
  if (params.stream !== undefined) query = query.where('stream_name', '=', params.stream);
  if (params.category !== undefined) query = query.where('category', '=', params.category);
  if (params.type?.length) query = query.where('event_type', 'in', [...params.type]);
  if (params.actor !== undefined) query = query.where('actor', '=', params.actor);
  if (params.actorKind !== undefined) query = query.where('actor_kind', '=', params.actorKind);
  if (params.correlationId !== undefined) query = query.where('correlation_id', '=', params.correlationId);
  if (params.since !== undefined) query = query.where('recorded_at', '>=', params.since);
  if (params.until !== undefined) query = query.where('recorded_at', '<', params.until);
  const rows = await positionRange(query, 'position', params, limit).execute();
  const { items, more } = splitPage(rows, limit);
  const events = await hydrateEvents(deps.store, items.map((row) => ({ streamName: row.stream_name, revision: row.stream_revision })));
  return {
    items: items.map((row) => toEntry(row, events.get(refKey({ streamName: row.stream_name, revision: row.stream_revision })))),
    next: nextPosition(items, more, (row) => row.position),
  };
}

function toEntry(row: Selectable<EventLogTable>, event: { data: object; metadata: object; id: string } | undefined): EventLogEntry {
  // The store answers by revision; the id check guards against a stream deleted and written again.
  const same = event !== undefined && event.id === row.event_id;
  return {
    position: row.position,
    streamName: row.stream_name,
    category: row.category,
    revision: row.stream_revision,
    id: row.event_id,
    type: row.event_type,
    actor: row.actor,
    actorKind: row.actor_kind,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    commandId: row.command_id,
    recordedAt: row.recorded_at,
    data: same ? (redactCredentials(event.data) as EventLogEntry['data']) : null,
    metadata: same ? (event.metadata as EventLogEntry['metadata']) : null,
  };
}
