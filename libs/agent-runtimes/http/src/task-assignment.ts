/**
 * What an http agent is given for one run (External Agent Protocol, docs/external-agent-protocol.md):
 * POSTed to its endpoint in push mode, the body of `GET /agents/:id/tasks/next` in pull mode.
 */
export interface TaskAssignment {
  readonly type: 'task.assigned';
  readonly agentId: string;
  readonly runId: string;
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly title: string;
  /** `plan`: end the summary with an `orchestrator-plan` block (see the prompt). */
  readonly kind: 'work' | 'plan';
  /** The whole prompt: session prompt, task, context, operator prompts given at start. */
  readonly prompt: string;
  /** The task's git worktree on the engine's host (branch `orch/<session>/<task>`); the agent works in it. */
  readonly workspace: { readonly directory: string };
  readonly model?: string;
  /** ISO 8601 UTC: the run fails `TASK.TIMED_OUT` if no result came by then. */
  readonly deadline: string;
  /** Where to report: `<api>/agents/<agentId>/runs/<runId>/{progress,result}`. */
  readonly api: { readonly runUrl: string | null };
  /** The session's context and a key that may write it (`PATCH <apiUrl>/contexts/<contextId>` with `source`). */
  readonly context?: {
    readonly apiUrl: string;
    readonly token: string;
    readonly contextId: string;
    readonly version: number;
    readonly source: { readonly sessionId: string; readonly taskId: string; readonly attempt: number };
  };
}

/** The other messages a push-mode agent receives, signed the same way. */
export type AgentMessage =
  | TaskAssignment
  | { readonly type: 'task.cancelled'; readonly agentId: string; readonly runId: string; readonly reason: string }
  | { readonly type: 'prompt.injected'; readonly agentId: string; readonly runId: string; readonly injectionId: string; readonly text: string };
