import { type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { json } from '../../database/column-types';
import { type Database } from '../../database/database';
import { fieldsOf, MalformedEventError, streamCategory, streamId } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { AGENT_HANDLERS } from './agent-handlers';
import { publicRuntimeConfig, runtimeKind } from './runtime-config';

/** Agents: registration, status, held slots, load, tier and performance (DOMAIN.md §4.3–4.4). */
export const agentProjector: Projector = {
  name: 'agents',
  tables: ['agents'],
  async apply(db, event) {
    if (streamCategory(event.streamName) !== 'agent') return [];
    const agentId = streamId(event.streamName);
    if (event.type === 'AgentRegistered') return register(db, event, agentId);
    const row = await db.selectFrom('agents').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
    if (!row) throw new MalformedEventError(event, 'no AgentRegistered before it');
    if (row.last_position >= event.position) return [];
    const f = fieldsOf(event);
    const at = f.at();
    const patch = AGENT_HANDLERS[event.type]?.(row, f, at) ?? {};
    await db
      .updateTable('agents')
      .set({ ...patch, updated_at: at, revision: event.revision, last_position: event.position })
      .where('agent_id', '=', agentId)
      .execute();
    return [{ entity: 'agent', id: agentId }];
  },
};

async function register(db: Kysely<Database>, event: RecordedEvent, agentId: string): Promise<EntityChange[]> {
  const f = fieldsOf(event);
  const at = f.at();
  const runtime = f.object('runtime');
  const kind = runtimeKind(runtime);
  if (kind === null) throw new MalformedEventError(event, 'runtime.kind missing');
  const inserted = await db
    .insertInto('agents')
    .values({
      agent_id: agentId,
      tenant_id: actorOf(event).tenantId,
      name: f.string('name'),
      agent_type: f.string('agentType'),
      primary_capabilities: [...f.strings('primaryCapabilities')],
      secondary_capabilities: [...f.strings('secondaryCapabilities')],
      runtime_kind: kind,
      runtime_config: json(publicRuntimeConfig(runtime)),
      capacity: f.number('capacity'),
      model: f.optString('model'),
      description: f.optString('description'),
      status: 'active',
      status_changed_at: at,
      registered_at: at,
      updated_at: at,
      revision: event.revision,
      last_position: event.position,
    })
    .onConflict((conflict) => conflict.column('agent_id').doNothing())
    .returning('agent_id')
    .executeTakeFirst();
  return inserted ? [{ entity: 'agent', id: agentId }] : [];
}
