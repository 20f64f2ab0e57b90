import type { AgentType } from '@orch/kernel';
import type { AgentRuntime } from '@orch/domain-agent';

/**
 * The agent-runtime port (DESIGN.md §1 Engine, DOMAIN.md §3.4): runs one task attempt on a coding
 * agent (OpenCode server, a CLI process, an external HTTP agent, the scripted agents) and reports
 * what happens. Owned by the core; every adapter passes `agentRuntimeContract` in libs/testing.
 *
 * The engine calls `start` after TaskAssigned and records StartTask with the run's `runtimeRef`;
 * it turns the run's events into TaskProgressed, RecordTaskUsage and RecordPromptDelivery, and its
 * outcome into CompleteTask or FailTask. After a restart it calls `attach(runtimeRef)`: a run found
 * is re-attached (ReattachTask) and its events replayed from the start; an unknown run is
 * interrupted and requeued.
 */
export interface AgentRuntimePort {
  /** Starts a run, or returns the run already started with the same `runId` (idempotent). */
  start(request: TaskRunRequest): Promise<RunStart>;
  /** Finds a run by its `runtimeRef`, running or ended. */
  attach(runtimeRef: string): Promise<AttachResult>;
  /** Releases the runtime; idempotent. Runs owned by this process end `aborted`; runs held elsewhere keep going. */
  close(): Promise<void>;
  /**
   * Whether the agent can take work now (DOMAIN.md §4.2 liveness: OpenCode's health, a CLI's version
   * check), every 30 s by the engine's supervisor; three failures in a row take the agent offline.
   * Runtimes whose agents are always up, or report by heartbeat, have none.
   */
  probe?(agent: RunAgent): Promise<ProbeResult>;
}

export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface TaskRunRequest {
  /**
   * The engine's id for this run, stable across engine restarts (derived from the assignment it
   * carries out). A second `start` with the same `runId` returns the same run, never a second one.
   */
  readonly runId: string;
  readonly tenantId: string;
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
  /** The task's title (DOMAIN.md §3.2); runtimes use it to name their session. */
  readonly title: string;
  /**
   * `plan`: the task of an agent-planned session (DOMAIN.md §3.1); the agent ends its final message
   * with an `orchestrator-plan` block holding the proposed tasks (see the instructions). Default `work`.
   */
  readonly taskKind?: 'work' | 'plan';
  readonly agent: RunAgent;
  /** The whole prompt: session prompt, task title and description, context, injections delivered at start. */
  readonly instructions: string;
  /** Absolute path of the directory the agent works in (Workspaces.taskDirectory); it must exist. */
  readonly workingDirectory: string;
  /** provider/model for runtimes that take one: the session's modelIdentifier, else the agent's model. */
  readonly model?: string;
  readonly limits: RunLimits;
  /**
   * How the agent talks back: the api URL and its own key, so it can write what it learns into
   * its session's context (`PATCH /contexts/<sessionId>` with `source`). Runtimes pass it on
   * (environment `ORCH_API_URL`, `ORCH_AGENT_TOKEN`, `ORCH_CONTEXT_ID`, or the prompt) when present.
   */
  readonly orchestrator?: OrchestratorAccess;
}

export interface OrchestratorAccess {
  readonly apiUrl: string;
  readonly token: string;
  /** The session's primary context (its id is the session's). */
  readonly contextId: string;
  /** The version of it the prompt carries: the `expectedVersion` of a first write. */
  readonly contextVersion: number;
  /** The `source` an agent's context write carries for this attempt. */
  readonly source: { readonly sessionId: string; readonly taskId: string; readonly attempt: number };
}

export interface RunAgent {
  readonly agentId: string;
  readonly agentType: AgentType;
  readonly runtime: AgentRuntime;
}

export interface RunLimits {
  /**
   * Wall time from start, waits for permission answers included. A run still going at this point
   * is ended by the runtime as failed with `TASK.TIMED_OUT` (retryable), so a hung agent is caught.
   */
  readonly maxDurationMs: number;
}

export type RunStart =
  | { readonly started: true; readonly run: TaskRun }
  /** The runtime could not start the run (`TASK.START_FAILED`): no run exists, nothing to abort. */
  | { readonly started: false; readonly failure: RunFailure };

export type AttachResult =
  | { readonly found: true; readonly run: TaskRun }
  | { readonly found: false; readonly reason: 'unknown_run'; readonly message: string };

/** A handle on one run. Several handles (and several event streams) on the same run may exist. */
export interface TaskRun {
  /** The runtime's own reference, recorded in TaskStarted and TaskReattached. */
  readonly runtimeRef: string;
  /**
   * The run's events with `seq` > `afterSeq` (default 0: all of them), then live ones; the stream
   * ends after the `ended` event. Replaying is harmless when commands take ids derived from
   * (runtimeRef, seq).
   */
  events(afterSeq?: number): RunEventStream;
  /** Settles once, when the run ends; equals the data of the `ended` event. */
  outcome(): Promise<RunOutcome>;
  status(): Promise<RunStatus>;
  /** Delivers an operator's prompt to the running agent; repeating an `injectionId` is a no-op. */
  injectPrompt(prompt: InjectedPrompt): Promise<'delivered' | 'ended'>;
  answerPermission(requestId: string, answer: PermissionAnswer): Promise<PermissionAnswerResult>;
  /** Stops the run promptly; resolves with its final outcome (`aborted`, unless it had already ended). */
  abort(reason: string): Promise<RunOutcome>;
}

export interface RunEventStream extends AsyncIterable<RunEvent> {
  close(): Promise<void>;
}

/**
 * What a run reports, in order. `seq` is 1, 2, 3… per run across every type; `ended` comes last.
 * Progress maps to TaskProgressed (the engine coalesces it to ≤ 1 event per task per second);
 * usage items are deltas, one per agent turn, for RecordTaskUsage.
 */
export type RunEvent =
  | ({ readonly type: 'progress'; readonly seq: number } & RunProgress)
  | ({ readonly type: 'usage'; readonly seq: number } & RunUsage)
  | ({ readonly type: 'permission_requested'; readonly seq: number } & PermissionRequest)
  | { readonly type: 'permission_answered'; readonly seq: number; readonly requestId: string; readonly answer: PermissionAnswer }
  | { readonly type: 'prompt_delivered'; readonly seq: number; readonly injectionId: string }
  | { readonly type: 'ended'; readonly seq: number; readonly outcome: RunOutcome };

export type ProgressKind = 'text' | 'reasoning' | 'tool' | 'status';

/** TaskProgressed data without task, attempt and seq (DOMAIN.md §7). */
export interface RunProgress {
  readonly kind: ProgressKind;
  /** ≤ 8000 code points; runtimes cut longer text. */
  readonly text: string;
  readonly tool?: { readonly name: string; readonly status: string };
}

/** Non-negative; deltas in `usage` events, totals in outcomes. Money as in DOMAIN.md §1 (≤ 6 decimals). */
export interface RunUsage {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
}

/** The agent waits for an answer; nothing else happens in the run until it comes (or the run ends). */
export interface PermissionRequest {
  readonly requestId: string;
  /** The tool asking, e.g. `write`, `bash`, `external_directory`. */
  readonly tool: string;
  readonly description: string;
}

export type PermissionAnswer = 'allow' | 'deny';
export type PermissionAnswerResult = 'accepted' | 'unknown_request' | 'already_answered' | 'ended';

export interface InjectedPrompt {
  /** The PromptInjected id; the `prompt_delivered` event carries it for RecordPromptDelivery. */
  readonly injectionId: string;
  readonly text: string;
}

export interface RunStatus {
  readonly phase: 'running' | 'awaiting_permission' | 'ended';
  /** The seq of the run's latest event. */
  readonly lastSeq: number;
  readonly pendingPermissions: readonly PermissionRequest[];
}

export type RunOutcome =
  | {
      readonly status: 'completed';
      readonly summary: string;
      /** Paths relative to the working directory, `/`-separated, sorted; each file exists. */
      readonly changedFiles: readonly string[];
      readonly usage: RunUsage;
      /** When the agent committed its work itself; otherwise the engine commits the worktree. */
      readonly commitSha?: string;
    }
  | ({ readonly status: 'failed'; readonly usage: RunUsage } & RunFailure)
  | { readonly status: 'aborted'; readonly reason: string; readonly usage: RunUsage };

/**
 * Codes for FailTask (DOMAIN.md §8 code space): `AGENT_ERROR` the agent reported failure;
 * `START_FAILED` the run could not start; `TIMED_OUT` `maxDurationMs` passed; `PERMISSION_DENIED`
 * an operator denied a request the agent could not do without; `RUN_LOST` the runtime lost the run
 * (its process or server went away), which the engine may record as an `agent_lost` interruption.
 */
export type RunFailureCode =
  | 'TASK.AGENT_ERROR'
  | 'TASK.START_FAILED'
  | 'TASK.TIMED_OUT'
  | 'TASK.PERMISSION_DENIED'
  | 'TASK.RUN_LOST';

export interface RunFailure {
  readonly code: RunFailureCode;
  /** ≤ 2000 code points. */
  readonly message: string;
  readonly retryable: boolean;
}
