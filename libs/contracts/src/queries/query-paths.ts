import type { AgentDetailParams, AgentListParams } from './agents';
import type { AuditParams } from './audit';
import type { ContextDiffParams, ContextParams, ContextVersionsParams } from './contexts';
import type { EventLogParams } from './events';
import type { Consistency } from './paging';
import type { RollupParams, TopRollupsParams } from './rollups';
import type { CheckpointsParams, SessionDetailParams, SessionListParams, TaskOutputParams, TimelineParams } from './sessions';

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * `?a=1&b=x,y`: absent values are left out, lists are comma-joined (no value of a list filter may
 * contain a comma: statuses, tags and event types never do), everything is URI-encoded.
 */
export function toQueryString(params: object = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

const seg = encodeURIComponent;

/** The query endpoints of DESIGN.md §6, relative to `/api/v1`. */
export const queryPaths = {
  sessions: (params?: SessionListParams) => `/sessions${toQueryString(params)}`,
  session: (id: string, params?: SessionDetailParams) => `/sessions/${seg(id)}${toQueryString(params)}`,
  sessionTasks: (id: string, params?: Consistency) => `/sessions/${seg(id)}/tasks${toQueryString(params)}`,
  sessionTimeline: (id: string, params?: TimelineParams) => `/sessions/${seg(id)}/timeline${toQueryString(params)}`,
  sessionCheckpoints: (id: string, params?: CheckpointsParams) => `/sessions/${seg(id)}/checkpoints${toQueryString(params)}`,
  taskOutput: (id: string, taskId: string, params?: TaskOutputParams) =>
    `/sessions/${seg(id)}/tasks/${seg(taskId)}/output${toQueryString(params)}`,
  agents: (params?: AgentListParams) => `/agents${toQueryString(params)}`,
  agent: (id: string, params?: AgentDetailParams) => `/agents/${seg(id)}${toQueryString(params)}`,
  context: (id: string, params?: ContextParams) => `/contexts/${seg(id)}${toQueryString(params)}`,
  contextVersions: (id: string, params?: ContextVersionsParams) => `/contexts/${seg(id)}/versions${toQueryString(params)}`,
  contextVersion: (id: string, version: number, params?: Consistency) => `/contexts/${seg(id)}/versions/${version}${toQueryString(params)}`,
  contextDiff: (id: string, params: ContextDiffParams) => `/contexts/${seg(id)}/diff${toQueryString(params)}`,
  events: (params?: EventLogParams) => `/events${toQueryString(params)}`,
  audit: (params?: AuditParams) => `/audit${toQueryString(params)}`,
  rollup: (params: RollupParams) => `/rollups${toQueryString(params)}`,
  topRollups: (params: TopRollupsParams) => `/rollups/top${toQueryString(params)}`,
  /** Replay: the session as of the event at stream revision `at` (latest when absent). */
  sessionState: (id: string, at?: number) => `/sessions/${seg(id)}/state${toQueryString({ at })}`,
  taskDiff: (id: string, taskId: string) => `/sessions/${seg(id)}/tasks/${seg(taskId)}/diff`,
  whoami: () => '/whoami',
  ready: () => '/health/ready',
  engineStatus: () => '/engine/status',
  webhooks: () => '/webhooks',
  webhookDeliveries: (id: string, params: { status?: string; limit?: number; cursor?: string } = {}) => `/webhooks/${seg(id)}/deliveries${toQueryString(params)}`,
  deadLetters: (params: { limit?: number; cursor?: string } = {}) => `/webhooks/dead-letters${toQueryString(params)}`,
  /** The audit chain's verification (another module; absent on older apis: 404). */
  auditVerify: () => '/audit/verify',
};
