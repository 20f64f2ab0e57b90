import { type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { jsonOrNull } from '../../database/column-types';
import { type Database } from '../../database/database';
import { streamCategory } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type Projector } from '../projector';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The auditors' index of the log and the operator audit trail. Rows are keyed by global
 * position, so a replay inserts nothing twice. Event data stays in the store: the index points
 * at it, the audit keeps only who, what, why and from where.
 */
export const eventLogProjector: Projector = {
  name: 'event-log',
  tables: ['event_log', 'operator_audit'],
  async apply(db, event) {
    const { tenantId, actor } = actorOf(event);
    const meta = event.metadata;
    await db
      .insertInto('event_log')
      .values({
        position: event.position,
        tenant_id: tenantId,
        stream_name: event.streamName,
        category: streamCategory(event.streamName),
        stream_revision: event.revision,
        event_id: event.id,
        event_type: event.type,
        actor,
        actor_kind: actor.slice(0, Math.max(0, actor.indexOf(':'))) || actor,
        correlation_id: text(meta.correlationId),
        causation_id: text(meta.causationId),
        command_id: text(meta.commandId),
        recorded_at: event.recordedAt,
      })
      .onConflict((conflict) => conflict.column('position').doNothing())
      .execute();
    if (actor.startsWith('user:')) await insertAudit(db, event, tenantId, actor);
    return [{ entity: 'event', id: event.streamName }];
  },
};

async function insertAudit(db: Kysely<Database>, event: RecordedEvent, tenantId: string, actor: string): Promise<void> {
  const meta = event.metadata;
  const at = text(event.data['at']) ?? event.recordedAt;
  await db
    .insertInto('operator_audit')
    .values({
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
      at,
      recorded_at: event.recordedAt,
      details: jsonOrNull(auditDetails(event)),
    })
    .onConflict((conflict) => conflict.column('position').doNothing())
    .execute();
}

/** The few data fields that say what an operator targeted, never free text or secrets. */
function auditDetails(event: RecordedEvent): Record<string, unknown> | null {
  const keys = ['taskId', 'agentId', 'budgetUsd', 'injectionId', 'pinnedAgentId', 'expectedVersion', 'version'];
  const picked = Object.fromEntries(keys.filter((key) => event.data[key] !== undefined).map((key) => [key, event.data[key]]));
  return Object.keys(picked).length > 0 ? picked : null;
}
