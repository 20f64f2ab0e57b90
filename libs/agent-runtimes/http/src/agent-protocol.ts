import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgressKind, RunOutcome, RunUsage } from '@orch/application';
import { ProtocolError } from './protocol-error';
import { ChangeWatcher } from './store/change-watcher';
import { RunStore, type NewRunEvent, type PendingPrompt, type ResultAudit, type RunRecord } from './store/run-store';
import type { TaskAssignment } from './task-assignment';

/** The authenticated agent a call is made for (its token names exactly one agent of one tenant). */
export interface ProtocolAgent {
  readonly agentId: string;
  readonly tenantId: string;
}

export interface UsageIncrement {
  readonly tokensIn?: number;
  readonly tokensOut?: number;
  readonly costUsd?: number;
  readonly apiCalls?: number;
  readonly apiErrors?: number;
}

export interface ProgressReport {
  readonly message?: string;
  /** Default `text`. */
  readonly kind?: ProgressKind;
  readonly tool?: { readonly name: string; readonly status: string };
  readonly usage?: UsageIncrement;
}

export type ResultReport =
  | { readonly status: 'completed'; readonly summary: string; readonly filesChanged?: readonly string[]; readonly commitSha?: string; readonly usage?: UsageIncrement }
  | { readonly status: 'failed'; readonly reason: string; readonly retryable: boolean; readonly usage?: UsageIncrement };

export interface ProgressAnswer {
  readonly seq: number;
  /** Operator prompts for the agent, each handed over once (push-mode agents may have had them pushed: dedupe by id). */
  readonly prompts: readonly PendingPrompt[];
}

export interface AgentProtocolOptions {
  readonly connectionString: string;
  readonly schema?: string;
  /** The longest `nextTask` waits, whatever the agent asks; default 30 s. */
  readonly maxWaitMs?: number;
  readonly pollMs?: number;
}

const TEXT_LIMIT = 8000;
const SUMMARY_LIMIT = 4000;
const MESSAGE_LIMIT = 2000;

/**
 * The agent's side of the External Agent Protocol, without HTTP: take the next task (long poll),
 * report progress and the result of a run. Each call is scoped to the calling agent and its
 * tenant: another agent's run is not found. A run that ended (aborted, timed out, reported) refuses
 * further reports with 409 `RUN.ENDED`. The api's controller and the tests' server both call this.
 */
export class AgentProtocol {
  private readonly store: RunStore;
  private readonly watcher: ChangeWatcher;
  private readonly maxWaitMs: number;
  private readonly pollMs: number;

  constructor(options: AgentProtocolOptions) {
    this.store = new RunStore({ connectionString: options.connectionString, schema: options.schema });
    this.watcher = new ChangeWatcher(options.connectionString);
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
  }

  /** The agent's oldest queued task, waiting up to `waitMs` (capped) for one; undefined when none came. */
  async nextTask(agent: ProtocolAgent, waitMs: number): Promise<TaskAssignment | undefined> {
    const until = Date.now() + Math.min(Math.max(0, waitMs), this.maxWaitMs);
    for (;;) {
      const run = await this.store.claimNext(agent.agentId, agent.tenantId);
      if (run !== undefined && !(await this.expired(run))) return run.assignment;
      if (run !== undefined) continue;
      const left = until - Date.now();
      if (left <= 0) return undefined;
      await this.watcher.changed(`agent:${agent.agentId}`, Math.min(left, this.pollMs));
    }
  }

  async progress(agent: ProtocolAgent, runId: string, report: ProgressReport): Promise<ProgressAnswer> {
    await this.liveRun(agent, runId);
    // Prompts first: their `prompt_delivered` precedes whatever the agent reports after taking them.
    const prompts = await this.store.deliverPrompts(runId);
    const events: NewRunEvent[] = [];
    if (report.message !== undefined && report.message.trim() !== '') {
      const text = [...report.message].slice(0, TEXT_LIMIT).join('');
      events.push({ type: 'progress', kind: report.kind ?? 'text', text, ...(report.tool === undefined ? {} : { tool: report.tool }) });
    }
    const usage = usageEvent(report.usage);
    if (usage !== undefined) events.push(usage);
    if (events.length === 0) return { seq: (await this.liveRun(agent, runId)).lastSeq, prompts };
    const appended = await this.store.append(runId, events);
    if (appended.length === 0) await this.liveRun(agent, runId);
    return { seq: appended.at(-1)?.seq ?? 0, prompts };
  }

  async result(agent: ProtocolAgent, runId: string, report: ResultReport, audit?: ResultAudit): Promise<{ readonly seq: number; readonly outcome: RunOutcome }> {
    const run = await this.liveRun(agent, runId);
    const changedFiles = report.status === 'completed' ? await existingFiles(run.assignment.workspace.directory, report.filesChanged ?? []) : [];
    const usage = usageEvent(report.usage);
    const outcomeOf = (total: RunUsage): RunOutcome =>
      report.status === 'completed'
        ? { status: 'completed', summary: cut(report.summary, SUMMARY_LIMIT), changedFiles, usage: total, ...(report.commitSha === undefined ? {} : { commitSha: report.commitSha }) }
        : { status: 'failed', code: 'TASK.AGENT_ERROR', message: cut(report.reason, MESSAGE_LIMIT), retryable: report.retryable, usage: total };
    const appended = await this.store.append(runId, usage === undefined ? [] : [usage], outcomeOf, audit);
    const ended = appended.at(-1);
    if (ended?.type !== 'ended') throw ended === undefined ? await this.endedError(agent, runId) : new Error('the result was not recorded');
    return { seq: ended.seq, outcome: ended.outcome };
  }

  async close(): Promise<void> {
    await this.watcher.close();
    await this.store.close();
  }

  /** The agent's own run, still going; a run past its deadline is ended `TASK.TIMED_OUT` here too. */
  private async liveRun(agent: ProtocolAgent, runId: string): Promise<RunRecord> {
    const run = await this.store.get(runId);
    if (run === undefined || run.agentId !== agent.agentId || run.tenantId !== agent.tenantId) {
      throw new ProtocolError(404, 'RUN.NOT_FOUND', `agent ${agent.agentId} has no run ${runId}`, { runId });
    }
    if (run.outcome === null && !(await this.expired(run))) return run;
    throw await this.endedError(agent, runId);
  }

  private async endedError(agent: ProtocolAgent, runId: string): Promise<ProtocolError> {
    const outcome = (await this.store.get(runId))?.outcome;
    const reason = outcome?.status === 'aborted' ? outcome.reason : outcome?.status === 'failed' ? outcome.message : undefined;
    return new ProtocolError(409, 'RUN.ENDED', `run ${runId} of agent ${agent.agentId} has ended${outcome ? ` (${outcome.status})` : ''}; stop working on it`, {
      runId,
      status: outcome?.status ?? 'ended',
      ...(reason === undefined ? {} : { reason }),
    });
  }

  private async expired(run: RunRecord): Promise<boolean> {
    if (run.outcome !== null || Date.now() < run.deadlineAtMs) return false;
    const message = `the agent sent no result by the deadline ${run.assignment.deadline}`;
    await this.store.append(run.runId, [], (usage) => ({ status: 'failed', code: 'TASK.TIMED_OUT', message, retryable: true, usage }));
    return true;
  }
}

function usageEvent(increment: UsageIncrement | undefined): NewRunEvent | undefined {
  if (increment === undefined) return undefined;
  const usage = {
    tokensIn: increment.tokensIn ?? 0,
    tokensOut: increment.tokensOut ?? 0,
    costUsd: Math.round((increment.costUsd ?? 0) * 1_000_000) / 1_000_000,
    apiCalls: increment.apiCalls ?? 0,
    apiErrors: increment.apiErrors ?? 0,
  };
  return Object.values(usage).some((value) => value > 0) ? { type: 'usage', ...usage } : undefined;
}

const cut = (text: string, limit: number): string => [...text.trim()].slice(0, limit).join('');

/**
 * The reported files that are files in the task's directory, `/`-separated, deduplicated and sorted
 * (the port's rule). The DTO already refused absolute paths and `..`.
 */
async function existingFiles(directory: string, files: readonly string[]): Promise<string[]> {
  const unique = [...new Set(files.map((file) => file.replace(/^\.\//, '')))];
  const present = await Promise.all(unique.map(async (file) => ((await stat(join(directory, file)).then((s) => s.isFile(), () => false)) ? file : undefined)));
  return present.filter((file): file is string => file !== undefined).sort();
}
