import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { RunStarts, type AgentRuntimePort, type AttachResult, type ProbeResult, type RunAgent, type RunFailure, type RunStart, type TaskRunRequest } from '@orch/application';
import type { ProcessPreset, ProcessRuntimeConfig } from '@orch/domain-agent';
import { ClaudeCodeDriver } from './drivers/claude-code-driver';
import { CodexDriver } from './drivers/codex-driver';
import type { DriverFactory } from './drivers/driver';
import { GenericDriver } from './drivers/generic-driver';
import type { ProcessLimits } from './process/agent-process';
import { versionProbe } from './version-probe';
import { childEnvironment, DEFAULT_INHERITED_ENV, envSecretResolver, type SecretResolver } from './process/child-env';
import { ProcessRun } from './process-run';
import type { PriceTable } from './usage';
import { trackChanges } from './workspace/change-tracker';

export interface ProcessRuntimeOptions {
  /** `secret:<name>` in an agent's env → its value. Default: `ORCH_SECRET_<NAME>` from `baseEnv`. */
  readonly secrets?: SecretResolver;
  /** The engine's environment, which children inherit `inheritEnv` from. Default: `process.env`. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
  /** Names children inherit (the agent's `env` comes on top). Default: PATH, HOME, USER, LANG… (DEFAULT_INHERITED_ENV). */
  readonly inheritEnv?: readonly string[];
  /** USD per million tokens, for CLIs that report tokens but no cost (Codex); `*` for any model. Default: none (cost 0). */
  readonly prices?: PriceTable;
  /** Between SIGTERM and SIGKILL of an agent's process group. Default 2000 ms. */
  readonly killGraceMs?: number;
  /** Longest stdout line read; longer ones are skipped (and said so). Default 8 MiB. */
  readonly maxLineBytes?: number;
  /** How much of stderr is kept for failure messages. Default 8 KiB. */
  readonly stderrTailBytes?: number;
  /** Ended runs kept for `attach` and repeated starts, oldest forgotten first. Default 1000. */
  readonly keepEndedRuns?: number;
}

const DRIVERS: Record<ProcessPreset, DriverFactory> = {
  'claude-code': (ctx) => new ClaudeCodeDriver(ctx),
  codex: (ctx) => new CodexDriver(ctx),
  generic: (ctx) => new GenericDriver(ctx),
};

/**
 * Agents that run as child processes (DOMAIN.md §4.2 runtime kind `process`): Claude Code,
 * Codex, or any command speaking JSON lines, each in the task's working directory. Runs are owned
 * by this engine process: after a restart `attach` answers `unknown_run` and the task is requeued.
 */
export class ProcessAgentRuntime implements AgentRuntimePort {
  private readonly starts = new RunStarts();
  private readonly runs = new Map<string, ProcessRun>();
  private readonly endedRuns: ProcessRun[] = [];
  private readonly limits: ProcessLimits;
  private readonly secrets: SecretResolver;
  private closed = false;
  private readonly killAll = (): void => {
    for (const run of this.runs.values()) if (!run.ended) run.killNow();
  };

  constructor(private readonly options: ProcessRuntimeOptions = {}) {
    this.limits = {
      killGraceMs: options.killGraceMs ?? 2000,
      maxLineBytes: options.maxLineBytes ?? 8 * 1024 * 1024,
      stderrTailBytes: options.stderrTailBytes ?? 8 * 1024,
    };
    this.secrets = options.secrets ?? envSecretResolver(options.baseEnv ?? process.env);
    // Agents run detached in their own process groups: should the engine exit, they go with it.
    process.on('exit', this.killAll);
  }

  start(request: TaskRunRequest): Promise<RunStart> {
    return this.starts.start(request.runId, () => this.startNew(request));
  }

  async attach(runtimeRef: string): Promise<AttachResult> {
    const run = this.runs.get(runtimeRef);
    if (run !== undefined) return { found: true, run };
    const message = `${runtimeRef} is not a run of this engine process; process agents are its children and do not outlive it`;
    return { found: false, reason: 'unknown_run', message };
  }

  /** Idempotent; runs still going end `aborted` and their processes are stopped. */
  /** Liveness: the agent's command starts and answers `--version` (DOMAIN.md §4.2). */
  probe(agent: RunAgent): Promise<ProbeResult> {
    return versionProbe(agent, { ...(this.options.baseEnv ?? process.env) } as NodeJS.ProcessEnv);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.runs.values()].map((run) => run.abort('the process runtime closed')));
    process.off('exit', this.killAll);
  }

  private async startNew(request: TaskRunRequest): Promise<RunStart> {
    const startedAt = Date.now();
    const refusal = await this.refusal(request);
    if (refusal !== undefined) return { started: false, failure: refusal };
    const config = request.agent.runtime.config as ProcessRuntimeConfig;
    const env = await childEnvironment({ ...config.env, ...talkBackEnv(request) }, this.secrets, this.options.baseEnv ?? process.env, this.options.inheritEnv ?? DEFAULT_INHERITED_ENV);
    if (!env.ok) return refused(`secret ${env.missing} is not set`, false);
    const changes = await trackChanges(request.workingDirectory);
    // The time limit counts from the start call: taking the baseline is part of the run.
    const timeLeft = Math.max(1, request.limits.maxDurationMs - (Date.now() - startedAt));
    // The agent's own key is a secret too: it never shows in what the run records.
    const token = request.orchestrator?.token;
    const redact = token === undefined ? env.redact : (text: string) => env.redact(text).split(token).join('[secret]');
    const run = new ProcessRun(`process:${request.runId}`, request.runId, timeLeft, changes, redact);
    const driver = DRIVERS[config.preset]({ request, config, env: env.env, sink: run, limits: this.limits, prices: this.options.prices ?? {} });
    run.drive(driver);
    const failure = await driver.start();
    if (failure !== undefined) {
      run.discard();
      return { started: false, failure };
    }
    this.runs.set(run.runtimeRef, run);
    void run.outcome().then(() => this.forgetOldest(run));
    return { started: true, run };
  }

  private forgetOldest(ended: ProcessRun): void {
    this.endedRuns.push(ended);
    for (const old of this.endedRuns.splice(0, Math.max(0, this.endedRuns.length - (this.options.keepEndedRuns ?? 1000)))) {
      this.runs.delete(old.runtimeRef);
      this.starts.forget(old.runId);
    }
  }

  private async refusal(request: TaskRunRequest): Promise<RunFailure | undefined> {
    if (this.closed) return failure('the process runtime is closed', true);
    const { runtime } = request.agent;
    if (runtime.kind !== 'process') return failure(`agent ${request.agent.agentId} is not a process agent`, false);
    if (runtime.config.preset === 'generic' && runtime.config.command === undefined) return failure('a generic process agent needs a command', false);
    const { maxDurationMs } = request.limits;
    if (!Number.isInteger(maxDurationMs) || maxDurationMs <= 0) return failure('maxDurationMs must be a positive integer', false);
    if (!isAbsolute(request.workingDirectory)) return failure(`working directory ${request.workingDirectory} is not absolute`, false);
    const isDirectory = await stat(request.workingDirectory).then((s) => s.isDirectory(), () => false);
    return isDirectory ? undefined : failure(`working directory ${request.workingDirectory} does not exist`, true);
  }
}

function failure(message: string, retryable: boolean): RunFailure {
  return { code: 'TASK.START_FAILED', message, retryable };
}

function refused(message: string, retryable: boolean): RunStart {
  return { started: false, failure: failure(message, retryable) };
}

/**
 * How the agent talks back to the orchestrator (TaskRunRequest.orchestrator): the api, its own key
 * and the attempt a context write is for, as environment variables its shell tools can use.
 */
function talkBackEnv(request: TaskRunRequest): Record<string, string> {
  const access = request.orchestrator;
  if (access === undefined) return {};
  return {
    ORCH_API_URL: access.apiUrl,
    ORCH_AGENT_TOKEN: access.token,
    ORCH_CONTEXT_ID: access.contextId,
    ORCH_CONTEXT_VERSION: String(access.contextVersion),
    ORCH_SESSION_ID: access.source.sessionId,
    ORCH_TASK_ID: access.source.taskId,
    ORCH_ATTEMPT: String(access.source.attempt),
  };
}
