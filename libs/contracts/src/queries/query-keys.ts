import type { AgentListFilters } from './agents';
import type { AuditFilters } from './audit';
import type { EventLogFilters } from './events';
import type { SortOrder } from './paging';
import type { RollupScope } from './rollups';
import type { SessionListFilters, TaskOutputFilters } from './sessions';

/**
 * Query-key factories for the dashboard's react-query cache, one per feature (TkDodo's "effective
 * query keys"): every key of a feature starts with its `all`, and each level extends the one
 * above, so invalidating `sessionKeys.detail(id)` also refreshes that session's tasks, timeline,
 * checkpoints and output. Keys hold filters only: cursors and `after`/`before` are page params,
 * `minPosition` is a consistency hint, so neither ever splits the cache.
 */
export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  list: (filters: SessionListFilters = {}) => [...sessionKeys.lists(), filters] as const,
  details: () => [...sessionKeys.all, 'detail'] as const,
  detail: (id: string) => [...sessionKeys.details(), id] as const,
  tasks: (id: string) => [...sessionKeys.detail(id), 'tasks'] as const,
  timeline: (id: string, order: SortOrder = 'asc') => [...sessionKeys.detail(id), 'timeline', order] as const,
  checkpoints: (id: string) => [...sessionKeys.detail(id), 'checkpoints'] as const,
  output: (id: string, taskId: string, filters: TaskOutputFilters = {}) => [...sessionKeys.detail(id), 'output', taskId, filters] as const,
  /** `GET /sessions/:id/state?at=`: a past revision never changes; `latest` does. */
  state: (id: string, at?: number) => [...sessionKeys.detail(id), 'state', at ?? 'latest'] as const,
  diff: (id: string, taskId: string) => [...sessionKeys.detail(id), 'diff', taskId] as const,
};

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (filters: AgentListFilters = {}) => [...agentKeys.lists(), filters] as const,
  details: () => [...agentKeys.all, 'detail'] as const,
  detail: (id: string) => [...agentKeys.details(), id] as const,
};

export const contextKeys = {
  all: ['contexts'] as const,
  details: () => [...contextKeys.all, 'detail'] as const,
  detail: (id: string) => [...contextKeys.details(), id] as const,
  versions: (id: string) => [...contextKeys.detail(id), 'versions'] as const,
  version: (id: string, version: number) => [...contextKeys.versions(id), version] as const,
  diff: (id: string, from: number, to: number) => [...contextKeys.detail(id), 'diff', from, to] as const,
};

export const eventKeys = {
  all: ['events'] as const,
  lists: () => [...eventKeys.all, 'list'] as const,
  list: (filters: EventLogFilters = {}, order: SortOrder = 'asc') => [...eventKeys.lists(), filters, order] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filters: AuditFilters = {}, order: SortOrder = 'asc') => [...auditKeys.lists(), filters, order] as const,
};

export const metricKeys = {
  all: ['metrics'] as const,
  rollups: () => [...metricKeys.all, 'rollup'] as const,
  rollup: (scope: RollupScope, id?: string) => [...metricKeys.rollups(), scope, id ?? 'own'] as const,
  tops: () => [...metricKeys.all, 'top'] as const,
  top: (scope: Exclude<RollupScope, 'tenant'>, limit = 10) => [...metricKeys.tops(), scope, limit] as const,
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  lists: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: string, status?: string) => [...webhookKeys.all, 'deliveries', id, status ?? 'any'] as const,
  deadLetters: () => [...webhookKeys.all, 'dead-letters'] as const,
};

/** The caller itself, and the api's health (not tenant data). */
export const systemKeys = {
  all: ['system'] as const,
  whoami: () => [...systemKeys.all, 'whoami'] as const,
  ready: () => [...systemKeys.all, 'ready'] as const,
  engineStatus: () => [...systemKeys.all, 'engine-status'] as const,
  auditVerify: () => [...systemKeys.all, 'audit-verify'] as const,
};
