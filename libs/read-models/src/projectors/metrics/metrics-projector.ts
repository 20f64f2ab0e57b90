import { type RecordedEvent } from '@orch/application';
import { toMicros } from '@orch/kernel';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../../database/database';
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

/**
 * Roll-ups per session, agent and tenant. Each counter has one source so nothing is counted
 * twice: session and tenant usage from TaskUsageRecorded, agent usage and all run times and
 * outcomes from AgentTaskReleased (it names the session), session counts from session events.
 */
export const metricsProjector: Projector = {
  name: 'metrics',
  tables: ['metric_rollups'],
  async apply(db, event) {
    const contributions = contributionsOf(event);
    if (contributions.length === 0) return [];
    const { tenantId } = actorOf(event);
    const at = fieldsOf(event).at();
    for (const contribution of contributions) await addTo(db, event, tenantId, at, contribution);
    return contributions.map(({ scope, scopeId }): EntityChange => ({ entity: 'metric', id: `${scope}/${scopeId}` }));
  },
};

function contributionsOf(event: RecordedEvent): Contribution[] {
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

/** Upsert-add, guarded by the row's last position: a replayed event adds nothing. */
async function addTo(db: Kysely<Database>, event: RecordedEvent, tenantId: string, at: string, c: Contribution): Promise<void> {
  const counters = COUNTERS.filter((counter) => c.deltas[counter] !== undefined);
  const values = Object.fromEntries(counters.map((counter) => [counter, c.deltas[counter]]));
  const sums = Object.fromEntries(
    counters.map((counter) => [counter, sql<number>`${sql.ref(`metric_rollups.${counter}`)} + ${sql.ref(`excluded.${counter}`)}`]),
  );
  await db
    .insertInto('metric_rollups')
    .values({ tenant_id: tenantId, scope: c.scope, scope_id: c.scopeId, ...values, updated_at: at, last_position: event.position })
    .onConflict((conflict) =>
      conflict
        .columns(['tenant_id', 'scope', 'scope_id'])
        .doUpdateSet({ ...sums, updated_at: at, last_position: event.position })
        .whereRef('metric_rollups.last_position', '<', 'excluded.last_position'),
    )
    .execute();
}
