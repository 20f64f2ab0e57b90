import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { RunStarts, type AgentRuntimePort, type AttachResult, type RunFailure, type RunStart, type TaskRunRequest } from '@orch/application';
import { chooseScript } from './script-directives';
import { scriptFor } from './script-plan';
import { playScript } from './script-runner';
import { ScriptedRun } from './scripted-run';

export interface ScriptedRuntimeOptions {
  /** Time each step takes: a few hundred ms shows a realistic pace in the demo; ~10 ms suits tests. Default 400. */
  readonly stepDelayMs?: number;
  /** How many times longer each step of a `slow` script takes. Default 5. */
  readonly slowFactor?: number;
  /** Ended runs kept for `attach` and repeated starts, oldest forgotten first. Default 1000. */
  readonly keepEndedRuns?: number;
}

/**
 * The built-in scripted agents (DOMAIN.md §4.2 runtime kind `scripted`): deterministic, no model,
 * real files. Runs live in this process only: after a restart `attach` answers `unknown_run`, so
 * recovery interrupts and requeues the task, and the retry replays the same script.
 */
export class ScriptedAgentRuntime implements AgentRuntimePort {
  private readonly starts = new RunStarts();
  private readonly runs = new Map<string, ScriptedRun>();
  private readonly endedRuns: ScriptedRun[] = [];
  private closed = false;
  private readonly stepDelayMs: number;
  private readonly slowFactor: number;
  private readonly keepEndedRuns: number;

  constructor(options: ScriptedRuntimeOptions = {}) {
    this.stepDelayMs = options.stepDelayMs ?? 400;
    this.slowFactor = options.slowFactor ?? 5;
    this.keepEndedRuns = options.keepEndedRuns ?? 1000;
  }

  start(request: TaskRunRequest): Promise<RunStart> {
    return this.starts.start(request.runId, () => this.startNew(request));
  }

  async attach(runtimeRef: string): Promise<AttachResult> {
    const run = this.runs.get(runtimeRef);
    if (run !== undefined) return { found: true, run };
    const message = `${runtimeRef} is not a run of this process; scripted runs do not outlive the process that started them`;
    return { found: false, reason: 'unknown_run', message };
  }

  /** Idempotent; runs still going end `aborted`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.runs.values()].map((run) => run.abort('the scripted runtime closed')));
  }

  private async startNew(request: TaskRunRequest): Promise<RunStart> {
    const refusal = await this.refusal(request);
    if (refusal !== undefined) return { started: false, failure: refusal };
    const scenario = request.agent.runtime.kind === 'scripted' ? request.agent.runtime.config.scenario : '';
    const script = chooseScript(scenario, request.instructions, request.taskId);
    if (!script.ok) return refused(script.message, false);
    const run = new ScriptedRun(`scripted:${request.runId}`, request);
    this.runs.set(run.runtimeRef, run);
    void run.outcome().then(() => this.forgetOldest(run));
    const delay = script.flags.slow ? this.stepDelayMs * this.slowFactor : this.stepDelayMs;
    playScript(run, scriptFor(request, script.flags), delay).catch((error: unknown) => {
      run.end({ status: 'failed', code: 'TASK.AGENT_ERROR', message: `scripted agent crashed: ${String(error)}`, retryable: true });
    });
    return { started: true, run };
  }

  private forgetOldest(ended: ScriptedRun): void {
    this.endedRuns.push(ended);
    for (const old of this.endedRuns.splice(0, Math.max(0, this.endedRuns.length - this.keepEndedRuns))) {
      this.runs.delete(old.runtimeRef);
      this.starts.forget(old.request.runId);
    }
  }

  private async refusal(request: TaskRunRequest): Promise<RunFailure | undefined> {
    if (this.closed) return failure('the scripted runtime is closed', true);
    if (request.agent.runtime.kind !== 'scripted') return failure(`agent ${request.agent.agentId} is not a scripted agent`, false);
    const { maxDurationMs } = request.limits;
    if (!Number.isInteger(maxDurationMs) || maxDurationMs <= 0) return failure(`maxDurationMs must be a positive integer`, false);
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
