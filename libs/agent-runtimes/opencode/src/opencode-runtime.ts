import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { RunStarts, type AgentRuntimePort, type AttachResult, type ProbeResult, type RunAgent, type RunFailure, type RunStart, type TaskRunRequest } from '@orch/application';
import type { OpencodeRuntimeConfig } from '@orch/domain-agent';
import { OpencodeRun, type RunTiming } from './opencode-run';
import type { OwnedServerOptions } from './owned-server';
import { RunJournal } from './run-journal';
import { decodeRunRef, encodeRunRef, type RunRef } from './runtime-ref';
import { environmentSecrets, type SecretResolver } from './secrets';
import { ServerConnection, type ConnectionOptions } from './server-connection';
import { IdleDirectories } from './idle-directories';
import { ServerPool, ServerUnavailable } from './server-pool';
import { SessionClient, type PromptSpec } from './session-client';
import { createSession } from './session-start';

export interface OpencodeRuntimeOptions {
  /** The runtime's own directory: run journals (`runs/`) and its server's home (`server/`). One runtime per dataDir at a time. */
  readonly dataDir: string;
  /** The server this runtime owns, for agents without `baseUrl`. Absent: such agents are refused. */
  readonly ownedServer?: OwnedServerOptions;
  /** `passwordRef` (`secret:<name>`) → password. Default: `ORCH_SECRET_<NAME>` from the environment. */
  readonly resolveSecret?: SecretResolver;
  /** Permission rules every session is created with (OpenCode's `[{ permission, pattern, action }]`). */
  readonly sessionPermission?: readonly { readonly permission: string; readonly pattern: string; readonly action: 'allow' | 'deny' | 'ask' }[];
  readonly timing?: Partial<RunTiming>;
  readonly connection?: ConnectionOptions;
  /** The time limit of a run attached without its journal (started by another engine's data dir). Default 1 h. */
  readonly attachedRunLimitMs?: number;
  /** Ended runs kept in memory for attach and repeated starts, oldest forgotten first (their journals stay). Default 1000. */
  readonly keepEndedRuns?: number;
  /**
   * After a run ends and no other run of this runtime works in its directory, the server's instance
   * for that directory is disposed this much later (a long-lived server would otherwise keep one per
   * worktree it ever saw, file watchers included). Default 10 s.
   */
  readonly disposeIdleDirectoryAfterMs?: number;
}

const DEFAULT_TIMING: RunTiming = { pollMs: 2_000, stallMs: 15_000, lostAfterMs: 30_000, abortTimeoutMs: 3_000, onError: () => undefined };

/**
 * The `opencode` agent runtime (DOMAIN.md §4.2): each run is one OpenCode session in the task's
 * working directory, on the runtime's own `opencode serve` or on an external server. Runs are
 * journaled under the data dir, so a restarted engine re-attaches: runs on an external or
 * still-running server carry on; those of an owned server that died end TASK.RUN_LOST.
 */
export class OpencodeAgentRuntime implements AgentRuntimePort {
  private readonly servers: ServerPool;
  private readonly timing: RunTiming;
  private readonly starts = new RunStarts();
  private readonly runs = new Map<string, Promise<OpencodeRun | undefined>>();
  private readonly endedRuns: { readonly runtimeRef: string; readonly runId: string }[] = [];
  private readonly directories: IdleDirectories;
  private closed = false;

  constructor(private readonly options: OpencodeRuntimeOptions) {
    if (!isAbsolute(options.dataDir)) throw new Error(`dataDir must be absolute, got ${options.dataDir}`);
    this.servers = new ServerPool(resolve(options.dataDir), options.ownedServer, options.resolveSecret ?? environmentSecrets(), options.connection ?? {});
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.directories = new IdleDirectories(options.disposeIdleDirectoryAfterMs ?? 10_000, this.timing.onError);
  }

  start(request: TaskRunRequest): Promise<RunStart> {
    return this.starts.start(request.runId, () => this.startNew(request));
  }

  async attach(runtimeRef: string): Promise<AttachResult> {
    const ref = decodeRunRef(runtimeRef);
    if (ref === undefined) return unknown(`${runtimeRef} is not a run of the opencode runtime`);
    let finding = this.runs.get(runtimeRef);
    if (finding === undefined) {
      finding = this.find(runtimeRef, ref);
      this.runs.set(runtimeRef, finding);
      void finding.then((run) => run ?? this.runs.delete(runtimeRef), () => this.runs.delete(runtimeRef));
    }
    const run = await finding.catch(() => undefined);
    return run === undefined ? unknown(`OpenCode session ${ref.sessionId} of ${runtimeRef} was not found on its server`) : { found: true, run };
  }

  /** Idempotent. Runs on the owned server end `aborted` and the server stops; runs on external servers go on there. */
  /** Liveness (DOMAIN.md §4.2): the agent's server answers its health check. */
  async probe(agent: RunAgent): Promise<ProbeResult> {
    if (agent.runtime.kind !== 'opencode') return { ok: false, reason: `not an opencode agent (${agent.runtime.kind})` };
    try {
      return await this.servers.probe(ServerPool.serverOf(agent.runtime.config));
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.directories.close();
    const runs = (await Promise.all([...this.runs.values()].map((r) => r.catch(() => undefined)))).filter((r): r is OpencodeRun => r !== undefined);
    await Promise.all(runs.map((run) => (run.ownedServer ? run.abort('the OpenCode runtime closed') : run.detach())));
    await this.servers.close();
  }

  private async startNew(request: TaskRunRequest): Promise<RunStart> {
    const startedAt = Date.now();
    const refusal = await this.refusal(request);
    if (refusal !== undefined) return { started: false, failure: refusal };
    const known = await RunJournal.runtimeRefOf(this.options.dataDir, request.runId);
    if (known !== undefined) {
      const attached = await this.attach(known);
      if (attached.found) return { started: true, run: attached.run };
    }
    const config = (request.agent.runtime as { config: OpencodeRuntimeConfig }).config;
    let connection: ServerConnection;
    let ref: RunRef;
    let spec: PromptSpec;
    try {
      spec = promptSpec(config.agent, request.model);
      const server = ServerPool.serverOf(config);
      connection = await this.servers.connection(server);
      const sessionId = await createSession(connection, request, spec, this.options.sessionPermission);
      ref = { server, sessionId, directory: request.workingDirectory };
    } catch (error) {
      return refused(`OpenCode could not start the run: ${(error as Error).message}`, !(error instanceof ServerUnavailable) || error.retryable);
    }
    const runtimeRef = encodeRunRef(ref);
    const header = { runtimeRef, runId: request.runId, startedAt, deadlineAt: startedAt + request.limits.maxDurationMs, instructions: request.instructions, prompt: spec };
    const journal = await RunJournal.create(this.options.dataDir, header);
    const run = new OpencodeRun(header, journal, new SessionClient(connection, ref.sessionId, ref.directory), connection, this.timing, [], this.servers.isOwned(connection));
    try {
      await run.begin(`OpenCode session ${ref.sessionId} (agent ${spec.agent ?? 'default'}) works on "${request.title}" in ${ref.directory}`);
    } catch (error) {
      await RunJournal.forgetRun(this.options.dataDir, request.runId);
      return refused(`OpenCode did not take the instructions: ${(error as Error).message}`, true);
    }
    this.runs.set(runtimeRef, Promise.resolve(run));
    this.track(run, request.runId, connection, ref.directory);
    run.follow();
    return { started: true, run };
  }

  /** Bookkeeping of a run this runtime holds: its directory while it is live; forgotten once old. */
  private track(run: OpencodeRun, runId: string, connection: ServerConnection, directory: string): void {
    const leave = run.ended ? undefined : this.directories.enter(connection, directory, run.runtimeRef);
    void run.outcome().then(() => {
      leave?.();
      this.forgetWhenOld(run, runId);
    });
  }

  /** An ended run stays in memory among the latest `keepEndedRuns`; after that its journal answers for it. */
  private forgetWhenOld(run: OpencodeRun, runId: string): void {
    this.endedRuns.push({ runtimeRef: run.runtimeRef, runId });
    for (const old of this.endedRuns.splice(0, Math.max(0, this.endedRuns.length - (this.options.keepEndedRuns ?? 1000)))) {
      this.runs.delete(old.runtimeRef);
      this.starts.forget(old.runId);
    }
  }

  /** The run from its journal (or, without one, from its session), followed again; undefined when its session is gone. */
  private async find(runtimeRef: string, ref: RunRef): Promise<OpencodeRun | undefined> {
    const stored = await RunJournal.read(this.options.dataDir, runtimeRef);
    const ended = stored?.contents.entries.some((e) => e.t === 'fact' && e.event.type === 'ended') === true;
    // An ended run answers from its journal, even when its server (or its secret) is gone.
    const connection = await this.servers.connection(ref.server).catch((error: unknown) => {
      if (ended) return ServerConnection.unavailable(String((error as Error).message));
      throw error;
    });
    const session = new SessionClient(connection, ref.sessionId, ref.directory);
    const owned = this.servers.isOwned(connection);
    if (stored !== undefined) {
      if (!ended && !(await session.exists().catch(() => true))) return undefined;
      const run = new OpencodeRun(stored.contents.header, stored.journal, session, connection, this.timing, stored.contents.entries, owned);
      this.track(run, stored.contents.header.runId, connection, ref.directory);
      run.follow();
      return run;
    }
    if (!(await session.exists().catch(() => false))) return undefined;
    const now = Date.now();
    const header = { runtimeRef, runId: `attached:${ref.sessionId}`, startedAt: now, deadlineAt: now + (this.options.attachedRunLimitMs ?? 3_600_000), instructions: '', prompt: {} };
    const journal = await RunJournal.create(this.options.dataDir, header);
    await journal.append({ t: 'prompted' });
    const run = new OpencodeRun(header, journal, session, connection, this.timing, [{ t: 'prompted' }], owned);
    this.track(run, header.runId, connection, ref.directory);
    run.follow();
    return run;
  }

  private async refusal(request: TaskRunRequest): Promise<RunFailure | undefined> {
    if (this.closed) return failure('the OpenCode runtime is closed', true);
    if (request.agent.runtime.kind !== 'opencode') return failure(`agent ${request.agent.agentId} is not an OpenCode agent`, false);
    const { maxDurationMs } = request.limits;
    if (!Number.isInteger(maxDurationMs) || maxDurationMs <= 0) return failure('maxDurationMs must be a positive integer', false);
    if (!isAbsolute(request.workingDirectory)) return failure(`working directory ${request.workingDirectory} is not absolute`, false);
    const isDirectory = await stat(request.workingDirectory).then((s) => s.isDirectory(), () => false);
    return isDirectory ? undefined : failure(`working directory ${request.workingDirectory} does not exist`, true);
  }
}

/** The OpenCode agent and, from `provider/model`, the model to prompt with. */
function promptSpec(agent: string, model: string | undefined): PromptSpec {
  if (model === undefined) return { agent };
  const slash = model.indexOf('/');
  if (slash <= 0 || slash === model.length - 1) throw new ServerUnavailable(`model ${model} is not provider/model`, false);
  return { agent, model: { providerID: model.slice(0, slash), modelID: model.slice(slash + 1) } };
}

function failure(message: string, retryable: boolean): RunFailure {
  return { code: 'TASK.START_FAILED', message: message.slice(0, 2000), retryable };
}

function refused(message: string, retryable: boolean): RunStart {
  return { started: false, failure: failure(message, retryable) };
}

function unknown(message: string): AttachResult {
  return { found: false, reason: 'unknown_run', message };
}
