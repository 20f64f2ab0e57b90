/** Enumerations of DOMAIN.md §4.3–4.4 and §7; the strings are contract. */
export const AGENT_STATUSES = ['active', 'draining', 'disabled', 'offline', 'deregistered'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The statuses an offline agent returns to when it comes back (`AgentCameOnline.status`). */
export type OnlineStatus = 'active' | 'draining';

export const TIERS = ['elite', 'advanced', 'competent', 'trainee', 'degraded'] as const;
export type Tier = (typeof TIERS)[number];

export const OFFLINE_CAUSES = ['heartbeat_expired', 'probe_failed'] as const;
export type OfflineCause = (typeof OFFLINE_CAUSES)[number];

/** `succeeded` and `failed`/`lost` are counted outcomes; `released` is not (§4.4). */
export const RELEASE_OUTCOMES = ['succeeded', 'failed', 'lost', 'released'] as const;
export type ReleaseOutcome = (typeof RELEASE_OUTCOMES)[number];

export const LOAD_LEVELS = ['idle', 'optimal', 'high', 'critical', 'overloaded'] as const;
export type LoadLevel = (typeof LOAD_LEVELS)[number];

export function isCounted(outcome: ReleaseOutcome): boolean {
  return outcome !== 'released';
}
