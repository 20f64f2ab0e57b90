import { type EventStore } from '@orch/application';
import {
  type AgentListParams,
  type AuditParams,
  type CursorParams,
  type EventLogParams,
  type RollupScope,
  type SessionListParams,
  type TaskOutputParams,
  type TimelineParams,
} from '@orch/contracts';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { agentProjector } from '../projectors/agent/agent-projector';
import { contextProjector } from '../projectors/context/context-projector';
import { eventLogProjector } from '../projectors/event-log/event-log-projector';
import { metricsProjector } from '../projectors/metrics/metrics-projector';
import { sessionProjector } from '../projectors/session/session-projector';
import { agentDetail, listAgents } from './agents/agent-queries';
import { contextDiff, contextDocument, contextVersion, contextVersions } from './contexts/context-queries';
import { queryAuditTrail } from './log/audit-query';
import { queryEventLog } from './log/event-log-query';
import { rollupOf, topRollups } from './metrics/rollup-queries';
import { listSessions } from './sessions/list-sessions';
import { queueDepth } from './sessions/queue-depth';
import { sessionCheckpoints, sessionDetail, sessionTasks, sessionTimeline } from './sessions/session-queries';
import { taskOutput } from './sessions/task-output';

/** Which projections each feature's queries read: read-your-writes waits for exactly these. */
export const QUERY_PROJECTIONS = {
  sessions: [sessionProjector.name],
  agents: [agentProjector.name],
  contexts: [contextProjector.name],
  events: [eventLogProjector.name],
  audit: [eventLogProjector.name],
  // An entity with nothing counted yet reads as zeros once its own projection knows it.
  rollups: [metricsProjector.name, sessionProjector.name, agentProjector.name],
} as const satisfies Record<string, readonly string[]>;

export type QueryFeature = keyof typeof QUERY_PROJECTIONS;

/**
 * Every read-model query, bound to the database (and to the store for the payloads the read
 * models do not keep). Each one takes the caller's tenant first and never reads another's rows;
 * an unknown or foreign id answers undefined, which the edge turns into 404.
 */
export class ReadModelQueries {
  constructor(private readonly deps: { readonly db: Kysely<Database>; readonly store: EventStore }) {}

  readonly sessions = {
    list: (tenantId: string, params: SessionListParams) => listSessions(this.deps.db, tenantId, params),
    detail: (tenantId: string, sessionId: string) => sessionDetail(this.deps.db, tenantId, sessionId),
    tasks: (tenantId: string, sessionId: string) => sessionTasks(this.deps.db, tenantId, sessionId),
    timeline: (tenantId: string, sessionId: string, params: TimelineParams) => sessionTimeline(this.deps.db, tenantId, sessionId, params),
    checkpoints: (tenantId: string, sessionId: string) => sessionCheckpoints(this.deps.db, tenantId, sessionId),
    taskOutput: (tenantId: string, sessionId: string, taskId: string, params: TaskOutputParams) =>
      taskOutput(this.deps, tenantId, sessionId, taskId, params),
    queueDepth: (tenantId: string) => queueDepth(this.deps.db, tenantId),
  };

  readonly agents = {
    list: (tenantId: string, params: AgentListParams) => listAgents(this.deps.db, tenantId, params),
    detail: (tenantId: string, agentId: string, lastHeartbeatAt: string | null = null) => agentDetail(this.deps.db, tenantId, agentId, lastHeartbeatAt),
  };

  readonly contexts = {
    document: (tenantId: string, contextId: string) => contextDocument(this.deps.db, tenantId, contextId),
    versions: (tenantId: string, contextId: string, params: CursorParams) => contextVersions(this.deps.db, tenantId, contextId, params),
    version: (tenantId: string, contextId: string, version: number) => contextVersion(this.deps.db, tenantId, contextId, version),
    diff: (tenantId: string, contextId: string, from: number, to: number) => contextDiff(this.deps.db, tenantId, contextId, from, to),
  };

  readonly log = {
    events: (tenantId: string, params: EventLogParams) => queryEventLog(this.deps, tenantId, params),
    audit: (tenantId: string, params: AuditParams) => queryAuditTrail(this.deps.db, tenantId, params),
  };

  readonly rollups = {
    of: (tenantId: string, scope: RollupScope, id: string) => rollupOf(this.deps.db, tenantId, scope, id),
    top: (tenantId: string, scope: 'session' | 'agent', limit: number) => topRollups(this.deps.db, tenantId, scope, limit),
  };
}
