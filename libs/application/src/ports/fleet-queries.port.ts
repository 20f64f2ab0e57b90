import type { AgentSnapshot } from '@orch/domain-agent';

/**
 * Facts about a tenant's fleet that commands need and their own aggregate cannot know
 * (DOMAIN.md §1: resolved by the handler, trusted by `decide`). Served by the read models.
 */
export interface FleetQueries {
  /** The tenant's sessions in an occupying status (running, degraded, paused), other than `exceptSessionId`. */
  occupyingSessions(tenantId: string, exceptSessionId: string): Promise<number>;
  /** The tenant's `maxConcurrentSessions` (default 10). */
  maxConcurrentSessions(tenantId: string): Promise<number>;
  /** Every registered (not deregistered) agent of the tenant, as routing sees it. */
  agentSnapshots(tenantId: string): Promise<AgentSnapshot[]>;
  /** Whether another agent of the tenant has this name, ignoring case. */
  agentNameTaken(tenantId: string, name: string, exceptAgentId?: string): Promise<boolean>;
}
