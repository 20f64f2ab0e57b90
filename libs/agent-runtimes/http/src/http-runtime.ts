import { stat } from 'node:fs/promises';
import type { AgentRuntimePort, AttachResult, RunFailure, RunStart, TaskRunRequest } from '@orch/application';
import { HttpRun, type RunHost } from './http-run';
import { DEFAULT_PUSH_POLICY, pushMessage, type PushPolicy, type PushResult } from './push-client';
import { runIdOf, runtimeRefOf } from './run-ref';
import { ChangeWatcher } from './store/change-watcher';
import { RunStore, type RunRecord } from './store/run-store';
import type { AgentMessage, TaskAssignment } from './task-assignment';

export interface HttpRuntimeOptions {
  /** PostgreSQL holding the protocol's runs (the api's database: agents report through the api). */
  readonly connectionString: string;
  /** Default `agent_protocol`. */
  readonly schema?: string;
  /** The HMAC secret of a push-mode agent (see agentSigningSecret). */
  readonly signingSecret: (agentId: string, tokenHash: string) => string;
  /** The api base URL agents report to (`…/api/v1`), put in each assignment as `api.runUrl`. */
  readonly apiUrl: () => string | undefined;
  readonly push?: Partial<PushPolicy>;
  /** The longest a waiter sleeps without a notification (a poll); default 500 ms. */
  readonly pollMs?: number;
}

/**
 * The `http` runtime (External Agent Protocol, docs/external-agent-protocol.md): a run is a row in
 * PostgreSQL. Push mode (the agent has an `endpointUrl`) POSTs the signed assignment to the agent,
 * whose refusal is a failed start; pull mode queues it for the agent's long poll. The agent reports
 * progress and its result through the api, which appends to the run; this runtime ends runs that
 * are aborted or pass their deadline. Runs live outside the engine: a restarted engine re-attaches.
 */
export class HttpAgentRuntime implements AgentRuntimePort {
  private readonly store: RunStore;
  private readonly watcher: ChangeWatcher;
  private readonly host: RunHost;
  private readonly deadlines = new Map<string, NodeJS.Timeout>();
  private readonly policy: PushPolicy;
  private closed = false;

  constructor(private readonly options: HttpRuntimeOptions) {
    this.store = new RunStore({ connectionString: options.connectionString, schema: options.schema });
    this.watcher = new ChangeWatcher(options.connectionString);
    this.policy = { ...DEFAULT_PUSH_POLICY, ...options.push };
    this.host = {
      store: this.store,
      watcher: this.watcher,
      pollMs: options.pollMs ?? 500,
      push: (run, message) => this.push(run, message, this.policy),
      cancelled: (run, reason) => this.tellCancelled(run, reason),
    };
  }

  async start(request: TaskRunRequest): Promise<RunStart> {
    const { runtime } = request.agent;
    if (runtime.kind !== 'http') return notStarted(`agent ${request.agent.agentId} is not an http agent`, false);
    if (!(await isDirectory(request.workingDirectory))) return notStarted(`the working directory ${request.workingDirectory} does not exist`, false);
    const deadlineAtMs = Date.now() + request.limits.maxDurationMs;
    const endpointUrl = runtime.config.endpointUrl ?? null;
    const { run } = await this.store.insert({
      runId: request.runId,
      tenantId: request.tenantId,
      agentId: request.agent.agentId,
      mode: endpointUrl === null ? 'pull' : 'push',
      assignment: this.assignmentFor(request, deadlineAtMs),
      endpointUrl,
      tokenHash: runtime.config.tokenHash,
      deadlineAtMs,
    });
    // A push that an earlier start (this one, or one before a crash) did not get accepted is made now.
    if (run.mode === 'push' && run.state === 'queued') {
      const pushed = await this.push(run, run.assignment, this.policy);
      if (!pushed.accepted) {
        await this.store.remove(run.runId);
        return notStarted(`the agent did not accept the task: ${pushed.reason}`, true);
      }
      await this.store.markDelivered(run.runId);
    }
    this.armDeadline(run);
    return { started: true, run: new HttpRun(this.host, runtimeRefOf(run.runId), run.runId) };
  }

  async attach(runtimeRef: string): Promise<AttachResult> {
    const runId = runIdOf(runtimeRef);
    const run = runId === undefined ? undefined : await this.store.get(runId);
    if (run === undefined) return { found: false, reason: 'unknown_run', message: `no http run has the reference ${runtimeRef}` };
    this.armDeadline(run);
    return { found: true, run: new HttpRun(this.host, runtimeRef, run.runId) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.deadlines.values()) clearTimeout(timer);
    this.deadlines.clear();
    await this.watcher.close();
    await this.store.close();
  }

  private assignmentFor(request: TaskRunRequest, deadlineAtMs: number): TaskAssignment {
    const apiUrl = this.options.apiUrl();
    const access = request.orchestrator;
    return {
      type: 'task.assigned',
      agentId: request.agent.agentId,
      runId: request.runId,
      sessionId: request.sessionId,
      taskId: request.taskId,
      attempt: request.attempt,
      title: request.title,
      kind: request.taskKind ?? 'work',
      prompt: request.instructions,
      workspace: { directory: request.workingDirectory },
      ...(request.model === undefined ? {} : { model: request.model }),
      deadline: new Date(deadlineAtMs).toISOString(),
      api: { runUrl: apiUrl === undefined ? null : `${apiUrl}/agents/${request.agent.agentId}/runs/${encodeURIComponent(request.runId)}` },
      ...(access === undefined
        ? {}
        : { context: { apiUrl: access.apiUrl, token: access.token, contextId: access.contextId, version: access.contextVersion, source: access.source } }),
    };
  }

  /** At its deadline a run still going ends failed `TASK.TIMED_OUT` (retryable); the agent is told. */
  private armDeadline(run: RunRecord): void {
    if (run.outcome !== null || this.deadlines.has(run.runId) || this.closed) return;
    const timer = setTimeout(() => void this.timeOut(run).catch(() => undefined), Math.max(0, run.deadlineAtMs - Date.now()));
    timer.unref();
    this.deadlines.set(run.runId, timer);
  }

  private async timeOut(run: RunRecord): Promise<void> {
    this.deadlines.delete(run.runId);
    const message = `the agent sent no result by the deadline ${run.assignment.deadline}`;
    const ended = await this.store.append(run.runId, [], (usage) => ({ status: 'failed', code: 'TASK.TIMED_OUT', message, retryable: true, usage }));
    if (ended.length > 0) this.tellCancelled(run, 'the run passed its deadline');
  }

  private push(run: RunRecord, message: AgentMessage, policy: PushPolicy): Promise<PushResult> {
    if (run.endpointUrl === null) return Promise.resolve({ accepted: false, reason: 'a pull-mode agent has no endpoint' });
    return pushMessage(run.endpointUrl, this.options.signingSecret(run.agentId, run.tokenHash), message, policy);
  }

  private tellCancelled(run: RunRecord, reason: string): void {
    if (run.mode !== 'push' || this.closed) return;
    const once = { ...this.policy, attempts: 1, timeoutMs: 2_000 };
    void this.push(run, { type: 'task.cancelled', agentId: run.agentId, runId: run.runId, reason }, once).catch(() => undefined);
  }
}

function notStarted(message: string, retryable: boolean): RunStart {
  const failure: RunFailure = { code: 'TASK.START_FAILED', message, retryable };
  return { started: false, failure };
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
