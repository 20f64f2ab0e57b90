import {
  queryPaths,
  type AgentDetail,
  type AgentDetailParams,
  type AgentListParams,
  type AgentSummary,
  type AuditEntry,
  type AuditParams,
  type CheckpointsParams,
  type CheckpointView,
  type Consistency,
  type ContextDiffParams,
  type ContextDiffView,
  type ContextParams,
  type ContextVersionsParams,
  type ContextVersionSummary,
  type ContextVersionView,
  type ContextView,
  type CursorPage,
  type EventLogEntry,
  type EventLogParams,
  type PositionPage,
  type RollupList,
  type RollupParams,
  type RollupView,
  type SessionDetail,
  type SessionDetailParams,
  type SessionListParams,
  type SessionSummary,
  type TaskOutputEntry,
  type TaskOutputParams,
  type TaskView,
  type TimelineEntry,
  type TimelineParams,
  type TopRollupsParams,
} from '@orch/contracts';
import type { Transport } from './transport';

/**
 * The query endpoints (DESIGN.md §6), paths and shapes from @orch/contracts. Pass a command's
 * `position` as `minPosition` to read your own write (503 PROJECTION.NOT_CAUGHT_UP if it takes too long).
 */
export function queryApi(http: Transport) {
  const get = <T>(path: string) => http.request<T>('GET', path);
  return {
    sessions: (params?: SessionListParams) => get<CursorPage<SessionSummary>>(queryPaths.sessions(params)),
    session: (id: string, params?: SessionDetailParams) => get<SessionDetail>(queryPaths.session(id, params)),
    sessionTasks: (id: string, params?: Consistency) => get<readonly TaskView[]>(queryPaths.sessionTasks(id, params)),
    sessionTimeline: (id: string, params?: TimelineParams) => get<PositionPage<TimelineEntry>>(queryPaths.sessionTimeline(id, params)),
    sessionCheckpoints: (id: string, params?: CheckpointsParams) => get<readonly CheckpointView[]>(queryPaths.sessionCheckpoints(id, params)),
    taskOutput: (id: string, taskId: string, params?: TaskOutputParams) => get<PositionPage<TaskOutputEntry>>(queryPaths.taskOutput(id, taskId, params)),
    agents: (params?: AgentListParams) => get<CursorPage<AgentSummary>>(queryPaths.agents(params)),
    agent: (id: string, params?: AgentDetailParams) => get<AgentDetail>(queryPaths.agent(id, params)),
    context: (id: string, params?: ContextParams) => get<ContextView>(queryPaths.context(id, params)),
    contextVersions: (id: string, params?: ContextVersionsParams) => get<CursorPage<ContextVersionSummary>>(queryPaths.contextVersions(id, params)),
    contextVersion: (id: string, version: number, params?: Consistency) => get<ContextVersionView>(queryPaths.contextVersion(id, version, params)),
    contextDiff: (id: string, params: ContextDiffParams) => get<ContextDiffView>(queryPaths.contextDiff(id, params)),
    events: (params?: EventLogParams) => get<PositionPage<EventLogEntry>>(queryPaths.events(params)),
    audit: (params?: AuditParams) => get<PositionPage<AuditEntry>>(queryPaths.audit(params)),
    rollup: (params: RollupParams) => get<RollupView>(queryPaths.rollup(params)),
    topRollups: (params: TopRollupsParams) => get<RollupList>(queryPaths.topRollups(params)),
  };
}
