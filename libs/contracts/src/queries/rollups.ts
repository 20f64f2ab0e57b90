import type { Consistency } from './paging';

export type RollupScope = 'session' | 'agent' | 'tenant';

/** Usage and duration roll-up of one session, agent or the tenant (`GET /rollups`). */
export interface RollupView {
  readonly scope: RollupScope;
  readonly id: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
  readonly tasksSucceeded: number;
  readonly tasksFailed: number;
  readonly taskRunMs: number;
  readonly sessionsCreated: number;
  readonly sessionsEnded: number;
  /** Null when nothing has been counted yet. */
  readonly updatedAt: string | null;
  readonly position: number | null;
}

export interface RollupParams extends Consistency {
  readonly scope: RollupScope;
  /** Required for `session` and `agent`; for `tenant`, the caller's tenant (the default). */
  readonly id?: string;
}

/** `GET /rollups/top`: the costliest sessions or agents of the tenant. */
export interface TopRollupsParams extends Consistency {
  readonly scope: Exclude<RollupScope, 'tenant'>;
  /** 1..100, default 10. */
  readonly limit?: number;
}

export interface RollupList {
  readonly items: readonly RollupView[];
}
