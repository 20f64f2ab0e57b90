import { OrchProblemError, type OrchClient } from '@orch/client';
import {
  agentKeys,
  auditKeys,
  contextKeys,
  eventKeys,
  metricKeys,
  queryPaths,
  sessionKeys,
  systemKeys,
  webhookKeys,
  type AgentListFilters,
  type AuditFilters,
  type DeliveryView,
  type EngineStatusView,
  type EventLogFilters,
  type ListPage,
  type ReadinessView,
  type SessionListFilters,
  type SessionStateView,
  type TaskDiffView,
  type WebhookView,
  type WhoAmI,
} from '@orch/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';

/** Timeline pages: the log's maximum page, so 10,000 events take 20 requests. */
export const TIMELINE_PAGE = 500;
/** The first page is small so the first rows paint before the rest streams in. */
export const TIMELINE_FIRST_PAGE = 100;

/** What `GET /audit/verify` answers when present (another module builds it); `unavailable` on 404. */
export type AuditVerification = { readonly available: true; readonly body: Record<string, unknown> } | { readonly available: false };

/**
 * One `queryOptions` per endpoint, keyed by the contracts' key factories: views, the live
 * layer and tests share them, so an invalidation by key always reaches the query that shows it.
 */
export function orchQueries(orch: OrchClient) {
  const get = <T>(path: string) => orch.http.request<T>('GET', path);
  return {
    whoami: () => queryOptions({ queryKey: systemKeys.whoami(), queryFn: () => get<WhoAmI>(queryPaths.whoami()), staleTime: Infinity }),
    ready: () => queryOptions({ queryKey: systemKeys.ready(), queryFn: () => readiness(orch), refetchInterval: 5000 }),
    engineStatus: () => queryOptions({ queryKey: systemKeys.engineStatus(), queryFn: () => get<EngineStatusView>(queryPaths.engineStatus()), refetchInterval: 5000 }),
    auditVerify: () =>
      queryOptions({
        queryKey: systemKeys.auditVerify(),
        queryFn: async (): Promise<AuditVerification> => {
          try {
            return { available: true, body: await get<Record<string, unknown>>(queryPaths.auditVerify()) };
          } catch (error) {
            if (error instanceof OrchProblemError && error.status === 404) return { available: false };
            throw error;
          }
        },
      }),
    sessions: (filters: SessionListFilters = {}) => queryOptions({ queryKey: sessionKeys.list(filters), queryFn: () => orch.query.sessions({ ...filters, limit: 200 }) }),
    session: (id: string) => queryOptions({ queryKey: sessionKeys.detail(id), queryFn: () => orch.query.session(id) }),
    tasks: (id: string) => queryOptions({ queryKey: sessionKeys.tasks(id), queryFn: () => orch.query.sessionTasks(id) }),
    checkpoints: (id: string) => queryOptions({ queryKey: sessionKeys.checkpoints(id), queryFn: () => orch.query.sessionCheckpoints(id) }),
    timeline: (id: string) =>
      infiniteQueryOptions({
        queryKey: sessionKeys.timeline(id, 'asc'),
        queryFn: ({ pageParam }) => orch.query.sessionTimeline(id, pageParam === undefined ? { limit: TIMELINE_FIRST_PAGE } : { limit: TIMELINE_PAGE, after: pageParam }),
        initialPageParam: undefined as number | undefined,
        getNextPageParam: (page) => page.next ?? undefined,
      }),
    output: (id: string, taskId: string) => queryOptions({ queryKey: sessionKeys.output(id, taskId), queryFn: () => orch.query.taskOutput(id, taskId, { limit: 500 }) }),
    /** A past revision never changes; `latest` (no `at`) does. */
    state: (id: string, at?: number) =>
      queryOptions({
        queryKey: sessionKeys.state(id, at),
        queryFn: () => get<SessionStateView>(queryPaths.sessionState(id, at)),
        staleTime: at === undefined ? 0 : Infinity,
      }),
    diff: (id: string, taskId: string) =>
      queryOptions({
        queryKey: sessionKeys.diff(id, taskId),
        queryFn: async (): Promise<TaskDiffView | null> => {
          try {
            return await get<TaskDiffView>(queryPaths.taskDiff(id, taskId));
          } catch (error) {
            if (error instanceof OrchProblemError && error.status === 404) return null;
            throw error;
          }
        },
      }),
    agents: (filters: AgentListFilters = {}) => queryOptions({ queryKey: agentKeys.list(filters), queryFn: () => orch.query.agents({ ...filters, limit: 200 }) }),
    agent: (id: string) => queryOptions({ queryKey: agentKeys.detail(id), queryFn: () => orch.query.agent(id) }),
    context: (id: string) => queryOptions({ queryKey: contextKeys.detail(id), queryFn: () => orch.query.context(id) }),
    contextVersions: (id: string) => queryOptions({ queryKey: contextKeys.versions(id), queryFn: () => orch.query.contextVersions(id, { limit: 200 }) }),
    contextVersion: (id: string, version: number) => queryOptions({ queryKey: contextKeys.version(id, version), queryFn: () => orch.query.contextVersion(id, version), staleTime: Infinity }),
    contextDiff: (id: string, from: number, to: number) =>
      queryOptions({ queryKey: contextKeys.diff(id, from, to), queryFn: () => orch.query.contextDiff(id, { from, to }), staleTime: Infinity }),
    events: (filters: EventLogFilters = {}, order: 'asc' | 'desc' = 'desc') =>
      queryOptions({ queryKey: eventKeys.list(filters, order), queryFn: () => orch.query.events({ ...filters, order, limit: 200 }) }),
    audit: (filters: AuditFilters = {}, order: 'asc' | 'desc' = 'desc') =>
      queryOptions({ queryKey: auditKeys.list(filters, order), queryFn: () => orch.query.audit({ ...filters, order, limit: 200 }) }),
    tenantRollup: () => queryOptions({ queryKey: metricKeys.rollup('tenant'), queryFn: () => orch.query.rollup({ scope: 'tenant' }) }),
    sessionRollup: (id: string) => queryOptions({ queryKey: metricKeys.rollup('session', id), queryFn: () => orch.query.rollup({ scope: 'session', id }) }),
    webhooks: () => queryOptions({ queryKey: webhookKeys.lists(), queryFn: () => get<{ items: WebhookView[] }>(queryPaths.webhooks()) }),
    deliveries: (id: string, status?: string) =>
      queryOptions({ queryKey: webhookKeys.deliveries(id, status), queryFn: () => get<ListPage<DeliveryView>>(queryPaths.webhookDeliveries(id, { limit: 100, ...(status ? { status } : {}) })) }),
    deadLetters: () => queryOptions({ queryKey: webhookKeys.deadLetters(), queryFn: () => get<ListPage<DeliveryView>>(queryPaths.deadLetters({ limit: 100 })) }),
  };
}

export type OrchQueries = ReturnType<typeof orchQueries>;

/** `/health/ready` answers 503 with the same body while not ready: both are readings, not errors. */
async function readiness(orch: OrchClient): Promise<ReadinessView> {
  const response = await orch.http.fetch(`${orch.http.apiBase}${queryPaths.ready()}`, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as ReadinessView | null;
  return body ?? { status: 'not_ready' };
}

/** Retry server trouble and a read model still catching up; never a 4xx. */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof OrchProblemError) return error.status >= 500 && failures < 3;
  return failures < 2;
}
