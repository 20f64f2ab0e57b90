import { type AuditEntry, type AuditParams, type PositionPage } from '@orch/contracts';
import { type Kysely, type Selectable } from 'kysely';
import { type Database } from '../../database/database';
import { type OperatorAuditTable } from '../../database/log-tables';
import { nextPosition, pageLimit, positionRange, splitPage } from '../paging';

/** `GET /audit`: the operator actions (events by `user:*` actors) of the tenant, in log order. */
export async function queryAuditTrail(db: Kysely<Database>, tenantId: string, params: AuditParams): Promise<PositionPage<AuditEntry>> {
  const limit = pageLimit(params.limit, 'log');
  let query = db.selectFrom('operator_audit').selectAll().where('tenant_id', '=', tenantId);
  // A user's actor is `user:<apiKeyId>`, so a key filter is an actor filter on the same index.
  const actor = params.actor ?? (params.apiKeyId === undefined ? undefined : `user:${params.apiKeyId}`);
  if (actor !== undefined) query = query.where('actor', '=', actor);
  if (params.actor !== undefined && params.apiKeyId !== undefined) query = query.where('api_key_id', '=', params.apiKeyId);
  if (params.commandType !== undefined) query = query.where('command_type', '=', params.commandType);
  if (params.stream !== undefined) query = query.where('stream_name', '=', params.stream);
  if (params.since !== undefined) query = query.where('at', '>=', params.since);
  if (params.until !== undefined) query = query.where('at', '<', params.until);
  const rows = await positionRange(query, 'position', params, limit).execute();
  const { items, more } = splitPage(rows, limit);
  return { items: items.map(toAuditEntry), next: nextPosition(items, more, (row) => row.position) };
}

function toAuditEntry(row: Selectable<OperatorAuditTable>): AuditEntry {
  return {
    position: row.position,
    actor: row.actor,
    apiKeyId: row.api_key_id,
    commandType: row.command_type,
    commandId: row.command_id,
    eventType: row.event_type,
    reason: row.reason,
    client: { ip: row.client_ip, userAgent: row.client_user_agent },
    streamName: row.stream_name,
    correlationId: row.correlation_id,
    at: row.at,
    recordedAt: row.recorded_at,
    details: row.details as AuditEntry['details'],
  };
}
