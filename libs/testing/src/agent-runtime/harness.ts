import type { AgentRuntimePort, RunAgent, RunOutcome, TaskRunRequest } from '@orch/application';

/** How a contract test needs the agent to behave; each adapter says how to ask its agent for it. */
export type RunBehaviour =
  /** Does the task in a few steps and completes. */
  | 'completes'
  /** Reports failure itself (`TASK.AGENT_ERROR`). */
  | 'fails'
  /** Starts, then never progresses nor ends on its own. */
  | 'hangs'
  /** Asks one permission before it writes, then completes when allowed. */
  | 'asksPermission'
  /** Completes, but only after long enough (seconds) to be injected into or aborted mid-run. */
  | 'runsLong';

/** What `attach(runtimeRef)` on a fresh runtime (a restarted engine) answers for a run started before. */
export type AfterRestart =
  /** The run lives outside the engine process: found, and it carries on to its outcome. */
  | 'reattaches'
  /** The run died with the engine process: `{ found: false, reason: 'unknown_run' }`. */
  | 'unknown_run';

/** Whether the agent can ask for a permission at all, which decides what `asksPermission` gets from it. */
export type PermissionRequests =
  /** It asks, waits for the answer, and goes on as answered. */
  | 'asked'
  /**
   * It never asks: it runs under a fixed policy of its own (Codex `exec` has approval policy
   * `never` and refuses escalations itself). `asksPermission` has it try something that policy
   * refuses; it carries on without a permission request.
   */
  | 'never';

/** Adapter differences are options here, never `if`s in the tests (STYLE.md habit 6). */
export interface AgentRuntimeContractOptions {
  /** The agent every request names (its runtime kind and config). */
  readonly agent: RunAgent;
  /** Rewrites a plain request so this adapter's agent behaves as asked (a directive, a scripted model turn…). */
  readonly behave: (behaviour: RunBehaviour, request: TaskRunRequest) => TaskRunRequest;
  readonly afterRestart: AfterRestart;
  /** How a run ends once its permission request is denied (matched as a subset of the outcome). */
  readonly afterDeny: Partial<RunOutcome>;
  /** Default `asked`. */
  readonly permissionRequests?: PermissionRequests;
  /** How soon after `abort` the run must have ended, and a timeout fired; default 2000 ms. */
  readonly promptlyMs?: number;
  /** `maxDurationMs` of the runs meant to time out; default 500 ms. */
  readonly hangLimitMs?: number;
  /** How long a blocked run is watched to see that nothing happens; default 300 ms. */
  readonly quietMs?: number;
  /** Jest timeout of each test; default 20 s. */
  readonly testTimeoutMs?: number;
}

/** What each part of the contract gets; a fresh runtime and temp root per test. */
export interface RuntimeContractContext {
  readonly options: AgentRuntimeContractOptions;
  /** The runtime of the current test (made in beforeEach, closed in afterEach). */
  runtime(): AgentRuntimePort;
  /** Another runtime, as a restarted engine would make it; closed after the test. */
  restartedRuntime(): Promise<AgentRuntimePort>;
  /** A new, empty working directory under the test's temp root (removed after the test). */
  workDir(): Promise<string>;
  /** The test's temp root, holding every working directory it made. */
  tempRoot(): string;
  /** A request for `behaviour` in a new working directory; `overrides` apply before `behave`. */
  request(behaviour: RunBehaviour, overrides?: Partial<TaskRunRequest>): Promise<TaskRunRequest>;
  readonly promptlyMs: number;
  readonly hangLimitMs: number;
  readonly quietMs: number;
}
