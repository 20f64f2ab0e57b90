import { type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { type BatchMemo } from '../batch/batch-memo';
import { selectRows, type TableShape, upsertRows } from '../batch/bulk-writes';
import { RowCache } from '../batch/row-cache';
import { fieldsOf, MalformedEventError, streamCategory, streamId } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { AGENT_HANDLERS, type AgentRow } from './agent-handlers';
import { publicRuntimeConfig, runtimeKind } from './runtime-config';

const AGENTS: TableShape<AgentRow> = {
  table: 'agents',
  key: ['agent_id'],
  columns: [
    'agent_id', 'tenant_id', 'name', 'agent_type', 'primary_capabilities', 'secondary_capabilities', 'runtime_kind',
    'runtime_config', 'capacity', 'model', 'description', 'status', 'status_changed_at', 'tier', 'success_rate',
    'held_slots', 'capability_stats', 'tasks_succeeded', 'tasks_failed', 'tasks_lost', 'tasks_released',
    'counted_duration_ms', 'tokens_in', 'tokens_out', 'cost_micros', 'registered_at', 'last_outcome_at',
    'offline_cause', 'last_seen_at', 'went_offline_at', 'came_online_at', 'token_rotated_at', 'deregistered_at',
    'updated_at', 'revision', 'last_position',
  ],
};

type StoredAgent = AgentRow & { capabilities?: unknown; held?: unknown; load_level?: unknown };

/**
 * Agents: registration, status, held slots, load, tier and performance (DOMAIN.md §4.3–4.4).
 * A batch folds its events into the agents' rows in memory and writes each changed row once.
 */
export const agentProjector: Projector = {
  name: 'agents',
  tables: ['agents'],
  async apply(db, event) {
    return (await applyAgentEvents(db, [event]))[0] ?? [];
  },
  applyBatch: applyAgentEvents,
  handles: (event) => streamCategory(event.streamName) === 'agent',
};

async function applyAgentEvents(db: Kysely<Database>, events: readonly RecordedEvent[], memo?: BatchMemo): Promise<EntityChange[][]> {
  const rows = memo ? memo.part('agents', (complete) => new RowCache<AgentRow>(complete)) : new RowCache<AgentRow>();
  const ids = events.filter((event) => streamCategory(event.streamName) === 'agent').map((event) => streamId(event.streamName));
  const missing = rows.missing(ids);
  if (missing.length > 0) {
    const stored = await selectRows<StoredAgent>(db, 'agents', 'agent_id', missing);
    rows.remember(missing, new Map(stored.map(({ capabilities: _c, held: _h, load_level: _l, ...row }) => [row.agent_id, row])));
  }
  const changes = events.map((event) => (streamCategory(event.streamName) === 'agent' ? fold(rows, event) : []));
  await upsertRows(db, AGENTS, rows.takeChanged());
  return changes;
}

function fold(rows: RowCache<AgentRow>, event: RecordedEvent): EntityChange[] {
  const agentId = streamId(event.streamName);
  const row = rows.get(agentId);
  if (event.type === 'AgentRegistered') {
    const registered = newAgentRow(event, agentId);
    if (row) return [];
    rows.set(agentId, registered);
    return [{ entity: 'agent', id: agentId }];
  }
  if (!row) throw new MalformedEventError(event, 'no AgentRegistered before it');
  if (row.last_position >= event.position) return [];
  const f = fieldsOf(event);
  const at = f.at();
  const patch = AGENT_HANDLERS[event.type]?.(row, f, at) ?? {};
  rows.set(agentId, { ...row, ...patch, updated_at: at, revision: event.revision, last_position: event.position });
  return [{ entity: 'agent', id: agentId }];
}

function newAgentRow(event: RecordedEvent, agentId: string): AgentRow {
  const f = fieldsOf(event);
  const at = f.at();
  const runtime = f.object('runtime');
  const kind = runtimeKind(runtime);
  if (kind === null) throw new MalformedEventError(event, 'runtime.kind missing');
  return {
    agent_id: agentId,
    tenant_id: actorOf(event).tenantId,
    name: f.string('name'),
    agent_type: f.string('agentType'),
    primary_capabilities: [...f.strings('primaryCapabilities')],
    secondary_capabilities: [...f.strings('secondaryCapabilities')],
    runtime_kind: kind,
    runtime_config: publicRuntimeConfig(runtime),
    capacity: f.number('capacity'),
    model: f.optString('model'),
    description: f.optString('description'),
    status: 'active',
    status_changed_at: at,
    tier: 'competent',
    success_rate: null,
    held_slots: [],
    capability_stats: {},
    tasks_succeeded: 0,
    tasks_failed: 0,
    tasks_lost: 0,
    tasks_released: 0,
    counted_duration_ms: 0,
    tokens_in: 0,
    tokens_out: 0,
    cost_micros: 0,
    registered_at: at,
    last_outcome_at: null,
    offline_cause: null,
    last_seen_at: null,
    went_offline_at: null,
    came_online_at: null,
    token_rotated_at: null,
    deregistered_at: null,
    updated_at: at,
    revision: event.revision,
    last_position: event.position,
  };
}
