import type { InjectedPrompt, PermissionAnswer, PermissionRequest, RunFailure, RunProgress, RunUsage, TaskRunRequest } from '@orch/application';
import type { ProcessRuntimeConfig } from '@orch/domain-agent';
import type { ProcessLimits } from '../process/agent-process';
import type { PriceTable } from '../usage';

/** What a driver reports into its run (ProcessRun). Calls after the run ended are ignored. */
export interface RunSink {
  progress(progress: RunProgress): void;
  /** One delta per agent turn. */
  usage(delta: RunUsage): void;
  /** The agent waits for this answer. */
  askPermission(request: PermissionRequest): void;
  /** The agent gave up waiting (Claude Code's `control_cancel_request`). */
  withdrawPermission(requestId: string): void;
  /** An operator's prompt reached the agent. */
  promptDelivered(injectionId: string): void;
  /** The agent's work is over: its last process exited (or it reported its result and was told to stop). */
  finish(ending: DriverEnding): void;
}

export type DriverEnding = { readonly status: 'completed'; readonly summary: string } | ({ readonly status: 'failed' } & RunFailure);

/** One preset's way of running an agent: the processes it starts and how it reads and talks to them. */
export interface RunDriver {
  /** Starts the agent's first process; a failure means no run exists (TASK.START_FAILED). */
  start(): Promise<RunFailure | undefined>;
  /** Hands an operator prompt to the agent: `delivered` once it has it, `ended` when it never will. */
  deliver(prompt: InjectedPrompt): Promise<'delivered' | 'ended'>;
  /** Writes an answer the run accepted back to the agent. */
  answer(requestId: string, answer: PermissionAnswer): void;
  /** Stops the agent's processes (TERM, then KILL after the grace); resolves once they are gone. */
  stop(): Promise<void>;
  /** The engine itself is exiting: kill at once. */
  killNow(): void;
}

export interface DriverContext {
  readonly request: TaskRunRequest;
  readonly config: ProcessRuntimeConfig;
  /** The child's environment, secrets resolved. */
  readonly env: Readonly<Record<string, string>>;
  readonly sink: RunSink;
  readonly limits: ProcessLimits;
  readonly prices: PriceTable;
}

export type DriverFactory = (context: DriverContext) => RunDriver;
