/**
 * Request bodies of the session and task commands (DESIGN.md §6). The api validates shape and
 * size; the domain's rules (DOMAIN.md §2) answer with their own codes.
 */
export type SessionType = 'planning' | 'execution' | 'review' | 'debug' | 'integration';

/** A task of an explicit plan (DOMAIN.md §3.1); ids are `^[a-z][a-z0-9_-]{0,63}$`. */
export interface TaskSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly capabilities: readonly string[];
  readonly preferredAgentType?: string;
  /** Task ids, or `{ taskId, … }` dependency objects. */
  readonly dependsOn?: readonly (string | Readonly<Record<string, unknown>>)[];
  readonly kind?: string;
}

export type PlanningRequest =
  | { readonly mode: 'template'; readonly template: string }
  | { readonly mode: 'explicit'; readonly tasks: readonly TaskSpec[] }
  | { readonly mode: 'agent' };

export interface CreateSessionRequest {
  /** Default: derived from the command id (an Idempotency-Key repeat names the same session). */
  readonly sessionId?: string;
  readonly title: string;
  readonly description?: string;
  readonly prompt: string;
  readonly sessionType?: SessionType;
  /** 0 (critical) .. 4 (deferred); default 2. */
  readonly priority?: number;
  readonly tags?: readonly string[];
  readonly parentId?: string;
  readonly repository?: { readonly source: string; readonly baseRef?: string };
  readonly maxDurationSeconds?: number;
  readonly budgetUsd?: number;
  readonly cpuLimit?: number;
  readonly memoryLimitMb?: number;
  readonly modelIdentifier?: string;
  readonly agentPreference?: { readonly agentType?: string; readonly agentIds?: readonly string[] };
  readonly planning?: PlanningRequest;
}

/** Every operator action carries a reason (1..500 code points). */
export interface ReasonRequest {
  readonly reason: string;
}

export type SessionAction = 'start' | 'pause' | 'resume' | 'cancel' | 'stop' | 'retry' | 'force-complete';

export interface InjectPromptRequest extends ReasonRequest {
  readonly injectionId?: string;
  readonly text: string;
  readonly taskId?: string;
}

export interface ReplacePlanRequest extends ReasonRequest {
  readonly tasks: readonly TaskSpec[];
}

export interface ChangeBudgetRequest extends ReasonRequest {
  readonly budgetUsd: number | null;
}

export type TaskAction = 'retry' | 'skip' | 'reassign';

export interface ReassignTaskRequest extends ReasonRequest {
  readonly agentId?: string;
}
