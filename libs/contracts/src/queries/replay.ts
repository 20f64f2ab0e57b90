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

/** The tenant's work waiting for the engine (from the read models). */
export interface EngineQueueDepth {
  /** Sessions queued for capacity. */
  readonly queuedSessions: number;
  /** Tasks ready in running sessions, not yet assigned. */
  readonly readyTasks: number;
}

/**
 * `GET /engine/status`: the engine of the api process answering, if that process runs the engine
 * role (`running: false` otherwise: the engine runs elsewhere or not at all). Its position is in the
 * global log (the same facts `/health/ready` gives for the projectors); the queue is the caller's tenant's.
 */
export type EngineStatusView =
  | {
      readonly running: false;
      readonly reason: string;
      readonly queue: EngineQueueDepth | null;
    }
  | {
      readonly running: true;
      /** It has read the log up to the head once since it started. */
      readonly caughtUp: boolean;
      readonly coordinationHealthy: boolean;
      /** The last session or agent event it applied; null before the first. */
      readonly position: number | null;
      /** The last session or agent event in the log (what it follows). */
      readonly headPosition: number | null;
      /** Session and agent events in the log after its position. */
      readonly eventsBehind: number;
      /** eventsBehind is a lower bound (counting stopped at the cap). */
      readonly eventsBehindCapped: boolean;
      readonly queue: EngineQueueDepth | null;
    };
