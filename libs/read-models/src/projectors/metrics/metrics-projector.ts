import { type RecordedEvent } from '@orch/application';
import { toMicros } from '@orch/kernel';
import { sql, type Kysely, type Selectable } from 'kysely';
import { type Database } from '../../database/database';
import { type MetricRollupsTable } from '../../database/metric-tables';
import { type BatchMemo } from '../batch/batch-memo';
import { type TableShape, upsertRows } from '../batch/bulk-writes';
import { RowCache } from '../batch/row-cache';
import { fieldsOf, streamCategory, streamId, type EventFields } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';

type Deltas = Partial<Record<(typeof COUNTERS)[number], number>>;
interface Contribution {
  readonly scope: 'session' | 'agent' | 'tenant';
  readonly scopeId: string;
  readonly deltas: Deltas;
}

const COUNTERS = [
  'tokens_in',
  'tokens_out',
  'cost_micros',
  'api_calls',
  'api_errors',
  'tasks_succeeded',
  'tasks_failed',
  'task_run_ms',
  'sessions_created',
  'sessions_ended',
] as const;

const ENDED = new Set([
  'SessionCompleted',
  'SessionPartiallyCompleted',
  'SessionFailed',
  'SessionTimedOut',
  'SessionStopped',
  'SessionCancelled',
  'SessionOrphaned',
]);

type RollupRow = Selectable<MetricRollupsTable>;

const ROLLUPS: TableShape<RollupRow> = {
  table: 'metric_rollups',
  key: ['tenant_id', 'scope', 'scope_id'],
  columns: ['tenant_id', 'scope', 'scope_id', ...COUNTERS, 'updated_at', 'last_position'],
};

const rollupKey = (tenantId: string, scope: string, scopeId: string): string => `${tenantId}\u0000${scope}\u0000${scopeId}`;

/**
 * Roll-ups per session, agent and tenant. Each counter has one source so nothing is counted
 * twice: session and tenant usage from TaskUsageRecorded, agent usage and all run times and
 * outcomes from AgentTaskReleased (it names the session), session counts from session events.
 * A batch adds its events to the rows in memory, each guarded by the row's last position (a
 * replayed event adds nothing), and writes each changed row once.
 */
export const metricsProjector: Projector = {
  name: 'metrics',
  tables: ['metric_rollups'],
  async apply(db, event) {
    return (await applyMetricEvents(db, [event]))[0] ?? [];
  },
  applyBatch: applyMetricEvents,
  handles: contributes,
};

/** The events any roll-up counts (a cheap guard in front of contributionsOf, which reads fields). */
function contributes(event: RecordedEvent): boolean {
  const category = streamCategory(event.streamName);
  if (category === 'session') return event.type === 'TaskUsageRecorded' || event.type === 'SessionCreated' || ENDED.has(event.type);
  return category === 'agent' && event.type === 'AgentTaskReleased';
}

async function applyMetricEvents(db: Kysely<Database>, events: readonly RecordedEvent[], memo?: BatchMemo): Promise<EntityChange[][]> {
  const rows = memo ? memo.part('metrics', (complete) => new RowCache<RollupRow>(complete)) : new RowCache<RollupRow>();
  const planned = events.map((event) => {
    const contributions = contributionsOf(event);
    if (contributions.length === 0) return { event, contributions, tenantId: '', at: '' };
    return { event, contributions, tenantId: actorOf(event).tenantId, at: fieldsOf(event).at() };
  });
  await load(db, rows, planned.flatMap(({ contributions, tenantId }) => contributions.map((c) => [tenantId, c.scope, c.scopeId] as const)));
  const changes = planned.map(({ event, contributions, tenantId, at }) => {
    for (const contribution of contributions) addTo(rows, event, tenantId, at, contribution);
    return contributions.map(({ scope, scopeId }): EntityChange => ({ entity: 'metric', id: `${scope}/${scopeId}` }));
  });
  await upsertRows(db, ROLLUPS, rows.takeChanged());
  return changes;
}

async function load(db: Kysely<Database>, rows: RowCache<RollupRow>, keys: readonly (readonly [string, string, string])[]): Promise<void> {
  const byKey = new Map(keys.map((key) => [rollupKey(...key), key]));
  const missing = rows.missing(byKey.keys());
  if (missing.length === 0) return;
  const wanted = missing.map((key) => byKey.get(key) as readonly [string, string, string]);
  const { rows: stored } = await sql<RollupRow>`SELECT m.* FROM ${sql.table('metric_rollups')} m
    JOIN unnest(${wanted.map((k) => k[0])}::text[], ${wanted.map((k) => k[1])}::text[], ${wanted.map((k) => k[2])}::text[]) AS k(tenant_id, scope, scope_id)
      ON m.tenant_id = k.tenant_id AND m.scope = k.scope AND m.scope_id = k.scope_id`.execute(db);
  rows.remember(missing, new Map(stored.map((row) => [rollupKey(row.tenant_id, row.scope, row.scope_id), row])));
}

function contributionsOf(event: RecordedEvent): Contribution[] {
  if (!contributes(event)) return [];
  const f = fieldsOf(event);
  const tenantId = () => actorOf(event).tenantId;
  const sessionAndTenant = (sessionId: string, deltas: Deltas): Contribution[] => [
    { scope: 'session', scopeId: sessionId, deltas },
    { scope: 'tenant', scopeId: tenantId(), deltas },
  ];
  const category = streamCategory(event.streamName);
  if (category === 'session' && event.type === 'TaskUsageRecorded') return sessionAndTenant(streamId(event.streamName), usage(f));
  if (category === 'session' && event.type === 'SessionCreated') return sessionAndTenant(streamId(event.streamName), { sessions_created: 1 });
  if (category === 'session' && ENDED.has(event.type)) return sessionAndTenant(streamId(event.streamName), { sessions_ended: 1 });
  if (category === 'agent' && event.type === 'AgentTaskReleased') {
    const { tokens_in, tokens_out, cost_micros } = usage(f, false);
    const outcomes = outcomeDeltas(f);
    return [
      { scope: 'agent', scopeId: streamId(event.streamName), deltas: { tokens_in, tokens_out, cost_micros, ...outcomes } },
      ...sessionAndTenant(f.string('sessionId'), outcomes),
    ];
  }
  return [];
}

function usage(f: EventFields, calls = true): Deltas {
  return {
    tokens_in: f.number('tokensIn'),
    tokens_out: f.number('tokensOut'),
    cost_micros: toMicros(f.number('costUsd')),
    ...(calls ? { api_calls: f.number('apiCalls'), api_errors: f.number('apiErrors') } : {}),
  };
}

function outcomeDeltas(f: EventFields): Deltas {
  const counted = f.boolean('counted');
  const succeeded = f.string('outcome') === 'succeeded';
  return {
    task_run_ms: f.number('durationMs'),
    tasks_succeeded: counted && succeeded ? 1 : 0,
    tasks_failed: counted && !succeeded ? 1 : 0,
  };
}

/** Adds to the row (a new one starts at zero) unless the row has this event already. */
function addTo(rows: RowCache<RollupRow>, event: RecordedEvent, tenantId: string, at: string, c: Contribution): void {
  const key = rollupKey(tenantId, c.scope, c.scopeId);
  const row = rows.get(key) ?? { ...ZERO, tenant_id: tenantId, scope: c.scope, scope_id: c.scopeId, updated_at: at, last_position: -1 };
  if (row.last_position >= event.position) return;
  const next: RollupRow = { ...row, updated_at: at, last_position: event.position };
  for (const counter of COUNTERS) next[counter] = row[counter] + (c.deltas[counter] ?? 0);
  rows.set(key, next);
}

const ZERO = Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Record<(typeof COUNTERS)[number], number>;
