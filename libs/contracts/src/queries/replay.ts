import type { ContextState } from '@orch/domain-context';
import type { SessionState } from '@orch/domain-session';

/** `GET /sessions/:id/state?at=<revision>`: the session folded up to one of its events (replay). */
export interface SessionStateView {
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly eventType: string;
  /** The stream's latest revision: the scrubber's range is 0..latestRevision. */
  readonly latestRevision: number;
  readonly session: SessionState;
  readonly context: ContextState | null;
}

/** `GET /sessions/:id/tasks/:taskId/diff`: the task's latest finished attempt against its base. */
export interface TaskDiffView {
  readonly taskId: string;
  readonly baseCommit: string;
  readonly taskCommitSha: string;
  readonly patch: string;
  readonly changedFiles: readonly string[];
  readonly diffStats: Readonly<Record<string, number>>;
}

/** `GET /whoami`: what the caller's API key is (the dashboard follows its role). */
export interface WhoAmI {
  readonly apiKeyId: string;
  readonly tenantId: string;
  readonly role: 'admin' | 'operator' | 'auditor' | 'integrator' | 'agent';
  readonly agentId: string | null;
}

/** `GET /health/ready` (public): the stores answer, and how far each projector trails the log. */
export interface ReadinessView {
  readonly status: 'ok' | 'not_ready';
  readonly readModels?: {
    readonly ready: boolean;
    readonly projectorsInProcess: boolean;
    readonly projectors: readonly {
      readonly projector: string;
      readonly lastAppliedPosition: number | null;
      readonly headPosition: number | null;
      readonly eventsBehind: number;
      readonly eventsBehindCapped: boolean;
      readonly caughtUp?: boolean;
      readonly lastBatchAt?: string | null;
    }[];
  };
}
