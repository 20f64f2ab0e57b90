/** Routing terms shared by the agent router and the session's TaskRouted event (DOMAIN.md §4.5, §7). */
export type DeferralCause = 'all_busy' | 'none_available';

/** The weighted terms of the score, each with 4 decimals; `uncapped` is their sum before `min(1.0, …)`. */
export interface ScoreBreakdown {
  readonly tier: number;
  readonly capability: number;
  readonly load: number;
  readonly available: number;
  readonly preferredAgent: number;
  readonly preferredType: number;
  readonly uncapped: number;
}

export interface RoutingAlternative {
  readonly agentId: string;
  readonly score: number;
}
